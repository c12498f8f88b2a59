package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedEntryTimestampTest {
  @Test
  void payloadIsCanonicalJsonWithSortedKeys() {
    String payload = SignedEntryTimestamp.payload(
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 1_700_000_000L, "c0ffee", 42);

    assertThat(payload).isEqualTo(
        "{\"body\":\"eyJhIjoxfQ==\",\"integratedTime\":1700000000,\"logID\":\"c0ffee\",\"logIndex\":42}");
  }

  @Test
  void logEntrySetVerifiesWithTheLogKeyOverItsOwnFields() throws Exception {
    RekorLog log = RekorLog.create();
    byte[] body = "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8);

    TlogEntry entry = log.append(body, Instant.ofEpochSecond(1_750_000_000L, 999_000_000));

    assertThat(entry.integratedTime()).isEqualTo(1_750_000_000L);
    assertThat(entry.logIdHex()).isEqualTo(log.key().logIdHex());
    String payload = SignedEntryTimestamp.payload(body, entry.integratedTime(), entry.logIdHex(), entry.logIndex());
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(log.key().publicKey());
    verifier.update(payload.getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Base64.getDecoder().decode(entry.signedEntryTimestamp()))).isTrue();
  }

  @Test
  void anEmptyLogStartsAtIndexZeroWithAnEmptyProof() {
    RekorLog log = RekorLog.createEmpty();
    TlogEntry first = log.append("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1_750_000_000L));
    TlogEntry second = log.append("{\"a\":2}".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1_750_000_001L));

    assertThat(first.logIndex()).isZero();
    assertThat(first.treeSize()).isEqualTo(1);
    assertThat(first.hashes()).isEmpty();
    assertThat(second.logIndex()).isEqualTo(1);
    assertThat(RekorLog.create().append(new byte[] {1}, Instant.ofEpochSecond(1)).logIndex()).isPositive();
  }
}
