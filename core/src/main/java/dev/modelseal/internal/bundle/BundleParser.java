package dev.modelseal.internal.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.Content;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.bundle.SignedEvidence.EmbeddedKey;
import dev.modelseal.internal.bundle.SignedEvidence.InclusionProof;
import dev.modelseal.internal.bundle.SignedEvidence.KeyHint;
import dev.modelseal.internal.bundle.SignedEvidence.Material;
import dev.modelseal.internal.bundle.SignedEvidence.MessageSignature;
import dev.modelseal.internal.bundle.SignedEvidence.TlogEntry;
import dev.modelseal.internal.json.ProtoJson;
import dev.modelseal.internal.json.ProtoJson.Message;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import dev.modelseal.internal.x509.Certificates;
import dev.modelseal.internal.x509.Der;
import dev.modelseal.internal.x509.Pem;
import dev.modelseal.internal.x509.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Sigstore bundle (v0.1–v0.3) or a legacy cosign bundle into {@link SignedEvidence}. It
 * enforces structure and types only; it never decides trust.
 */
public final class BundleParser {
  private static final Reason MALFORMED = Reason.MALFORMED_BUNDLE;
  /** More log entries or timestamps than this is not a real bundle (sigstore-python caps at 32 too). */
  private static final int MAX_ENTRIES = 32;
  /** Most certificates a chain may carry: Fulcio's is two or three. */
  static final int MAX_CHAIN = 10;
  /** Most hashes an inclusion proof may carry: a tree of 2^63 leaves needs 63. */
  static final int MAX_PROOF_HASHES = 64;

  private BundleParser() {}

  /** Parses the bundle file at {@code file}. */
  public static SignedEvidence parse(Path file) throws ModelVerificationException {
    ObjectNode root = StrictJson.readObject(file, MALFORMED);
    return parse(root, file.toString());
  }

