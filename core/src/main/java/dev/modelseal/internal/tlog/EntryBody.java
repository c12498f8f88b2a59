package dev.modelseal.internal.tlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.bundle.SignedEvidence.MessageSignature;
import dev.modelseal.internal.bundle.SignedEvidence.TlogEntry;
import dev.modelseal.internal.dsse.Pae;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import dev.modelseal.internal.x509.Pem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that a transparency log entry's body records exactly this bundle: same digest, same
 * signature, same certificate or key. Without this, a valid entry for something else would do.
 */
public final class EntryBody {
  private static final Reason BAD = Reason.INVALID_TLOG_ENTRY;

  /**
   * What the entry must match: the signing certificate or key (DER), the content and the artifact
   * digests by JCA name ({@code SHA-256} ...).
   */
  public record Expected(Bytes verifierDer, boolean verifierIsCertificate, SignedEvidence.Content content,
      Map<String, Bytes> digests) {}

  private EntryBody() {}

  public static void check(TlogEntry e, Expected x, String source) throws ModelVerificationException {
    ObjectNode json =
        StrictJson.readObject(e.canonicalizedBody().toArray(), source + " (tlog entry body)", BAD);
    Obj body = StrictJson.at(json, "body", source, BAD);
    String kind = body.string("kind");
    String version = body.string("apiVersion");
    if (!kind.equals(e.kind()) || !version.equals(e.version())) {
      throw body.error("tlog entry body is " + kind + " " + version + " but kindVersion says "
          + e.kind() + " " + e.version());
    }
    Obj spec = body.object("spec");
    String kv = kind + " " + version;
    switch (kv) {
      case "hashedrekord 0.0.1" -> hashedRekordV001(spec, x);
      case "hashedrekord 0.0.2" -> hashedRekordV002(spec.object("hashedRekordV002"), x);
      case "dsse 0.0.1" -> dsseV001(spec, x);
      case "intoto 0.0.2" -> intotoV002(spec.object("content"), x);
      default -> throw body.error("unsupported tlog entry kind " + kv);
    }
  }

  private static void hashedRekordV001(Obj spec, Expected x) throws ModelVerificationException {
    if (!(x.content() instanceof MessageSignature ms)) {
      throw spec.error("a hashedrekord 0.0.1 entry cannot record a DSSE envelope");
    }
    Obj hash = spec.object("data").object("hash");
    String alg = HashNames.fromLowerCase(hash.string("algorithm"));
    if (alg == null) {
      throw spec.error("unsupported hash algorithm " + hash.string("algorithm"));
    }
    expectDigest(spec, alg, hash.string("value").toLowerCase(java.util.Locale.ROOT), x);
    Obj sig = spec.object("signature");
    if (!sig.base64("content").equals(ms.signature())) {
      throw spec.error("tlog entry records a different signature than the bundle's");
    }
    expectVerifierPem(spec, sig.object("publicKey").base64("content"), x);
  }

  private static void hashedRekordV002(Obj spec, Expected x) throws ModelVerificationException {
    Obj data = spec.object("data");
    String alg = HashNames.fromProtobuf(data.string("algorithm"));
    if (alg == null) {
      throw spec.error("unsupported hash algorithm " + data.string("algorithm"));
    }
    Bytes digest = data.base64("digest");
    if (x.content() instanceof DsseEnvelope env) {
      // Rekor v2 logs DSSE as a hashedrekord over the PAE bytes.
      if (!digest.contentEquals(hash(alg, Pae.encode(env.payloadType(), env.payload().toArray())))) {
        throw spec.error("tlog entry records the digest of other DSSE content");
      }
      Bytes logged = spec.object("signature").base64("content");
      if (!env.signatures().contains(logged)) {
        throw spec.error("tlog entry records a different signature than the DSSE envelope's");
      }
    } else {
      expectDigest(spec, alg, digest.hex(), x);
      Bytes signature = spec.object("signature").base64("content");
      if (!signature.equals(((MessageSignature) x.content()).signature())) {
        throw spec.error("tlog entry records a different signature than the bundle's");
      }
    }
    Obj verifier = spec.object("signature").object("verifier");
    Obj der = verifier.optObject(x.verifierIsCertificate() ? "x509Certificate" : "publicKey");
    if (der == null || !der.base64("rawBytes").equals(x.verifierDer())) {
      throw spec.error("tlog entry records a different "
          + (x.verifierIsCertificate() ? "certificate" : "public key") + " than the bundle's");
    }
  }

