package dev.modelseal.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds the canonical body of a Rekor v1 {@code dsse 0.0.1} entry, which binds a DSSE envelope
 * (by hash), its payload (by hash) and its signature to the certificate or key that verifies it.
 */
final class DsseRekord {
  static final String KIND = "dsse";
  static final String API_VERSION = "0.0.1";

  private DsseRekord() {}

  /**
   * Returns the RFC 8785 body bytes.
   *
   * @param envelopeJson the envelope exactly as uploaded; {@code envelopeHash} is its SHA-256
   * @param payload the envelope's decoded payload; {@code payloadHash} is its SHA-256
   * @param signature the DER signature over the PAE
   * @param verifierPem the PEM of the leaf certificate or public key, carried base64-encoded
   */
  static byte[] body(String envelopeJson, byte[] payload, byte[] signature, String verifierPem) {
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, Object> spec = Map.of(
        "envelopeHash", sha256(envelopeJson.getBytes(StandardCharsets.UTF_8)),
        "payloadHash", sha256(payload),
        "signatures", List.of(Map.of(
            "signature", base64.encodeToString(signature),
            "verifier", base64.encodeToString(verifierPem.getBytes(StandardCharsets.UTF_8)))));
    String json = CanonicalJson.write(Map.of("apiVersion", API_VERSION, "kind", KIND, "spec", spec));
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns Rekor's {@code {"algorithm":"sha256","value":<hex>}} for {@code data}. */
  static Map<String, Object> sha256(byte[] data) {
    return Map.of("algorithm", "sha256", "value", HexFormat.of().formatHex(Sha256.of(data)));
  }
}
