package dev.modelseal.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Builds the canonical body of a Rekor v1 {@code hashedrekord 0.0.1} entry, which binds an
 * artifact's SHA-256 to a signature and the certificate or public key that verifies it.
 */
final class HashedRekord {
  static final String KIND = "hashedrekord";
  static final String API_VERSION = "0.0.1";

  private HashedRekord() {}

  /**
   * Returns the RFC 8785 body bytes. {@code verifierPem} is the PEM text of the leaf certificate
   * or public key; the entry carries it base64-encoded, as Rekor does.
   */
  static byte[] body(byte[] sha256, byte[] signature, String verifierPem) {
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, Object> spec =
        Map.of(
            "data",
            Map.of("hash", Map.of("algorithm", "sha256", "value", HexFormat.of().formatHex(sha256))),
            "signature",
            Map.of(
                "content", base64.encodeToString(signature),
                "publicKey",
                    Map.of(
                        "content",
                        base64.encodeToString(verifierPem.getBytes(StandardCharsets.UTF_8)))));
    String json = CanonicalJson.write(Map.of("apiVersion", API_VERSION, "kind", KIND, "spec", spec));
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
