package dev.modelseal.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/vectors}, as core's tests do. Tests that need it are skipped, with a
 * message, when it is absent; with {@code -Dmodelseal.requireExternal=true} (as {@code .ci/run}
 * sets it) they fail instead, so a CI run can never pass by running none of them.
 */
final class Vectors {
  private Vectors() {}

  static Path dir() {
    String configured = System.getProperty("modelseal.vectors", System.getenv("MODELSEAL_VECTORS"));
    Path dir = Path.of(configured != null ? configured : "../shared/vectors").toAbsolutePath().normalize();
    boolean present = Files.isDirectory(dir);
    String message = "external test vectors not found at " + dir
        + " (set -Dmodelseal.vectors=DIR or MODELSEAL_VECTORS)";
    if (!present && Boolean.getBoolean("modelseal.requireExternal")) {
      fail(message + "; modelseal.requireExternal=true makes that a failure");
    }
    if (!present) {
      System.err.println("SKIPPED: " + message); // visible in the build log, not only in reports
    }
    assumeTrue(present, message + "; skipping vector tests");
    return dir;
  }
}
