package dev.modelseal.internal.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.Content;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.bundle.SignedEvidence.EmbeddedKey;
import dev.modelseal.internal.bundle.SignedEvidence.InclusionProof;
import dev.modelseal.internal.bundle.SignedEvidence.KeyHint;
import dev.modelseal.internal.bundle.SignedEvidence.Material;
import dev.modelseal.internal.bundle.SignedEvidence.MessageSignature;
import dev.modelseal.internal.bundle.SignedEvidence.TlogEntry;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import dev.modelseal.internal.x509.Certificates;
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

  private BundleParser() {}

  /** Parses the bundle file at {@code file}. */
  public static SignedEvidence parse(Path file) throws ModelVerificationException {
    ObjectNode root = StrictJson.readObject(file, MALFORMED);
    return parse(root, file.toString());
  }

  /** Parses an already-read bundle; {@code source} names it in messages. */
  public static SignedEvidence parse(ObjectNode root, String source)
      throws ModelVerificationException {
    Obj o = StrictJson.at(root, "", source, MALFORMED);
    if (o.has("mediaType")) {
      return parseSigstore(o, source);
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

  private static SignedEvidence parseSigstore(Obj o, String source)
      throws ModelVerificationException {
    String mediaType = o.string("mediaType");
    // Unknown fields are refused: a misspelled or renamed field would otherwise silently drop
    // evidence (a SET, a timestamp, a message digest) that the signer meant to be checked.
    o.onlyFields(Set.of("mediaType", "verificationMaterial", "messageSignature", "dsseEnvelope"));
    BundleFormat format = BundleFormat.ofMediaType(mediaType);
    if (format == null) {
      throw new ModelVerificationException(
          Reason.UNSUPPORTED_FORMAT,
          source + ": unsupported bundle media type \"" + mediaType + "\"; expected one of "
              + "application/vnd.dev.sigstore.bundle+json;version=0.1|0.2|0.3 or "
              + BundleFormat.SIGSTORE_V03_NEW.mediaType());
    }
    Obj vm = o.object("verificationMaterial");
    vm.onlyFields(Set.of("publicKey", "x509CertificateChain", "certificate", "tlogEntries",
        "timestampVerificationData"));
    Material material = material(vm, format, source);
    List<TlogEntry> entries = new ArrayList<>();
    for (Obj e : vm.objects("tlogEntries")) {
      TlogEntry entry = tlogEntry(e);
      if (entries.stream().anyMatch(x -> x.logId().equals(entry.logId()) && x.logIndex() == entry.logIndex())) {
        throw vm.error("the same transparency log entry (index " + entry.logIndex() + ") appears twice");
      }
      entries.add(entry);
    }
    if (entries.size() > MAX_ENTRIES) {
      throw vm.error("more than " + MAX_ENTRIES + " transparency log entries");
    }
    List<Bytes> timestamps = new ArrayList<>();
    Obj tvd = vm.optObject("timestampVerificationData");
    if (tvd != null) {
      tvd.onlyFields(Set.of("rfc3161Timestamps"));
      for (Obj t : tvd.objects("rfc3161Timestamps")) {
        t.onlyFields(Set.of("signedTimestamp"));
        Bytes ts = t.base64("signedTimestamp");
        if (timestamps.contains(ts)) {
          throw vm.error("the same RFC 3161 timestamp appears twice");
        }
        timestamps.add(ts);
      }
    }
    if (timestamps.size() > MAX_ENTRIES) {
      throw vm.error("more than " + MAX_ENTRIES + " RFC 3161 timestamps");
    }
    Content content;
    boolean hasMessage = o.has("messageSignature");
    boolean hasDsse = o.has("dsseEnvelope");
    if (hasMessage == hasDsse) {
      throw o.error("a bundle must hold exactly one of messageSignature and dsseEnvelope");
    }
    if (hasMessage) {
      Obj ms = o.object("messageSignature");
      ms.onlyFields(Set.of("messageDigest", "signature"));
      Obj md = ms.optObject("messageDigest");
      if (md != null) {
        md.onlyFields(Set.of("algorithm", "digest"));
      }
      content =
          new MessageSignature(
              md == null ? null : md.string("algorithm"),
              md == null ? null : md.base64("digest"),
              ms.base64("signature"));
    } else {
      content = dsse(o.object("dsseEnvelope"));
    }
    return new SignedEvidence(source, format, material, entries, timestamps, content);
  }

  private static Material material(Obj vm, BundleFormat format, String source)
      throws ModelVerificationException {
    int kinds =
        (vm.has("certificate") ? 1 : 0)
            + (vm.has("x509CertificateChain") ? 1 : 0)
            + (vm.has("publicKey") ? 1 : 0);
    if (kinds != 1) {
      throw vm.error(
          "verificationMaterial must hold exactly one of certificate, x509CertificateChain and"
              + " publicKey");
    }
    if (vm.has("publicKey")) {
      Obj pk = vm.object("publicKey");
      pk.onlyFields(Set.of("hint"));
      return new KeyHint(pk.optString("hint"));
    }
    if (vm.has("certificate")) {
      if (!format.isV03()) {
        throw vm.error("verificationMaterial.certificate needs a v0.3 bundle; this one is " + format.mediaType());
      }
      return new CertificateChain(List.of(certificate(vm.object("certificate"))));
    }
    if (format.isV03()) {
      throw vm.error(
          "a v0.3 bundle must carry a single certificate, not an x509CertificateChain");
    }
    Obj chainObj = vm.object("x509CertificateChain");
    chainObj.onlyFields(Set.of("certificates"));
    List<Obj> certs = chainObj.objects("certificates");
    if (certs.isEmpty()) {
      throw vm.error("verificationMaterial.x509CertificateChain.certificates is empty");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Obj c : certs) {
      chain.add(certificate(c));
    }
    return new CertificateChain(chain);
  }

  private static X509Certificate certificate(Obj c) throws ModelVerificationException {
    c.onlyFields(Set.of("rawBytes"));
    Bytes der = c.base64("rawBytes");
    return Certificates.parse(der.toArray())
        .orElseThrow(() -> c.error(c.path() + ".rawBytes is not a DER X.509 certificate"));
  }

  private static TlogEntry tlogEntry(Obj e) throws ModelVerificationException {
    e.onlyFields(Set.of("logIndex", "logId", "kindVersion", "integratedTime", "inclusionPromise",
        "inclusionProof", "canonicalizedBody"));
    Obj kv = e.object("kindVersion");
    kv.onlyFields(Set.of("kind", "version"));
    Obj promise = e.optObject("inclusionPromise");
    if (promise != null) {
      promise.onlyFields(Set.of("signedEntryTimestamp"));
    }
    Obj logId = e.object("logId");
    logId.onlyFields(Set.of("keyId"));
    Obj proof = e.optObject("inclusionProof");
    InclusionProof ip = null;
    if (proof != null) {
      proof.onlyFields(Set.of("logIndex", "rootHash", "treeSize", "hashes", "checkpoint"));
      List<Bytes> hashes = new ArrayList<>();
      for (String h : proof.strings("hashes")) {
        hashes.add(proof.decodeBase64(h, proof.path() + ".hashes[]"));
      }
      Obj cp = proof.optObject("checkpoint");
      if (cp != null) {
        cp.onlyFields(Set.of("envelope"));
      }
      ip =
          new InclusionProof(
              proof.int64("logIndex"),
              proof.base64("rootHash"),
              proof.int64("treeSize"),
              hashes,
              cp == null ? null : cp.string("envelope"));
    }
    return new TlogEntry(
        e.int64("logIndex"),
        logId.base64("keyId"),
        kv.string("kind"),
        kv.string("version"),
        e.has("integratedTime") ? e.int64("integratedTime") : -1,
        promise == null ? null : promise.base64("signedEntryTimestamp"),
        ip,
        e.base64("canonicalizedBody"));
  }

  private static DsseEnvelope dsse(Obj env) throws ModelVerificationException {
    env.onlyFields(Set.of("payload", "payloadType", "signatures"));
    List<Bytes> sigs = new ArrayList<>();
    for (Obj s : env.objects("signatures")) {
      s.onlyFields(Set.of("sig", "keyid"));
      sigs.add(s.base64("sig"));
    }
    if (sigs.size() != 1) {
      // Sigstore bundles carry exactly one DSSE signature (protobuf-specs, Bundle.dsse_envelope).
      throw env.error("a DSSE envelope in a bundle must carry exactly one signature, found " + sigs.size());
    }
    return new DsseEnvelope(env.string("payloadType"), env.base64("payload"), sigs);
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
                      .orElseThrow(() -> o.error("cert is not a valid X.509 certificate"))));
    } else if (block.label().equals("PUBLIC KEY")) {
      Optional<PublicKey> key = PublicKeys.fromSpki(block.der());
      material = new EmbeddedKey(key.orElseThrow(() -> o.error("cert holds an unusable public key")));
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
      return dsse(StrictJson.at(env, "base64Signature", source, MALFORMED));
    }
    return new MessageSignature(null, null, signature);
  }
}
