package dev.modelseal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/vectors}; tests that need it are skipped, with a message, when absent. */
final class Vectors {
  private Vectors() {}

  static Path dir() {
    String configured = System.getProperty("modelseal.vectors", System.getenv("MODELSEAL_VECTORS"));
    Path dir = Path.of(configured != null ? configured : "../shared/vectors").toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(dir),
        "external test vectors not found at " + dir
            + " (set -Dmodelseal.vectors=DIR or MODELSEAL_VECTORS); skipping vector tests");
    return dir;
  }
}
