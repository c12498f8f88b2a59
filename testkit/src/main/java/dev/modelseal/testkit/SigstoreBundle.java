package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Serializes a {@link SignedMessage} or {@link SignedEnvelope} as Sigstore bundle JSON (protobuf-specs JSON form: lowerCamel
 * names, base64 bytes, int64 as strings) of media type v0.1, v0.2 or v0.3.
 */
final class SigstoreBundle {
  private SigstoreBundle() {}

  /** Returns the bundle JSON; v0.3 carries the leaf as {@code certificate}, older ones as a chain. */
  static String json(String mediaType, SignedMessage message) {
    ObjectNode bundle = start(mediaType, message.certificate(), message.publicKey(),
        message.tlogEntry(), message.rfc3161Timestamp());
    ObjectNode signature = bundle.putObject("messageSignature");
    ObjectNode digest = signature.putObject("messageDigest");
    digest.put("algorithm", "SHA2_256");
    digest.put("digest", message.digest());
    signature.put("signature", message.signature());
    return JsonText.print(bundle);
  }

  /** Returns the bundle JSON with a {@code dsseEnvelope} (one signature, empty {@code keyid}). */
  static String json(String mediaType, SignedEnvelope envelope) {
    ObjectNode bundle = start(mediaType, envelope.certificate(), envelope.publicKey(),
        envelope.tlogEntry(), envelope.rfc3161Timestamp());
    ObjectNode dsse = bundle.putObject("dsseEnvelope");
    dsse.put("payload", envelope.payload());
    dsse.put("payloadType", envelope.payloadType());
    ObjectNode signature = dsse.putArray("signatures").addObject();
    signature.put("sig", envelope.signature());
    signature.put("keyid", "");
    return JsonText.print(bundle);
  }

  private static ObjectNode start(String mediaType, Optional<X509Certificate> certificate,
      Optional<PublicKey> publicKey, TlogEntry entry, Optional<String> rfc3161Timestamp) {
    if (!BundleMediaType.ALL.contains(mediaType)) {
      throw new IllegalArgumentException("unknown bundle media type: " + mediaType);
    }
    ObjectNode bundle = JsonText.object();
    bundle.put("mediaType", mediaType);
    ObjectNode material = bundle.putObject("verificationMaterial");
    certificate.ifPresent(leaf -> {
      String rawBytes = Base64.getEncoder().encodeToString(Certificates.der(leaf));
      if (BundleMediaType.usesSingleCertificate(mediaType)) {
        material.putObject("certificate").put("rawBytes", rawBytes);
      } else {
        material.putObject("x509CertificateChain").putArray("certificates").addObject().put("rawBytes", rawBytes);
      }
    });
    publicKey.ifPresent(key -> material.putObject("publicKey").put("hint", keyHint(key)));
    material.putArray("tlogEntries").add(tlogEntry(entry));
    rfc3161Timestamp.ifPresent(timestamp -> material
        .putObject("timestampVerificationData")
        .putArray("rfc3161Timestamps")
        .addObject()
        .put("signedTimestamp", timestamp));
    return bundle;
  }

  /**
   * Returns the public key hint: base64 of the SHA-256 of the DER SubjectPublicKeyInfo, the RFC 6962
   * key ID that protobuf-specs recommends (the hint is unauthenticated; verifiers pin the key).
   */
  static String keyHint(PublicKey key) {
    return Base64.getEncoder().encodeToString(Sha256.of(key.getEncoded()));
  }

  private static ObjectNode tlogEntry(TlogEntry entry) {
    ObjectNode json = JsonText.object();
    json.put("logIndex", Long.toString(entry.logIndex()));
    json.putObject("logId").put("keyId",
        Base64.getEncoder().encodeToString(HexFormat.of().parseHex(entry.logIdHex())));
    // The kind and version are the body's own, whichever entry type it is.
    JsonNode body = JsonText.parse(
        new String(Base64.getDecoder().decode(entry.canonicalizedBody()), StandardCharsets.UTF_8), "entry body");
    ObjectNode kindVersion = json.putObject("kindVersion");
    kindVersion.put("kind", body.path("kind").asText());
    kindVersion.put("version", body.path("apiVersion").asText());
    json.put("integratedTime", Long.toString(entry.integratedTime()));
    json.putObject("inclusionPromise").put("signedEntryTimestamp", entry.signedEntryTimestamp());
    ObjectNode proof = json.putObject("inclusionProof");
    proof.put("logIndex", Long.toString(entry.logIndex()));
    proof.put("rootHash", entry.rootHash());
    proof.put("treeSize", Long.toString(entry.treeSize()));
    ArrayNode hashes = proof.putArray("hashes");
    entry.hashes().forEach(hashes::add);
    proof.putObject("checkpoint").put("envelope", entry.checkpoint());
    json.put("canonicalizedBody", entry.canonicalizedBody());
    return json;
  }
}
