package dev.modelseal;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.bundle.SignedEvidence.EmbeddedKey;
import dev.modelseal.internal.bundle.SignedEvidence.MessageSignature;
import dev.modelseal.internal.bundle.SignedEvidence.TlogEntry;
import dev.modelseal.internal.dsse.Pae;
import dev.modelseal.internal.delivery.Evidence;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.tlog.EntryBody;
import dev.modelseal.internal.tlog.TlogVerifier;
import dev.modelseal.internal.trust.Authority;
import dev.modelseal.internal.trust.TrustedRootData;
import dev.modelseal.internal.tsa.TimestampVerifier;
import dev.modelseal.internal.verify.Signatures;
import dev.modelseal.internal.x509.Certificates;
import dev.modelseal.internal.x509.ChainValidator;
import dev.modelseal.internal.x509.FulcioCertificate;
import dev.modelseal.internal.x509.PublicKeys;
import dev.modelseal.internal.x509.SctVerifier;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The integrity steps for one piece of evidence: does this bundle, signed by whom it says, bind to
 * these artifact digests, under the trust root? Each step returns what the next one needs and cites
 * the <a href="https://github.com/sigstore/architecture-docs/blob/main/client-spec.md">Sigstore
 * client specification</a> section it implements. Who signed is reported in the result's {@link
 * Signer}, never judged here: identity and every other policy decision belong to {@link
 * PolicyEvaluator}. Fails on the first broken check.
 *
 * <p>Order: §4.1 inputs, §4.5 the signature, §4.2 a verified time (RFC 3161 timestamps, then the
 * log entries with their §4.4 body checks), §4.3 the certificate at those times, then the in-toto
 * subject. The signature comes before §4.2, unlike in the spec's text: it is what binds the bundle
 * to this artifact (a changed model is reported as {@link Reason#DIGEST_MISMATCH} or {@link
 * Reason#INVALID_SIGNATURE}, not as a log entry that records another digest), and for a key-signed
 * bundle, which carries only a hint, it is what says which pinned key signed, the key that §4.4
 * compares the log entry with. Every step runs before a verdict, so the order changes only which
 * reason a bundle broken in two ways reports.
 */
final class EvidenceVerifier {
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

  private final Evidence evidence;
  private final SignedEvidence ev;
  private final Digests digests;
  private final Policy policy;
  private final TrustedRootData root;
  private final List<Check> checks = new ArrayList<>();

  private EvidenceVerifier(Evidence evidence, Digests digests, Policy policy) {
    this.evidence = evidence;
    this.ev = evidence.signed();
    this.digests = digests;
    this.policy = policy;
    this.root = policy.trustRoot().data();
  }

  /** Verifies {@code evidence} over {@code digests}; the policy supplies trust material only. */
  static VerifiedSignature verify(Evidence evidence, Digests digests, Policy policy)
      throws ModelVerificationException {
    if (policy.trustRoot().isNone()) {
      throw new ModelVerificationException(Reason.INVALID_TRUST_ROOT, evidence.source() + ": a Sigstore bundle"
          + " needs a trust root for its log entries, and the policy has none (Policy.Builder.trustRoot,"
          + " --trusted-root); only OpenSSF Model Signing key and certificate signatures verify without one");
    }
    try {
      return new EvidenceVerifier(evidence, digests, policy).run();
    } catch (RuntimeException e) {
      // Fail closed, naming the evidence file: an unforeseen parser or provider error never escapes.
      throw FailClosed.internalError(evidence.source(), e);
    }
  }

  private ModelVerificationException fail(Reason reason, String message) {
    return new ModelVerificationException(reason, ev.source() + ": " + message);
  }

  private void pass(String name, String detail) {
    checks.add(new Check(name, Check.Status.PASSED, detail));
  }

  private VerifiedSignature run() throws ModelVerificationException {
    // §4.1 Inputs: the bundle and its verification material.
    pass("bundle format", ev.format().mediaType());
    X509Certificate leaf = leaf();
    List<PublicKey> candidates = candidateKeys(leaf);
    // §4.5 Signature verification (first: see the class comment), over a payload of a known type.
    Signed signed = verifySignature(candidates);
    Optional<Statement> statement = evidence.statement();
    // §4.2 Establishing a time for the signature: §4.2.1 timestamps, §4.2.2 log entries (§4.4).
    List<Instant> tsaTimes = verifyTimestamps(signed.signature());
    List<TlogVerifier.Verified> logged = verifyTlogEntries(leaf, signed.key());
    SortedSet<Instant> times = verifiedTimes(tsaTimes, logged);
    // §4.3 Certificate: validity and chain at every verified time, usage, SCT; the signer it names.
    Signer signer = leaf != null ? verifyCertificate(leaf, times) : Signer.key(PublicKeys.keyId(signed.key()));
    // The in-toto statement is trusted now; its subject must name this artifact (sigstore-go last step).
    if (statement.isPresent()) {
      verifySubject(statement.get());
    }
    byte[] predicate = statement.isPresent() && Predicates.isSbom(statement.get().predicateType())
        ? Statement.predicateBytes(((DsseEnvelope) ev.content()).payload().toArray()) : null;
    return new VerifiedSignature(evidence.role(), ev.source(), digests, signer, times.first(),
        logged.get(0).logIndex(), statement.orElse(null), predicate, checks);
  }

  /** The key that verified the signature and the signature bytes that timestamps cover. */
  private record Signed(PublicKey key, Bytes signature) {}

  private Signed verifySignature(List<PublicKey> candidates) throws ModelVerificationException {
    if (ev.content() instanceof MessageSignature ms) {
      checkMessageDigest(ms);
      return new Signed(verifyMessageSignature(ms, candidates), ms.signature());
    }
    DsseEnvelope env = (DsseEnvelope) ev.content();
    return new Signed(verifyDsseSignature(env, candidates), env.signatures().get(0));
  }

  /** A DSSE statement's subject must carry this artifact's digests. */
  private void verifySubject(Statement statement) throws ModelVerificationException {
    if (!statement.hasSubject(digests.byInTotoName())) {
      throw fail(Reason.DIGEST_MISMATCH, "no in-toto subject has digest " + digests + "; subjects are "
          + statement.subjects().stream().map(s -> s.name() + " " + s.digest()).collect(Collectors.joining(", ")));
    }
    pass("subject", "in-toto subject matches " + digests + " (predicateType " + statement.predicateType() + ")");
  }

  /**
   * §4.2: every verified time, at least one. A log entry without its own signed time (Rekor v2) is
   * judged at the timestamp authority's times.
   */
  private SortedSet<Instant> verifiedTimes(List<Instant> tsaTimes, List<TlogVerifier.Verified> logged)
      throws ModelVerificationException {
    SortedSet<Instant> times = new TreeSet<>(tsaTimes);
    for (TlogVerifier.Verified v : logged) {
      if (v.integratedTime() != null) {
        times.add(v.integratedTime());
      }
    }
    if (times.isEmpty()) {
      throw fail(Reason.NO_VERIFIED_TIME, "no verified signing time: neither a signed entry timestamp"
          + " nor an RFC 3161 timestamp; without one neither the certificate nor the log key's"
          + " validity can be judged");
    }
    for (TlogVerifier.Verified v : logged) {
      if (v.integratedTime() == null) {
        if (tsaTimes.isEmpty()) {
          throw fail(Reason.NO_VERIFIED_TIME, "tlog entry " + v.logIndex() + " has no signed entry"
              + " timestamp and the bundle no RFC 3161 timestamp to judge the log key's validity by");
        }
        for (Instant t : tsaTimes) {
          if (!v.log().validFor().contains(t)) {
            throw fail(Reason.INVALID_TLOG_ENTRY, "log " + v.log().baseUrl()
                + " was not valid at the timestamp " + t + " (validFor " + v.log().validFor() + ")");
          }
        }
      }
    }
    return times;
  }

  private X509Certificate leaf() throws ModelVerificationException {
    if (!(ev.material() instanceof CertificateChain chain)) {
      return null;
    }
    for (X509Certificate c : chain.certificates()) {
      if (Certificates.isSelfSigned(c)) {
        throw fail(Reason.UNTRUSTED_CERTIFICATE,
            "the bundle's certificate chain contains a self-signed root (" + c.getSubjectX500Principal()
                + "); roots are taken only from the trust root");
      }
    }
    return chain.leaf();
  }

  private List<PublicKey> candidateKeys(X509Certificate leaf) throws ModelVerificationException {
    if (leaf != null) {
      return List.of(leaf.getPublicKey());
    }
    if (policy.keys().isEmpty()) {
      throw fail(Reason.KEY_MISMATCH,
          "the bundle is signed with a key, but the policy pins no key (give the signer's public key)");
    }
    if (ev.material() instanceof EmbeddedKey embedded) {
      byte[] enc = embedded.key().getEncoded();
      if (policy.keys().stream().noneMatch(k -> Arrays.equals(k.getEncoded(), enc))) {
        throw fail(Reason.KEY_MISMATCH, "the bundle's key sha256:" + PublicKeys.keyId(embedded.key())
            + " is not one the policy allows");
      }
      return List.of(embedded.key());
    }
    return policy.keys();
  }

  private void checkMessageDigest(MessageSignature ms) throws ModelVerificationException {
    if (ms.digest() == null) {
      return;
    }
    String alg = HashNames.fromProtobuf(ms.digestAlgorithm());
    if (alg == null) {
      throw fail(Reason.UNSUPPORTED_FORMAT, "unsupported messageDigest algorithm " + ms.digestAlgorithm());
    }
    Optional<String> have = digests.hex(alg);
    if (have.isEmpty()) {
      throw fail(Reason.UNSUPPORTED_FORMAT, "the bundle's messageDigest is " + alg
          + ", which is not available for this artifact");
    }
    if (!have.get().equals(ms.digest().hex())) {
      throw fail(Reason.DIGEST_MISMATCH, "the bundle signs " + HashNames.label(alg) + ":" + ms.digest().hex()
          + " but the content is " + HashNames.label(alg) + ":" + have.get());
    }
    pass("digest", "messageDigest matches the content (" + HashNames.label(alg) + ":" + have.get() + ")");
  }

  private PublicKey verifyMessageSignature(MessageSignature ms, List<PublicKey> keys)
      throws ModelVerificationException {
    for (PublicKey k : keys) {
      for (String hash : PublicKeys.messageHashesFor(k)) {
        Optional<String> d = digests.hex(hash);
        if (d.isPresent() && Signatures.verifyPrehashed(
            k, hash, Bytes.fromHex(d.get()).toArray(), ms.signature().toArray())) {
          pass("signature", "signature over the content verifies (" + k.getAlgorithm() + ", " + hash + ")");
          return k;
        }
      }
    }
    throw fail(Reason.INVALID_SIGNATURE, "the signature does not verify over " + digests
        + (keys.size() > 1 ? " with any of the " + keys.size() + " allowed keys" : " with the signer's key"));
  }

  private PublicKey verifyDsseSignature(DsseEnvelope env, List<PublicKey> keys)
      throws ModelVerificationException {
    byte[] pae = Pae.encode(env.payloadType(), env.payload().toArray());
    for (PublicKey k : keys) {
      for (Bytes sig : env.signatures()) {
        if (Signatures.verify(k, pae, sig.toArray())) {
          pass("signature", "DSSE signature over PAE(" + env.payloadType() + ") verifies");
          return k;
        }
      }
    }
    throw fail(Reason.INVALID_SIGNATURE, "no DSSE signature verifies with "
        + (keys.size() > 1 ? "any of the " + keys.size() + " allowed keys" : "the signer's key"));
  }

  /** §4.2.2 and §4.4: each entry's signed time or inclusion, and a body that records this bundle. */
  private List<TlogVerifier.Verified> verifyTlogEntries(X509Certificate leaf, PublicKey key)
      throws ModelVerificationException {
    if (ev.tlogEntries().isEmpty()) {
      throw fail(Reason.INVALID_TLOG_ENTRY,
          "the bundle has no transparency log entry; one is required");
    }
    byte[] der;
    try {
      der = leaf != null ? leaf.getEncoded() : key.getEncoded();
    } catch (CertificateEncodingException e) {
      throw fail(Reason.MALFORMED_BUNDLE, "cannot encode the signing certificate");
    }
    EntryBody.Expected expected =
        new EntryBody.Expected(Bytes.wrap(der), leaf != null, ev.content(), digests.asMap());
    List<TlogVerifier.Verified> out = new ArrayList<>();
    for (TlogEntry e : ev.tlogEntries()) {
      TlogVerifier.Verified v = TlogVerifier.verify(e, ev.format(), expected, root, ev.source());
      for (String c : v.checks()) {
        pass("tlog entry " + e.logIndex(), c + " (" + v.log().baseUrl() + ")");
      }
      out.add(v);
    }
    return out;
  }

  /** §4.2.1: each RFC 3161 timestamp over the signature bytes, verified by a trusted TSA. */
  private List<Instant> verifyTimestamps(Bytes signature) throws ModelVerificationException {
    List<Instant> out = new ArrayList<>();
    for (Bytes ts : ev.rfc3161Timestamps()) {
      try {
        Instant t = TimestampVerifier.verify(ts, signature, root);
        pass("timestamp", "RFC 3161 timestamp verified: " + t);
        out.add(t);
      } catch (TimestampVerifier.TimestampException e) {
        throw fail(Reason.INVALID_TIMESTAMP, e.getMessage());
      }
    }
    return out;
  }

  /** §4.3: the hybrid model (valid at every verified time), the chain, usage, SCT, one identity. */
  private Signer verifyCertificate(X509Certificate leaf, SortedSet<Instant> times)
      throws ModelVerificationException {
    for (Instant t : times) {
      if (t.isBefore(leaf.getNotBefore().toInstant()) || t.isAfter(leaf.getNotAfter().toInstant())) {
        throw fail(Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME, "the signing certificate is valid "
            + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant()
            + " but the verified signing time is " + t);
      }
    }
    pass("certificate validity", "valid at every verified time " + times);
    X509Certificate issuer = null;
    for (Instant t : times) {
      issuer = chainAt(leaf, t);
    }
    checkUsage(leaf);
    SctVerifier.Result sct = SctVerifier.verify(leaf, issuer, root);
    if (sct.verifiedBy().isEmpty()) {
      throw fail(Reason.INVALID_SCT, sct.problem());
    }
    pass("SCT", "embedded SCT verified by CT log " + sct.verifiedBy().get());
    int names = FulcioCertificate.alternativeNameCount(leaf);
    if (names > 1 || names < 0) {
      // Fulcio puts exactly one identity in a certificate; with several, which one signed is
      // ambiguous, and a policy matching any of them would trust all of them.
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate has "
          + (names < 0 ? "a malformed subject alternative name extension" : names + " subject alternative names")
          + "; Fulcio issues exactly one");
    }
    List<String> subjects = FulcioCertificate.subjects(leaf);
    String oidcIssuer = FulcioCertificate.issuer(leaf);
    return Signer.keyless(subjects.isEmpty() ? "" : subjects.get(0), oidcIssuer);
  }

  private X509Certificate chainAt(X509Certificate leaf, Instant t) throws ModelVerificationException {
    List<String> problems = new ArrayList<>();
    for (Authority ca : root.certificateAuthorities()) {
      if (!ca.validFor().contains(t)) {
        problems.add(ca.uri() + ": not valid at " + t + " (validFor " + ca.validFor() + ")");
        continue;
      }
      Optional<X509Certificate> issuer = ChainValidator.validate(leaf, ca, t, problems);
      if (issuer.isPresent()) {
        pass("certificate chain", "chains to " + ca.uri() + " at " + t);
        return issuer.get();
      }
    }
    throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate (issuer "
        + leaf.getIssuerX500Principal() + ") does not chain to a certificate authority of the trust root at "
        + t + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
  }

  private void checkUsage(X509Certificate leaf) throws ModelVerificationException {
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      eku = null;
    }
    if (eku == null || !eku.contains(CODE_SIGNING)) {
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate lacks extended key usage codeSigning");
    }
    boolean[] ku = leaf.getKeyUsage();
    if (ku != null && !ku[0]) {
      throw fail(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate lacks key usage digitalSignature");
    }
    pass("certificate usage", "codeSigning, digitalSignature");
  }
}
