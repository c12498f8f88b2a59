package dev.modelseal.testkit;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * Generates ECDSA P-256 key pairs and makes DER-encoded ECDSA-SHA256 signatures, the one algorithm
 * every fake service here uses.
 */
final class EcdsaP256 {
  private EcdsaP256() {}

  /** Returns a fresh P-256 key pair from the platform's secure random source. */
  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform cannot generate P-256 keys", e);
    }
  }

  /** Signs {@code message} with ECDSA over its SHA-256. */
  static byte[] sign(PrivateKey key, byte[] message) {
    return sign("SHA256withECDSA", key, message);
  }

  /**
   * Signs a precomputed SHA-256 digest. ECDSA signs the hash of the message (FIPS 186-5 §6.4.1),
   * so this equals {@link #sign} over the original message, which lets a model of any size be
   * hashed by streaming and signed afterwards.
   */
  static byte[] signDigest(PrivateKey key, byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + sha256.length);
    }
    return sign("NONEwithECDSA", key, sha256);
  }

  private static byte[] sign(String algorithm, PrivateKey key, byte[] data) {
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + algorithm, e);
    }
  }
}
