package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.dsse.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** The in-toto Statement in a DSSE payload, as {@link Statement} reads it, and its subject match. */
class StatementFuzzTest {
  private static final Map<String, String> DIGEST = Map.of("sha256", "0".repeat(64));

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void statement(byte[] payload) {
    try {
      Statement.parse(Statement.PAYLOAD_TYPE, payload, "fuzz").hasSubject(DIGEST);
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
