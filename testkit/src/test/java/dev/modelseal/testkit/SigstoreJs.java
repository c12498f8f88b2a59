package dev.modelseal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the sigstore-js reference verifier ({@code <tools>/sigstore-js/verify.js}) as an
 * independent judge of testkit output; a test that needs it is skipped, with the reason, when
 * node or the installed modules are absent, and fails instead under
 * {@code -Dmodelseal.requireExternal=true} (as {@code .ci/run} sets it).
 */
final class SigstoreJs {
  private static final long TIMEOUT_SECONDS = 60;
  /** Why sigstore-js cannot run, per script; the empty string when it can. */
  private static final Map<Path, String> PROBLEMS = new ConcurrentHashMap<>();

  private final Path script;

  private SigstoreJs(Path script) {
    this.script = script;
  }

  /** The outcome of one run: exit 0 = verified, 1 = rejected (reason in the output). */
  record Result(int exitCode, String output) {}

  /** Returns the verifier, or skips the calling test when it cannot run here. */
  static SigstoreJs require() {
    Path tools = Path.of(System.getProperty("modelseal.tools", "../shared/tools"));
    Path script = tools.resolve("sigstore-js").resolve("verify.js").toAbsolutePath().normalize();
    String problem = PROBLEMS.computeIfAbsent(script, SigstoreJs::problem);
    if (!problem.isEmpty() && Boolean.getBoolean("modelseal.requireExternal")) {
      Assertions.fail("sigstore-js is required (modelseal.requireExternal=true) but cannot run: " + problem);
    }
    if (!problem.isEmpty()) {
      System.err.println("SKIPPED: sigstore-js cross-check: " + problem);
    }
    Assumptions.assumeTrue(problem.isEmpty(), () -> "sigstore-js cross-check skipped: " + problem);
    return new SigstoreJs(script);
  }

  Result verifyIdentity(Path bundle, Path trustedRoot, Path artifact, String identity, String issuer) {
    return run(List.of("verify-bundle", "--bundle", bundle.toString(),
        "--certificate-identity", identity, "--certificate-oidc-issuer", issuer,
        "--trusted-root", trustedRoot.toString(), artifact.toString()));
  }

  Result verifyKey(Path bundle, Path trustedRoot, Path artifact, Path publicKey) {
    return run(List.of("verify-bundle", "--bundle", bundle.toString(), "--key", publicKey.toString(),
        "--trusted-root", trustedRoot.toString(), artifact.toString()));
  }

  private Result run(List<String> arguments) {
    return execute(script, arguments).orElseThrow(() -> new IllegalStateException("node disappeared"));
  }

  private static String problem(Path script) {
    if (!Files.isRegularFile(script)) {
      return "no " + script + " (set the system property modelseal.tools to the tools directory)";
    }
    Optional<Result> version = execute(script, List.of("--version"));
    if (version.isEmpty()) {
      return "node is not on the PATH";
    }
    if (version.get().exitCode() != 0) {
      return "its modules are not installed; run: bash " + script.resolveSibling("install.sh")
          + " (" + version.get().output().strip() + ")";
    }
    return "";
  }

  /** Runs {@code node script arguments}; empty when node cannot be started. */
  private static Optional<Result> execute(Path script, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of("node", script.toString()));
    command.addAll(arguments);
    try {
      Path output = Files.createTempFile("sigstore-js", ".out");
      try {
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("sigstore-js timed out: " + command);
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
      throw new IllegalStateException("interrupted while running sigstore-js", e);
    }
  }
}
