package dev.modelseal.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the canonical body of a Rekor v1 {@code intoto 0.0.2} entry, the type older cosign
 * versions uploaded attestations as.
 *
 * <p>Rekor's model declares the envelope's {@code payload}, each {@code sig} and each {@code
 * publicKey} as base64 bytes of what are already base64 strings (payload and sig) or PEM text
 * (publicKey), hence the double base64. {@code hash} is the SHA-256 of the envelope as Rekor
 * re-serializes it (RFC 8785, empty {@code keyid} omitted), which real log entries confirm.
 */
final class IntotoRekord {
  static final String KIND = "intoto";
  static final String API_VERSION = "0.0.2";

  private IntotoRekord() {}

  /**
   * Returns the RFC 8785 body bytes.
   *
   * @param withPayload whether the envelope keeps its payload; Rekor drops it from logged entries
   */
  static byte[] body(
      String payloadType, byte[] payload, byte[] signature, String verifierPem, boolean withPayload) {
    Base64.Encoder base64 = Base64.getEncoder();
    String payloadBase64 = base64.encodeToString(payload);
    String signatureBase64 = base64.encodeToString(signature);

    Map<String, Object> envelope = new HashMap<>();
    envelope.put("payloadType", payloadType);
    envelope.put("signatures", List.of(Map.of(
        "sig", doubleBase64(signatureBase64),
        "publicKey", base64.encodeToString(verifierPem.getBytes(StandardCharsets.UTF_8)))));
    if (withPayload) {
      envelope.put("payload", doubleBase64(payloadBase64));
    }
    String hashedEnvelope = CanonicalJson.write(Map.of(
        "payload", payloadBase64,
        "payloadType", payloadType,
        "signatures", List.of(Map.of("sig", signatureBase64))));
    Map<String, Object> content = Map.of(
        "envelope", envelope,
        "hash", DsseRekord.sha256(hashedEnvelope.getBytes(StandardCharsets.UTF_8)),
        "payloadHash", DsseRekord.sha256(payload));
    String json = CanonicalJson.write(
        Map.of("apiVersion", API_VERSION, "kind", KIND, "spec", Map.of("content", content)));
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String doubleBase64(String base64Text) {
    return Base64.getEncoder().encodeToString(base64Text.getBytes(StandardCharsets.US_ASCII));
  }
}
