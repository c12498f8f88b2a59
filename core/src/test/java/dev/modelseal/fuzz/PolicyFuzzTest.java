package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.PolicyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** ModelSeal policy files (YAML or JSON) and Kyverno policies, as {@link PolicyFiles} reads them. */
class PolicyFuzzTest {
  // Built when the class loads, before the fuzzer starts timing inputs.
  private static final FuzzFixtures FIXTURES = FuzzFixtures.get();

  /** Where {@code trustRoot: sigstore-public-good} sends its TUF refresh: a closed loopback port. */
  private static final String NO_MIRROR = "http://127.0.0.1:9";

  /**
   * Relative paths in a policy resolve against the delivery unit, which has a trusted_root.json. A
   * policy may ask for the public-good root, whose refresh is the one network use the user asks
   * for; here it goes to a closed loopback port (and a scratch cache), so it falls back to the seed
   * without leaving the machine.
   */
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void policyFile(byte[] utf8) {
    String text = new String(utf8, StandardCharsets.UTF_8);
    String mirror = System.setProperty("modelseal.tuf.mirror", NO_MIRROR);
    String cache = System.setProperty("modelseal.tuf.cache", FIXTURES.scratchDirectory("tuf-cache").toString());
    try (SilentCloseable loopback = BugDetectors.allowNetworkConnections(
        (host, port) -> port == 9 && (host.equals("127.0.0.1") || host.equals("localhost")))) {
      PolicyFiles.fromJsonOrYaml(text, FIXTURES.unit.directory());
    } catch (ModelVerificationException expected) {
      // the documented refusal
    } finally {
      restore("modelseal.tuf.mirror", mirror);
      restore("modelseal.tuf.cache", cache);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void kyvernoPolicy(byte[] yaml) {
    Path file = FIXTURES.scratchFile("kyverno.yaml", yaml);
    try {
      PolicyFiles.fromKyverno(file, FIXTURES.trustRoot);
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
