package dev.modelseal.testkit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

/**
 * One logged DSSE signature with its verification material, before it is serialized as a Sigstore
 * bundle or a legacy cosign attestation bundle (binary values base64).
 *
 * @param payloadType the envelope's payload type
 * @param payload the envelope's payload (base64)
 * @param signature the DER ECDSA signature over the PAE (base64)
 * @param certificate the Fulcio leaf for keyless signatures
 * @param publicKey the key for key-based signatures
 * @param tlogEntry the Rekor entry that logged the envelope
 * @param rfc3161Timestamp a DER TimeStampResp over the signature bytes (base64)
 */
record SignedEnvelope(
    String payloadType,
    String payload,
    String signature,
    Optional<X509Certificate> certificate,
    Optional<PublicKey> publicKey,
    TlogEntry tlogEntry,
    Optional<String> rfc3161Timestamp) {

  SignedEnvelope {
    if (certificate.isPresent() == publicKey.isPresent()) {
      throw new IllegalArgumentException("exactly one of certificate and public key is needed");
    }
  }

  /** The PEM text of the certificate or public key. */
  String verifierPem() {
    return certificate.map(Pem::certificate).orElseGet(() -> Pem.publicKey(publicKey.orElseThrow()));
  }

  /** The decoded payload as text (an in-toto statement is UTF-8 JSON). */
  String payloadText() {
    return new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
  }

  /** The envelope JSON cosign writes, see {@link Dsse#envelopeJson}. */
  String envelopeJson() {
    Base64.Decoder base64 = Base64.getDecoder();
    return Dsse.envelopeJson(payloadType, base64.decode(payload), base64.decode(signature));
  }
}
