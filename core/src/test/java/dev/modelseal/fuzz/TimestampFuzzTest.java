package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.tsa.TimestampVerifier;
import dev.modelseal.internal.tsa.TimestampVerifier.TimestampException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 3161 timestamps (a full TimeStampResp or a bare token) over a signature, as {@link
 * TimestampVerifier} checks them against the fixture's trust root. The input is a {@link Pair}:
 * the signature, then the timestamp, so seeds whose imprint matches reach the signer checks.
 */
class TimestampFuzzTest {
  // Built when the class loads, before the fuzzer starts timing inputs.
  private static final FuzzFixtures FIXTURES = FuzzFixtures.get();

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void rfc3161(byte[] input) {
    Pair p = Pair.split(input);
    try {
      TimestampVerifier.verify(Bytes.wrap(p.second()), Bytes.wrap(p.first()), FIXTURES.root);
    } catch (TimestampException expected) {
      // the documented refusal
    }
  }
}
