package dev.modelseal;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.Sha256;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.bundle.SignedEvidence.EmbeddedKey;
import dev.modelseal.internal.bundle.SignedEvidence.KeyHint;
import dev.modelseal.internal.delivery.Evidence;
import dev.modelseal.internal.dsse.Pae;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.oms.OmsManifest;
import dev.modelseal.internal.verify.Signatures;
import dev.modelseal.internal.x509.Certificates;
import dev.modelseal.internal.x509.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The integrity steps for an OpenSSF Model Signing signature ({@code model.sig}), in the three
 * methods model_signing 1.x verifies (its {@code verify key|certificate|sigstore} commands):
 *
 * <ul>
 *   <li><b>sigstore</b> (a Fulcio certificate with log entries): the same steps as any Sigstore
 *       bundle ({@link EvidenceVerifier}), so identity policy applies exactly as for single files;
 *   <li><b>key</b> (a {@code publicKey} hint, or the key itself as releases before 1.1 wrote it):
 *       the DSSE signature by a key the policy pins; a hint, when present, must be the pinned key's
 *       (hex SHA-256 of its canonical PEM, as model_signing computes it). As in model_signing, no
 *       transparency log and no time are involved;
 *   <li><b>certificate</b> (an {@code x509CertificateChain}, no log entries): the DSSE signature by
 *       the leaf, and the chain validated (RFC 5280 path validation) to one of the policy's {@link
 *       Policy#certificateRoots()} at the leaf's notBefore, which is when model_signing judges it;
 *       the leaf needs key usage digitalSignature or extended key usage codeSigning.
 * </ul>
 *
 * <p>Then the statement: an OpenSSF Model Signing predicate whose subject digest is the root of its
 * resource list ({@link OmsManifest#checkRootDigest()}). The files themselves are checked against
 * the manifest afterwards, by hashing them. Who signed is reported, not judged: that is the policy
 * step's.
 */
final class ManifestVerifier {
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

  /** The verified signature and the manifest it signs. */
  record Result(VerifiedSignature signature, OmsManifest manifest) {}

  private final Evidence evidence;
  private final SignedEvidence ev;
  private final Policy policy;
  private final List<Check> checks = new ArrayList<>();

  private ManifestVerifier(Evidence evidence, Policy policy) {
    this.evidence = evidence;
    this.ev = evidence.signed();
    this.policy = policy;
  }

  /** The manifest the envelope's statement carries (not yet trusted: the signature is checked next). */
  private OmsManifest manifest() throws ModelVerificationException {
    Statement statement = evidence.statement().orElseThrow();
    if (!OmsManifest.PREDICATE_V1.equals(statement.predicateType())
        && !OmsManifest.PREDICATE_LEGACY.equals(statement.predicateType())) {
      throw fail(Reason.UNSUPPORTED_FORMAT, "predicate type " + statement.predicateType()
          + " is not OpenSSF Model Signing's (" + OmsManifest.PREDICATE_V1 + ")");
    }
    return OmsManifest.parse(statement, ev.source());
  }

  static Result verify(Evidence evidence, Policy policy) throws ModelVerificationException {
    try {
      return new ManifestVerifier(evidence, policy).run();
    } catch (RuntimeException e) {
      throw FailClosed.internalError(evidence.source(), e);
    }
  }

  private ModelVerificationException fail(Reason reason, String message) {
    return new ModelVerificationException(reason, ev.source() + ": " + message);
  }

  private void pass(String name, String detail) {
    checks.add(new Check(name, Check.Status.PASSED, detail));
  }

  private Result run() throws ModelVerificationException {
    if (!(ev.content() instanceof DsseEnvelope env)) {
      throw fail(Reason.MALFORMED_BUNDLE, "an OpenSSF Model Signing signature holds a DSSE envelope, not a"
          + " message signature");
    }
    OmsManifest manifest = manifest();
    Digests digests = new Digests(java.util.Map.of("SHA-256", Bytes.fromHex(manifest.modelDigest())));
    if (ev.material() instanceof CertificateChain chain && !ev.tlogEntries().isEmpty()) {
      // The sigstore method: a Fulcio certificate and its log entries, like any keyless bundle.
      VerifiedSignature v = EvidenceVerifier.verify(evidence, digests, policy);
      manifest.checkRootDigest();
      return new Result(v, manifest);
    }
    if (!ev.tlogEntries().isEmpty() || !ev.rfc3161Timestamps().isEmpty()) {
      throw fail(Reason.INVALID_TLOG_ENTRY, "a key or certificate signature carries transparency log entries"
          + " or timestamps but no Fulcio certificate; model_signing writes neither for these methods");
    }
    Signer signer;
    Instant time = null;
    pass("bundle format", ev.format().mediaType() + " (OpenSSF Model Signing)");
    if (ev.material() instanceof CertificateChain chain) {
      X509Certificate leaf = chain.leaf();
      verifyDsse(env, List.of(leaf.getPublicKey()), manifest);
      time = verifyChain(chain);
      signer = Signer.certificate(leaf.getSubjectX500Principal().getName(), PublicKeys.keyId(leaf.getPublicKey()));
    } else {
      PublicKey key = verifyDsse(env, pinnedKeys(), manifest);
      signer = Signer.key(PublicKeys.keyId(key));
    }
    manifest.checkRootDigest();
    pass("manifest", manifest.resources().size() + " resources, " + manifest.method() + " "
        + manifest.hashType().omsName() + ", root sha256:" + manifest.modelDigest());
    VerifiedSignature v = new VerifiedSignature(Evidence.Role.MANIFEST, ev.source(), digests, signer, time, -1,
        evidence.statement().orElseThrow(), null, checks);
    return new Result(v, manifest);
  }

  /** The pinned keys this signature may be by: its embedded key or hint must name one of them. */
  private List<PublicKey> pinnedKeys() throws ModelVerificationException {
    if (policy.keys().isEmpty()) {
      throw fail(Reason.KEY_MISMATCH, "the model is signed with a key, but the policy pins no key (give the"
          + " signer's public key)");
    }
    if (ev.material() instanceof EmbeddedKey embedded) {
      byte[] enc = embedded.key().getEncoded();
      if (policy.keys().stream().noneMatch(k -> Arrays.equals(k.getEncoded(), enc))) {
        throw fail(Reason.KEY_MISMATCH, "the signature's key sha256:" + PublicKeys.keyId(embedded.key())
            + " is not one the policy allows");
      }
      return List.of(embedded.key());
    }
    String hint = ((KeyHint) ev.material()).hint();
    if (hint == null) {
      return policy.keys();
    }
    List<PublicKey> named = policy.keys().stream().filter(k -> hint.equals(hintOf(k))).toList();
    if (named.isEmpty()) {
      throw fail(Reason.KEY_MISMATCH, "the signature's key hint " + hint + " names none of the policy's keys"
          + " (their hints: " + policy.keys().stream().map(ManifestVerifier::hintOf).toList() + ")");
    }
    return named;
  }

  /** model_signing's key hint: hex SHA-256 of the key's PEM, 64 columns, with a final newline. */
  static String hintOf(PublicKey key) {
    String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    String pem = "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    return HexFormat.of().formatHex(Sha256.of(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * The DSSE signature over PAE. A legacy manifest (model_signing 0.2) is also accepted with the
   * signature 0.2 made: over SHA-256 of a PAE spelled {@code DSSEV1} with the payload as Python's
   * bytes literal, whatever the curve. Only that predicate, which no release writes any more.
   */
  private PublicKey verifyDsse(DsseEnvelope env, List<PublicKey> keys, OmsManifest manifest)
      throws ModelVerificationException {
    byte[] payload = env.payload().toArray();
    byte[] pae = Pae.encode(env.payloadType(), payload);
    byte[] legacy = manifest.legacy() ? Sha256.of(legacyPae(env.payloadType(), payload)) : null;
    for (PublicKey k : keys) {
      for (Bytes sig : env.signatures()) {
        if (Signatures.verify(k, pae, sig.toArray())) {
          pass("signature", "DSSE signature over PAE(" + env.payloadType() + ") verifies");
          return k;
        }
        if (legacy != null && Signatures.verifyPrehashed(k, "SHA-256", legacy, sig.toArray())) {
          pass("signature", "DSSE signature verifies as model_signing 0.2 made it (legacy PAE, SHA-256)");
          return k;
        }
      }
    }
    throw fail(Reason.INVALID_SIGNATURE, "no DSSE signature verifies with "
        + (keys.size() > 1 ? "any of the " + keys.size() + " allowed keys" : "the signer's key"));
  }

  /** {@code DSSEV1 <len type> <type> <len payload> b'<payload as a Python bytes literal>'}. */
  static byte[] legacyPae(String payloadType, byte[] payload) {
    StringBuilder literal = new StringBuilder("b'");
    for (byte b : payload) {
      int c = b & 0xff;
      switch (c) {
        case '\\' -> literal.append("\\\\");
        case '\'' -> literal.append("\\'");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            literal.append(String.format("\\x%02x", c));
          } else {
            literal.append((char) c);
          }
        }
      }
    }
    literal.append('\'');
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    String pae = "DSSEV1 " + type.length + " " + payloadType + " " + payload.length + " " + literal;
    return pae.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * RFC 5280 path validation of the bundle's chain to one of the policy's certificate roots, at
   * the leaf's notBefore (the time model_signing and model-transparency-go validate at); a root the
   * bundle includes is dropped and must be one of the policy's. Returns that time.
   */
  private Instant verifyChain(CertificateChain chain) throws ModelVerificationException {
    if (policy.certificateRoots().isEmpty()) {
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the model is signed with a certificate chain and no"
          + " transparency log (model_signing's certificate method), but the policy names no certificate root"
          + " to chain it to (Policy.Builder.allowCertificateChainTo, --certificate-chain)");
    }
    X509Certificate leaf = chain.leaf();
    checkUsage(leaf);
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain.certificates()) {
      if (!Certificates.isSelfSigned(c)) {
        path.add(c);
      }
    }
    if (path.isEmpty() || path.get(0) != leaf) {
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate is self-signed; it must chain to one"
          + " of the policy's certificate roots");
    }
    Set<TrustAnchor> anchors = new LinkedHashSet<>();
    for (X509Certificate root : policy.certificateRoots()) {
      anchors.add(new TrustAnchor(root, null));
    }
    Instant at = leaf.getNotBefore().toInstant();
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
    } catch (GeneralSecurityException e) {
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate (" + leaf.getSubjectX500Principal()
          + ") does not chain to a certificate root of the policy at its notBefore " + at + ": " + e.getMessage());
    }
    pass("certificate chain", leaf.getSubjectX500Principal() + " chains to a policy root at " + at);
    return at;
  }

  private void checkUsage(X509Certificate leaf) throws ModelVerificationException {
    boolean[] ku = leaf.getKeyUsage();
    boolean digitalSignature = ku != null && ku.length > 0 && ku[0];
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate's extended key usage is malformed");
    }
    boolean codeSigning = eku != null && eku.contains(CODE_SIGNING);
    if (!digitalSignature && !codeSigning) {
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate has neither key usage digitalSignature"
          + " nor extended key usage codeSigning");
    }
    pass("certificate usage", (digitalSignature ? "digitalSignature" : "") + (digitalSignature && codeSigning
        ? ", " : "") + (codeSigning ? "codeSigning" : ""));
  }
}
