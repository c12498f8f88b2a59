package dev.modelseal.testkit;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The signing key of a fake log (CT or Rekor) with its RFC 6962 §3.2 log ID, the SHA-256 of the
 * DER SubjectPublicKeyInfo; the private key never leaves this object.
 */
final class LogKey {
  private final KeyPair keyPair;
  private final byte[] logId;

  private LogKey(KeyPair keyPair) {
    this.keyPair = keyPair;
    this.logId = Sha256.of(keyPair.getPublic().getEncoded());
  }

  /** Returns a fresh P-256 log key. */
  static LogKey generate() {
    return new LogKey(EcdsaP256.generate());
  }

  PublicKey publicKey() {
    return keyPair.getPublic();
  }

  /** Returns the DER SubjectPublicKeyInfo, as trusted roots carry it. */
  byte[] subjectPublicKeyInfo() {
    return keyPair.getPublic().getEncoded();
  }

  byte[] logId() {
    return logId.clone();
  }

  String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  String logIdBase64() {
    return Base64.getEncoder().encodeToString(logId);
  }

  /** Signs {@code message} with ECDSA-SHA256. */
  byte[] sign(byte[] message) {
    return EcdsaP256.sign(keyPair.getPrivate(), message);
  }
}
