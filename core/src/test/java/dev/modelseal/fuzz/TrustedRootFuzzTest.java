package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.trust.TrustedRootParser;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** {@code trusted_root.json} as {@link TrustedRootParser} reads it (keys, certificates, validity windows). */
class TrustedRootFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void trustedRoot(byte[] input) {
    try {
      TrustedRootParser.parse(new ByteArrayInputStream(input), "fuzz");
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
