package dev.modelseal.testkit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Encodes certificates and public keys as PEM text with 64-column lines and LF line ends, the
 * exact bytes sigstore-java re-creates when it compares a hashedrekord body with a bundle.
 */
final class Pem {
  private static final Base64.Encoder MIME =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  static String certificate(X509Certificate certificate) {
    return encode("CERTIFICATE", Certificates.der(certificate));
  }

  static String publicKey(PublicKey key) {
    return encode("PUBLIC KEY", key.getEncoded());
  }

  private static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + MIME.encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
