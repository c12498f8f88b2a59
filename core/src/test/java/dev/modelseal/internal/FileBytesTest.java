package dev.modelseal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBytesTest {
  @Test
  void readsAFileUpToTheLimit(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "12345");
    assertThat(FileBytes.read(f, "file", 5, Reason.MALFORMED_BUNDLE)).hasSize(5);
    assertThatThrownBy(() -> FileBytes.read(f, "file", 4, Reason.MALFORMED_BUNDLE))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BUNDLE));
  }

  /**
   * A file whose size says less than it holds (here a /proc file, whose size is 0): the read itself
   * stops past the limit, as it does for a file that grows after its size was checked.
   */
  @Test
  void theReadStopsAtTheLimitWhateverTheSizeSaid() throws Exception {
    Path status = Path.of("/proc/self/status");
    assumeTrue(Files.isRegularFile(status) && Files.size(status) == 0, "needs Linux /proc");
    assertThatThrownBy(() -> FileBytes.read(status, "file", 16, Reason.SBOM_INVALID))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SBOM_INVALID));
  }

  @Test
  void missingAndNonRegularFilesAreRefusedWithoutOpening(@TempDir Path dir) {
    for (Path p : new Path[] {dir.resolve("absent"), dir, Path.of("/dev/zero")}) {
      assertThatThrownBy(() -> FileBytes.read(p, "file", 1 << 20, Reason.MALFORMED_BUNDLE))
          .as(p.toString())
          .isInstanceOfSatisfying(ModelVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_EVIDENCE));
    }
  }
}
