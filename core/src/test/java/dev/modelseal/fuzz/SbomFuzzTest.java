package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.internal.sbom.SbomChecker;
import dev.modelseal.internal.sbom.SbomException;
import dev.modelseal.internal.sbom.SbomLimits;
import dev.modelseal.internal.sbom.SbomRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** CycloneDX JSON SBOMs as {@link SbomChecker} reads, validates and checks them, every rule on. */
class SbomFuzzTest {
  private static final SbomRules RULES = new SbomRules(true, true, List.of("*-NC-*", "research-only"),
      List.of("modelParameters.task"), SbomLimits.defaults());

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void cycloneDx(byte[] bom) {
    try {
      SbomChecker.check(bom, RULES, Map.of("SHA-256", "0".repeat(64)));
    } catch (SbomException expected) {
      // the documented refusal
    }
  }
}
