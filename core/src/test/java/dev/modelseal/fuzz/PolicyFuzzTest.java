package dev.modelseal.fuzz;

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

  /** Relative paths in a policy resolve against the delivery unit, which has a trusted_root.json. */
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void policyFile(byte[] utf8) {
    String text = new String(utf8, StandardCharsets.UTF_8);
    try {
      PolicyFiles.fromJsonOrYaml(text, FIXTURES.unit.directory());
    } catch (ModelVerificationException expected) {
      // the documented refusal
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