  private static void dsseV001(Obj spec, Expected x) throws ModelVerificationException {
    DsseEnvelope env = dsse(spec, x);
    expectPayloadHash(spec.object("payloadHash"), env);
    List<Obj> sigs = spec.objects("signatures");
    if (sigs.size() != env.signatures().size()) {
      throw spec.error("tlog entry records " + sigs.size() + " signatures, the envelope has "
          + env.signatures().size());
    }
    for (Obj s : sigs) {
      if (!env.signatures().contains(s.base64("signature"))) {
        throw spec.error("tlog entry records a signature that is not in the DSSE envelope");
      }
      expectVerifierPem(spec, s.base64("verifier"), x);
    }
  }

  private static void intotoV002(Obj content, Expected x) throws ModelVerificationException {
    DsseEnvelope env = dsse(content, x);
    expectPayloadHash(content.object("payloadHash"), env);
    Obj logged = content.object("envelope");
    if (!logged.string("payloadType").equals(env.payloadType())) {
      throw content.error("tlog entry records another payloadType");
    }
    // intoto 0.0.2 stores payload and signatures base64-encoded twice; Rekor drops the payload
    // from what it returns, so when absent the payloadHash above is what binds it.
    if (logged.has("payload")) {
      Bytes payload = twice(logged, logged.string("payload"));
      if (payload == null || !payload.equals(env.payload())) {
        throw content.error("tlog entry records another DSSE payload");
      }
    }
    List<Obj> sigs = logged.objects("signatures");
    if (sigs.size() != env.signatures().size()) {
      throw content.error("tlog entry records " + sigs.size() + " signatures, the envelope has "
          + env.signatures().size());
    }
    for (Obj s : sigs) {
      Bytes sig = twice(s, s.string("sig"));
      if (sig == null || !env.signatures().contains(sig)) {
        throw content.error("tlog entry records a signature that is not in the DSSE envelope");
      }
      expectVerifierPem(content, s.base64("publicKey"), x);
    }
  }

  /** Decodes intoto's double base64; null when the text is not encoded that way. */
  private static Bytes twice(Obj o, String text) {
    try {
      Bytes once = o.decodeBase64(text, o.path());
      return o.decodeBase64(new String(once.toArray(), StandardCharsets.US_ASCII), o.path());
    } catch (ModelVerificationException e) {
      return null;
    }
  }

  private static DsseEnvelope dsse(Obj spec, Expected x) throws ModelVerificationException {
    if (!(x.content() instanceof DsseEnvelope env)) {
      throw spec.error("a DSSE tlog entry cannot record a message signature");
    }
    return env;
  }

  private static void expectPayloadHash(Obj payloadHash, DsseEnvelope env)
      throws ModelVerificationException {
    if (!payloadHash.string("algorithm").equals("sha256")) {
      throw payloadHash.error("unsupported payload hash algorithm " + payloadHash.string("algorithm"));
    }
    String want = Bytes.wrap(hash("SHA-256", env.payload().toArray())).hex();
    if (!want.equalsIgnoreCase(payloadHash.string("value"))) {
      throw payloadHash.error("tlog entry records the hash of another DSSE payload");
    }
  }

  private static void expectDigest(Obj spec, String alg, String hex, Expected x)
      throws ModelVerificationException {
    Bytes have = x.digests().get(alg);
    if (have == null) {
      throw spec.error("tlog entry records a " + alg + " digest, which is not available here");
    }
    if (!have.hex().equals(hex)) {
      throw spec.error("tlog entry records digest " + HashNames.label(alg) + ":" + hex + " but the content is "
          + HashNames.label(alg) + ":" + have.hex());
    }
  }

  private static void expectVerifierPem(Obj where, Bytes pemBytes, Expected x)
      throws ModelVerificationException {
    List<Pem.Block> blocks = Pem.decode(new String(pemBytes.toArray(), StandardCharsets.UTF_8));
    List<Bytes> ders = new ArrayList<>();
    for (Pem.Block b : blocks) {
      ders.add(Bytes.wrap(b.der()));
    }
    if (ders.isEmpty() || !ders.get(0).equals(x.verifierDer())) {
      throw where.error("tlog entry records a different "
          + (x.verifierIsCertificate() ? "certificate" : "public key") + " than the bundle's");
    }
  }

  static byte[] hash(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
