package dev.modelseal.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Builds and signs a Rekor v1 signed entry timestamp (SET, the bundle's inclusion promise): the
 * log's ECDSA signature over the canonical JSON of the entry body, integrated time, log ID and
 * index.
 */
final class SignedEntryTimestamp {
  private SignedEntryTimestamp() {}

  /**
   * Returns the signed payload {@code {"body":"<b64>","integratedTime":N,"logID":"<hex>",
   * "logIndex":N}} in RFC 8785 form.
   */
  static String payload(byte[] canonicalizedBody, long integratedTime, String logIdHex, long logIndex) {
    return CanonicalJson.write(
        Map.of(
            "body", Base64.getEncoder().encodeToString(canonicalizedBody),
            "integratedTime", integratedTime,
            "logID", logIdHex,
            "logIndex", logIndex));
  }

  /** Returns the log's DER signature over {@link #payload}. */
  static byte[] sign(LogKey key, byte[] canonicalizedBody, long integratedTime, long logIndex) {
    String payload = payload(canonicalizedBody, integratedTime, key.logIdHex(), logIndex);
    return key.sign(payload.getBytes(StandardCharsets.UTF_8));
  }
}