  /**
   * Parses an OpenSSF Model Signing signature ({@code model.sig}): a Sigstore v0.3 bundle as
   * model_signing writes it, which departs from protobuf-specs in two ways that every release up to
   * 1.1 shows: a v0.3 bundle may carry an {@code x509CertificateChain} (the certificate method),
   * and releases before 1.1 put the public key itself in {@code publicKey} as {@code rawBytes} (the
   * PEM text, base64) with {@code keyDetails}, where protobuf-specs has only a {@code hint}. Only
   * these two are relaxed, and only for this evidence.
   */
  public static SignedEvidence parseModelSigning(ObjectNode root, String source)
      throws ModelVerificationException {
    Obj o = StrictJson.at(root, "", source, MALFORMED);
    if (!o.has("mediaType") && !o.has("media_type")) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT,
          source + ": not a Sigstore bundle (no mediaType), so not an OpenSSF Model Signing signature");
    }
    return parseSigstore(root, source, true);
  }

  /** Parses an already-read bundle; {@code source} names it in messages. */
  public static SignedEvidence parse(ObjectNode root, String source)
      throws ModelVerificationException {
    Obj o = StrictJson.at(root, "", source, MALFORMED);
    if (o.has("mediaType") || o.has("media_type")) {
      return parseSigstore(root, source, false);
    }
    if (o.has("base64Signature") || o.has("rekorBundle")) {
      return parseLegacyCosign(o, source);
    }
    throw new ModelVerificationException(
        Reason.UNSUPPORTED_FORMAT,
        source
            + ": not a Sigstore bundle (no mediaType) nor a legacy cosign bundle (no"
            + " base64Signature)");
  }

  /**
   * A Sigstore bundle: the protobuf message {@code dev.sigstore.bundle.v1.Bundle} in proto3 JSON
   * (protobuf-specs sigstore_bundle.proto), read by {@link ProtoJson}, so omitted fields hold their
   * defaults. Each field below says what its default means for verification.
   */
  private static SignedEvidence parseSigstore(ObjectNode root, String source, boolean modelSigning)
      throws ModelVerificationException {
    Message o = ProtoJson.root(root, source, MALFORMED);
    // Unknown fields are refused: a misspelled or renamed field would otherwise silently drop
    // evidence (a SET, a timestamp, a message digest) that the signer meant to be checked.
    o.fields("media_type", "verification_material", "message_signature", "dsse_envelope");
    String mediaType = o.string("media_type");
    BundleFormat format = BundleFormat.ofMediaType(mediaType);
    if (format == null) {
      throw new ModelVerificationException(
          Reason.UNSUPPORTED_FORMAT,
          source + ": unsupported bundle media type \"" + mediaType + "\"; expected one of "
              + "application/vnd.dev.sigstore.bundle+json;version=0.1|0.2|0.3 or "
              + BundleFormat.SIGSTORE_V03_NEW.mediaType());
    }
    Message vm = o.message("verification_material");
    vm.fields("public_key", "x509_certificate_chain", "certificate", "tlog_entries",
        "timestamp_verification_data");
    Material material = material(vm, format, modelSigning);
    List<TlogEntry> entries = new ArrayList<>();
    for (Message e : capped(vm, "tlog_entries", "transparency log entries")) {
      TlogEntry entry = tlogEntry(e);
      if (entries.stream().anyMatch(x -> x.logId().equals(entry.logId()) && x.logIndex() == entry.logIndex())) {
        throw vm.error("the same transparency log entry (index " + entry.logIndex() + ") appears twice");
      }
      entries.add(entry);
    }
    List<Bytes> timestamps = new ArrayList<>();
    Message tvd = vm.optMessage("timestamp_verification_data");
    if (tvd != null) {
      tvd.fields("rfc3161_timestamps");
      for (Message t : capped(tvd, "rfc3161_timestamps", "RFC 3161 timestamps")) {
        Bytes ts = t.fields("signed_timestamp").requiredBytes("signed_timestamp");
        if (timestamps.contains(ts)) {
          throw vm.error("the same RFC 3161 timestamp appears twice");
        }
        timestamps.add(ts);
      }
    }
    // A oneof: exactly one member is set (an empty object {} sets a message member).
    Message ms = o.optMessage("message_signature");
    Message env = o.optMessage("dsse_envelope");
    if ((ms == null) == (env == null)) {
      throw o.error("a bundle must hold exactly one of messageSignature and dsseEnvelope");
    }
    Content content = ms != null ? messageSignature(ms) : dsse(env);
    return new SignedEvidence(source, format, material, entries, timestamps, content);
  }

  /**
   * A repeated field whose length is checked before any element is parsed, so that a hostile
   * count costs nothing and the duplicate checks after it stay small.
   */
  private static List<Message> capped(Message holder, String field, String what)
      throws ModelVerificationException {
    int count = holder.count(field);
    if (count > MAX_ENTRIES) {
      throw holder.error("more than " + MAX_ENTRIES + " " + what + " (" + count + ")");
    }
    return holder.messages(field);
  }

  /**
   * {@code MessageSignature}: the signature is required (empty is malformed); the digest is the
   * bundle's claim, optional in older bundles, but once given it needs an algorithm and a value.
   */
  private static MessageSignature messageSignature(Message ms) throws ModelVerificationException {
    ms.fields("message_digest", "signature");
    Message md = ms.optMessage("message_digest");
    String algorithm = null;
    Bytes digest = null;
    if (md != null) {
      md.fields("algorithm", "digest");
      algorithm = md.enumName("algorithm", HashNames.PROTOBUF_ENUM);
      if (algorithm.equals(HashNames.PROTOBUF_ENUM.get(0))) {
        throw md.error("missing required field " + md.path() + ".algorithm");
      }
      digest = md.requiredBytes("digest");
    }
    return new MessageSignature(algorithm, digest, ms.requiredBytes("signature"));
  }

  /**
   * The oneof {@code content} of {@code VerificationMaterial}: exactly one of a key hint (an empty
   * hint is no hint), one certificate (v0.3) or a non-empty chain (v0.1, v0.2).
   */
  private static Material material(Message vm, BundleFormat format, boolean modelSigning)
      throws ModelVerificationException {
    Message publicKey = vm.optMessage("public_key");
    Message certificate = vm.optMessage("certificate");
    Message chain = vm.optMessage("x509_certificate_chain");
    int kinds = (publicKey != null ? 1 : 0) + (certificate != null ? 1 : 0) + (chain != null ? 1 : 0);
    if (kinds != 1) {
      throw vm.error(
          "verificationMaterial must hold exactly one of certificate, x509CertificateChain and"
              + " publicKey");
    }
    if (publicKey != null && modelSigning) {
      Bytes raw = publicKey.fields("hint", "raw_bytes", "key_details").bytes("raw_bytes");
      if (raw.length() > 0) {
        // The key details are not trusted for anything: the key's own encoding says what it is.
        String pem = new String(raw.toArray(), StandardCharsets.UTF_8);
        return new EmbeddedKey(PublicKeys.fromPem(pem).orElseThrow(() -> publicKey.error(
            publicKey.path() + ".rawBytes is not a PEM public key")));
      }
    }
    if (publicKey != null) {
      String hint = publicKey.fields("hint").string("hint");
      return new KeyHint(hint.isEmpty() ? null : hint);
    }
    if (certificate != null) {
      if (!format.isV03()) {
        throw vm.error("verificationMaterial.certificate needs a v0.3 bundle; this one is " + format.mediaType());
      }
      return new CertificateChain(List.of(certificate(certificate)));
    }
    if (format.isV03() && !modelSigning) {
      throw vm.error(
          "a v0.3 bundle must carry a single certificate, not an x509CertificateChain");
    }
    chain.fields("certificates");
    if (chain.count("certificates") > MAX_CHAIN) {
      throw chain.error("more than " + MAX_CHAIN + " certificates (" + chain.count("certificates") + ")");
    }
    List<Message> certs = chain.messages("certificates");
    if (certs.isEmpty()) {
      throw vm.error("verificationMaterial.x509CertificateChain.certificates is empty");
    }
    List<X509Certificate> out = new ArrayList<>();
    for (Message c : certs) {
      out.add(certificate(c));
    }
    return new CertificateChain(out);
  }

  private static X509Certificate certificate(Message c) throws ModelVerificationException {
    Bytes der = c.fields("raw_bytes").requiredBytes("raw_bytes");
    return Certificates.parse(der.toArray())
        .orElseThrow(() -> c.error(c.path() + ".rawBytes is not a DER X.509 certificate"
            + Der.LIMITS));
  }

  /**
   * {@code TransparencyLogEntry} (sigstore_rekor.proto). Defaults: {@code logIndex} 0 is the first
   * entry of a log and fine; {@code integratedTime} 0 means none (Rekor v2 has none, and a SET over
   * time 0 is refused by the log verifier); an unset promise or proof is absent and the log verifier
   * decides whether the bundle version needs it. The log id, kind, version and body are needed to
   * verify anything, so their defaults are malformed.
   */
  private static TlogEntry tlogEntry(Message e) throws ModelVerificationException {
    e.fields("log_index", "log_id", "kind_version", "integrated_time", "inclusion_promise",
        "inclusion_proof", "canonicalized_body");
    Message kv = e.message("kind_version").fields("kind", "version");
    Message logId = e.message("log_id").fields("key_id");
    Message promise = e.optMessage("inclusion_promise");
    Message proof = e.optMessage("inclusion_proof");
    InclusionProof ip = null;
    if (proof != null) {
      proof.fields("log_index", "root_hash", "tree_size", "hashes", "checkpoint");
      if (proof.count("hashes") > MAX_PROOF_HASHES) {
        throw proof.error("more than " + MAX_PROOF_HASHES + " inclusion proof hashes ("
            + proof.count("hashes") + ")");
      }
      Message cp = proof.optMessage("checkpoint");
      String envelope = cp == null ? "" : cp.fields("envelope").string("envelope");
      ip =
          new InclusionProof(
              proof.nonNegativeInt64("log_index"),
              proof.requiredBytes("root_hash"),
              proof.nonNegativeInt64("tree_size"),
              proof.bytesList("hashes"),
              envelope.isEmpty() ? null : envelope);
    }
    return new TlogEntry(
        e.nonNegativeInt64("log_index"),
        logId.requiredBytes("key_id"),
        kv.requiredString("kind"),
        kv.requiredString("version"),
        e.nonNegativeInt64("integrated_time"),
        promise == null
            ? null
            : promise.fields("signed_entry_timestamp").requiredBytes("signed_entry_timestamp"),
        ip,
        e.requiredBytes("canonicalized_body"));
  }

  /**
   * {@code io.intoto.Envelope}: exactly one signature (protobuf-specs, Bundle.dsse_envelope), which
   * must not be empty; an empty payload type or payload is left to the statement checks to refuse.
   */
  private static DsseEnvelope dsse(Message env) throws ModelVerificationException {
    env.fields("payload", "payloadType", "signatures");
    List<Message> signatures = env.messages("signatures");
    if (signatures.size() != 1) {
      throw env.error("a DSSE envelope in a bundle must carry exactly one signature, found " + signatures.size());
    }
    Bytes sig = signatures.get(0).fields("sig", "keyid").requiredBytes("sig");
    return new DsseEnvelope(env.string("payloadType"), env.bytes("payload"), List.of(sig));
  }

  /** {@code cosign sign-blob --bundle} (cosign 2.x): signature, PEM cert or key, and a Rekor SET. */
  private static SignedEvidence parseLegacyCosign(Obj o, String source)
      throws ModelVerificationException {
    o.onlyFields(Set.of("base64Signature", "cert", "rekorBundle"));
    Bytes signature = o.base64("base64Signature");
    String pemText = new String(o.base64("cert").toArray(), StandardCharsets.UTF_8);
    List<Pem.Block> blocks = Pem.decode(pemText);
    if (blocks.size() != 1) {
      throw o.error("cert must be the base64 of one PEM certificate or public key, found "
          + blocks.size() + " PEM blocks");
    }
    Material material;
    Pem.Block block = blocks.get(0);
    if (block.label().equals("CERTIFICATE")) {
      material =
          new CertificateChain(
              List.of(
                  Certificates.parse(block.der())
                      .orElseThrow(() -> o.error("cert is not a valid X.509 certificate" + Der.LIMITS))));
    } else if (block.label().equals("PUBLIC KEY")) {
      Optional<PublicKey> key = PublicKeys.fromSpki(block.der());
      material = new EmbeddedKey(
          key.orElseThrow(() -> o.error("cert holds an unusable public key" + Der.LIMITS)));
    } else {
      throw o.error("cert holds a PEM " + block.label() + ", expected CERTIFICATE or PUBLIC KEY");
    }
    Obj rb = o.object("rekorBundle");
    rb.onlyFields(Set.of("SignedEntryTimestamp", "Payload"));
    Obj payload = rb.object("Payload");
    payload.onlyFields(Set.of("body", "integratedTime", "logIndex", "logID"));
    Bytes body = payload.base64("body");
    ObjectNode bodyJson = StrictJson.readObject(body.toArray(), source + " (rekorBundle body)", MALFORMED);
    Obj b = StrictJson.at(bodyJson, "rekorBundle.Payload.body", source, MALFORMED);
    String logIdHex = payload.string("logID");
    Bytes logId;
    try {
      logId = Bytes.fromHex(logIdHex);
    } catch (IllegalArgumentException e) {
      throw o.error("rekorBundle.Payload.logID is not hex");
    }
    TlogEntry entry =
        new TlogEntry(
            payload.int64("logIndex"),
            logId,
            b.string("kind"),
            b.string("apiVersion"),
            payload.int64("integratedTime"),
            rb.base64("SignedEntryTimestamp"),
            null,
            body);
    Content content = legacyContent(signature, source);
    return new SignedEvidence(
        source, BundleFormat.LEGACY_COSIGN, material, List.of(entry), List.of(), content);
  }

  /** {@code attest-blob} puts a whole DSSE envelope (JSON) in base64Signature. */
  private static Content legacyContent(Bytes signature, String source)
      throws ModelVerificationException {
    byte[] raw = signature.toArray();
    if (raw.length > 0 && raw[0] == '{') {
      ObjectNode env = StrictJson.readObject(raw, source + " (DSSE envelope)", MALFORMED);
      return dsse(ProtoJson.root(env, source + " (DSSE envelope in base64Signature)", MALFORMED));
    }
    return new MessageSignature(null, null, signature);
  }
}
