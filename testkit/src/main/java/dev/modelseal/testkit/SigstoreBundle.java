package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Serializes a {@link SignedMessage} as Sigstore bundle JSON (protobuf-specs JSON form: lowerCamel
 * names, base64 bytes, int64 as strings) of media type v0.1, v0.2 or v0.3.
 */
final class SigstoreBundle {
  private SigstoreBundle() {}

  /** Returns the bundle JSON; v0.3 carries the leaf as {@code certificate}, older ones as a chain. */
  static String json(String mediaType, SignedMessage message) {
    if (!BundleMediaType.ALL.contains(mediaType)) {
      throw new IllegalArgumentException("unknown bundle media type: " + mediaType);
    }
    ObjectNode bundle = JsonText.object();
    bundle.put("mediaType", mediaType);
    ObjectNode material = bundle.putObject("verificationMaterial");
    message.certificate().ifPresent(certificate -> {
      String rawBytes = Base64.getEncoder().encodeToString(Certificates.der(certificate));
      if (BundleMediaType.usesSingleCertificate(mediaType)) {
        material.putObject("certificate").put("rawBytes", rawBytes);
      } else {
        material.putObject("x509CertificateChain").putArray("certificates").addObject().put("rawBytes", rawBytes);
      }
    });
    message.publicKey().ifPresent(key -> material.putObject("publicKey").put("hint", keyHint(key)));
    material.putArray("tlogEntries").add(tlogEntry(message.tlogEntry()));
    message.rfc3161Timestamp().ifPresent(timestamp -> material
        .putObject("timestampVerificationData")
        .putArray("rfc3161Timestamps")
        .addObject()
        .put("signedTimestamp", timestamp));
    ObjectNode signature = bundle.putObject("messageSignature");
    ObjectNode digest = signature.putObject("messageDigest");
    digest.put("algorithm", "SHA2_256");
    digest.put("digest", message.digest());
    signature.put("signature", message.signature());
    return JsonText.print(bundle);
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
    ObjectNode kindVersion = json.putObject("kindVersion");
    kindVersion.put("kind", HashedRekord.KIND);
    kindVersion.put("version", HashedRekord.API_VERSION);
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
