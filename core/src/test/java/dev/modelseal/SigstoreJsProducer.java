package dev.modelseal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/sigstore-js-producer/produce.js}: sigstore-js's signer against
 * {@code @sigstore/mock}'s Fulcio, Rekor and TSA, offline. A test that needs it is skipped, with the
 * reason, when node or the producer's modules ({@code npm ci} there) are absent, and fails instead
 * under {@code -Dmodelseal.requireExternal=true} (as {@code .ci/run} sets it).
 */
final class SigstoreJsProducer {
  private static final long TIMEOUT_SECONDS = 120;
  private static final Path SCRIPT =
      Path.of("src/test/sigstore-js-producer/produce.js").toAbsolutePath().normalize();

  /** What the producer wrote: the model, its evidence, the mock's trust root and its record. */
  record Output(Path dir, Path model, Path trustedRoot, String identity, String issuer, JsonNode record) {}

  private SigstoreJsProducer() {}

  /** Writes a fresh delivery unit into {@code dir}, or skips the calling tests when it cannot. */
  static Output produce(Path dir) throws IOException {
    String problem = problem();
    if (!problem.isEmpty() && Boolean.getBoolean("modelseal.requireExternal")) {
      Assertions.fail("the sigstore-js producer is required (modelseal.requireExternal=true) but"
          + " cannot run: " + problem);
    }
    if (!problem.isEmpty()) {
      System.err.println("SKIPPED: sigstore-js producer: " + problem); // visible in the build log
    }
    Assumptions.assumeTrue(problem.isEmpty(), () -> "sigstore-js producer skipped: " + problem);
    Result run = execute(List.of(dir.toString())).orElseThrow(() -> new IllegalStateException("node disappeared"));
    if (run.exitCode() != 0) {
      throw new IllegalStateException("produce.js failed (exit " + run.exitCode() + "):\n" + run.output());
    }
    JsonNode record = new ObjectMapper().readTree(dir.resolve("producer.json").toFile());
    return new Output(dir, dir.resolve(record.get("model").asText()), dir.resolve("trusted_root.json"),
        record.get("identity").asText(), record.get("issuer").asText(), record);
  }

  private record Result(int exitCode, String output) {}

  private static String problem() {
    if (!Files.isRegularFile(SCRIPT)) {
      return "no " + SCRIPT;
    }
    Optional<Result> version = execute(List.of("--version"));
    if (version.isEmpty()) {
      return "node is not on the PATH";
    }
    if (version.get().exitCode() != 0) {
      return "its modules are not installed: " + version.get().output().strip();
    }
    return "";
  }

  /** Runs {@code node produce.js arguments}; empty when node cannot be started. */
  private static Optional<Result> execute(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
    command.addAll(arguments);
    try {
      Path output = Files.createTempFile("sigstore-js-producer", ".out");
      try {
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("the sigstore-js producer timed out: " + command);
        }
        return Optional.of(new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8)));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
        return Optional.empty();
      }
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the sigstore-js producer", e);
    }
  }
}
