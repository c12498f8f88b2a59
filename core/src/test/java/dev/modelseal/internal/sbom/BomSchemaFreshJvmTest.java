package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.minimalBom;
import static dev.modelseal.internal.sbom.BomFixtures.mlBom;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cyclonedx.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the first schema compilations in a JVM do, observed in a child JVM, since this JVM's other
 * tests have already compiled schemas and networknt logs each unknown keyword once per JVM. The
 * child has slf4j-simple from the test classpath, which logs to its standard error.
 */
class BomSchemaFreshJvmTest {

  @Test
  void firstCompilationsCompileOnlyTheDeclaredVersionAndLogNoUnknownKeyword(@TempDir Path dir)
      throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName())
            .redirectError(stderr.toFile())
            .start();
    String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String errors = Files.readString(stderr);

    assertThat(child.exitValue()).as(stdout + errors).isZero();
    assertThat(stdout)
        .contains("compiled after 1.6: [VERSION_16]")
        .contains("earlier versions, concurrently: 32 as expected");
    assertThat(errors).doesNotContain("Unknown keyword").doesNotContain("com.networknt");
  }

  /**
   * Runs in the child JVM: validates an ML-BOM against 1.6 and prints which versions that compiled,
   * then validates valid and invalid BOMs of 1.2 to 1.5 from several threads at once, so that those
   * versions are compiled concurrently on the registry 1.6 left, and prints how many came out right.
   */
  static final class Child {
    public static void main(String[] args) throws Exception {
      BomSchemaValidator.validate(mlBom(), "1.6");
      System.out.println(
          "compiled after 1.6: " + BomSchemaValidator.compiledVersions().stream().sorted().toList());

      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (String version : List.of("1.2", "1.3", "1.4", "1.5")) {
        for (int i = 0; i < 4; i++) {
          ObjectNode invalid = minimalBom(version);
          invalid.put("version", "one");
          tasks.add(() -> passes(minimalBom(version), version));
          tasks.add(() -> !passes(invalid, version));
        }
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        long right = 0;
        for (Future<Boolean> result : pool.invokeAll(tasks)) {
          right += result.get() ? 1 : 0;
        }
        System.out.println(
            "earlier versions, concurrently: "
                + right
                + (right == tasks.size() ? " as expected" : " of " + tasks.size()));
      } finally {
        pool.shutdownNow();
      }
    }

    private static boolean passes(ObjectNode bom, String version) {
      try {
        return BomSchemaValidator.validate(bom, version) == Version.fromVersionString(version);
      } catch (SbomException e) {
        return false;
      }
    }
  }
}
