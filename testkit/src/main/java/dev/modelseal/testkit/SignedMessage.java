package dev.modelseal.testkit;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * One logged message signature with its verification material, before it is serialized as a
 * Sigstore bundle or a legacy cosign bundle (binary values base64).
 *
 * @param digest the SHA-256 the bundle claims was signed (its {@code messageDigest})
 * @param signature the DER ECDSA signature
 * @param certificate the Fulcio leaf for keyless signatures
 * @param publicKey the key for key-based signatures
 * @param tlogEntry the Rekor entry that logged the signature
 * @param rfc3161Timestamp a DER TimeStampResp over the signature bytes
 */
record SignedMessage(
    String digest,
    String signature,
    Optional<X509Certificate> certificate,
    Optional<PublicKey> publicKey,
    TlogEntry tlogEntry,
    Optional<String> rfc3161Timestamp) {

  SignedMessage {
    if (certificate.isPresent() == publicKey.isPresent()) {
      throw new IllegalArgumentException("exactly one of certificate and public key is needed");
    }
  }

  static SignedMessage keyless(
      String digest, String signature, X509Certificate certificate, TlogEntry entry, Optional<String> timestamp) {
    return new SignedMessage(digest, signature, Optional.of(certificate), Optional.empty(), entry, timestamp);
  }

  static SignedMessage keyed(String digest, String signature, PublicKey key, TlogEntry entry) {
    return new SignedMessage(digest, signature, Optional.empty(), Optional.of(key), entry, Optional.empty());
  }

  /** The PEM text of the certificate or public key, as the hashedrekord body and cosign carry it. */
  String verifierPem() {
    return certificate.map(Pem::certificate).orElseGet(() -> Pem.publicKey(publicKey.orElseThrow()));
  }

  SignedMessage withDigest(String newDigest) {
    return new SignedMessage(newDigest, signature, certificate, publicKey, tlogEntry, rfc3161Timestamp);
  }

  SignedMessage withTlogEntry(TlogEntry newEntry) {
    return new SignedMessage(digest, signature, certificate, publicKey, newEntry, rfc3161Timestamp);
  }
}
