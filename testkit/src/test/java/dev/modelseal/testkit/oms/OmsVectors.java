package dev.modelseal.testkit.oms;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Locates the OMS vectors under {@code modelseal.vectors} (default {@code ../shared/vectors}):
 * skips the calling test with a visible message when they are absent, fails instead with {@code
 * -Dmodelseal.requireExternal=true}. Also parses JSON with decimals kept as written, so {@code 8.0}
 * stays distinct from {@code 8}.
 */
final class OmsVectors {
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private OmsVectors() {}

  /** Returns {@code <vectors>/oms}, or skips (or fails) the calling test. */
  static Path dir() {
    Path dir = Path.of(System.getProperty("modelseal.vectors", "../shared/vectors")).toAbsolutePath().normalize()
        .resolve("oms");
    boolean present = Files.isDirectory(dir);
    String message = "OMS vectors not found at " + dir + " (set -Dmodelseal.vectors=DIR)";
    if (!present && Boolean.getBoolean("modelseal.requireExternal")) {
      fail(message + "; modelseal.requireExternal=true makes that a failure");
    }
    if (!present) {
      System.err.println("SKIPPED: " + message);
    }
    assumeTrue(present, "SKIPPED: " + message);
    return dir;
  }

  static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  static JsonNode json(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** Returns the decoded DSSE payload (the statement) of a bundle. */
  static JsonNode payload(JsonNode bundle) throws IOException {
    return JSON.readTree(Base64.getDecoder().decode(bundle.at("/dsseEnvelope/payload").asText()));
  }
}
