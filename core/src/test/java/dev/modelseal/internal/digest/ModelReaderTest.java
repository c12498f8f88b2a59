package dev.modelseal.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.OpenDescriptors;
import dev.modelseal.ReadProgress;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streamed and snapshot reads hash exactly the file's bytes, below and above the pipelining threshold. */
class ModelReaderTest {
  @TempDir Path dir;

  private Path file(int size) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    return Files.write(dir.resolve("model-" + size), data);
  }

  private static String hex(String algorithm, byte[] data) throws Exception {
    return dev.modelseal.internal.Bytes.wrap(MessageDigest.getInstance(algorithm).digest(data)).hex();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1 << 20, (1 << 20) + 1, (int) Hasher.PIPELINE_THRESHOLD + (9 << 20) + 3})
  void aStreamedReadHashesEveryByteAndReportsProgress(int size) throws Exception {
    Path file = file(size);
    byte[] data = Files.readAllBytes(file);
    AtomicLong last = new AtomicLong(-1);
    ModelReader.Streamed s = ModelReader.stream(file, Set.of("SHA-256", "SHA-512"), (done, total) -> last.set(done));
    assertThat(s.size()).isEqualTo(size);
    assertThat(s.digests().get("SHA-256").hex()).isEqualTo(hex("SHA-256", data));
    assertThat(s.digests().get("SHA-512").hex()).isEqualTo(hex("SHA-512", data));
    if (size > 0) {
      assertThat(last.get()).isEqualTo(size);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5, (int) Hasher.PIPELINE_THRESHOLD + (9 << 20) + 3})
  void aSnapshotHoldsExactlyTheHashedBytesAndIsDeletedOnClose(int size) throws Exception {
    Path file = file(size);
    byte[] data = Files.readAllBytes(file);
    Path snapshots = dir.resolve("snapshots");
    ModelReader.Result r = ModelReader.read(file, Set.of("SHA-256"), snapshots, ReadProgress.NONE);
    try (ModelContent content = r.content(); InputStream in = content.openStream()) {
      assertThat(OpenDescriptors.in(snapshots)).hasSize(1);
      assertThat(r.digests().get("SHA-256").hex()).isEqualTo(hex("SHA-256", data));
      Files.write(file, new byte[] {1, 2, 3}); // the original changing afterwards changes nothing
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(OpenDescriptors.in(snapshots)).as("closed, so deleted").isEmpty();
  }
}
