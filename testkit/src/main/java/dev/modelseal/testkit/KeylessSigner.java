package dev.modelseal.testkit;

import dev.modelseal.testkit.internal.Pae;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs and attests files keylessly for one OIDC identity and issuer: a fresh key, a fake Fulcio
 * certificate with an embedded SCT, a Rekor entry with SET, inclusion proof and checkpoint, and
 * optionally an RFC 3161 timestamp, written as a Sigstore bundle or a legacy cosign bundle.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return a changed copy. Files are hashed
 * by streaming, so models of any size can be signed.
 */
public final class KeylessSigner {
  private final FakeSigstore sigstore;
  private final String identity;
  private final String issuer;
  private final String mediaType;
  private final boolean timestamp;
  private final FulcioCa ca;
  private final Duration certificateAge;
  private final AttestationOptions attestation;

  KeylessSigner(FakeSigstore sigstore, String identity, String issuer) {
    this(sigstore, identity, issuer, BundleMediaType.V0_3_NEW, false, sigstore.fulcio(), Duration.ZERO,
        AttestationOptions.DEFAULTS);
  }

  private KeylessSigner(FakeSigstore sigstore, String identity, String issuer, String mediaType,
      boolean timestamp, FulcioCa ca, Duration certificateAge, AttestationOptions attestation) {
    this.sigstore = sigstore;
    this.identity = identity;
    this.issuer = issuer;
    this.mediaType = mediaType;
    this.timestamp = timestamp;
    this.ca = ca;
    this.certificateAge = certificateAge;
    this.attestation = attestation;
  }

  /**
   * Returns a signer that writes bundles of {@code bundleMediaType}, one of {@link
   * BundleMediaType}'s constants (default {@link BundleMediaType#V0_3_NEW}).
   */
  public KeylessSigner withMediaType(String bundleMediaType) {
    if (!BundleMediaType.ALL.contains(bundleMediaType)) {
      throw new IllegalArgumentException("unknown bundle media type: " + bundleMediaType);
    }
    return new KeylessSigner(sigstore, identity, issuer, bundleMediaType, timestamp, ca, certificateAge, attestation);
  }

  /**
   * Returns a signer that also adds an RFC 3161 timestamp over the signature bytes (the DSSE
   * signature for attestations) to Sigstore bundles (default false).
   */
  public KeylessSigner withTimestamp(boolean rfc3161) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, rfc3161, ca, certificateAge, attestation);
  }

  /**
   * Returns a signer whose attestations carry Statement {@code type}. Unset, Sigstore bundles get
   * {@link StatementType#V1} and legacy cosign bundles {@link StatementType#V0_1}, as the tools
   * writing those formats do.
   */
  public KeylessSigner withStatementType(StatementType type) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, timestamp, ca, certificateAge,
        attestation.withStatementType(Objects.requireNonNull(type, "type")));
  }

  /**
   * Returns a signer that logs attestations as Rekor entries of {@code kind}. Unset, Sigstore
   * bundles get {@link AttestationEntryKind#DSSE} and legacy cosign bundles {@link
   * AttestationEntryKind#INTOTO}.
   */
  public KeylessSigner withAttestationEntryKind(AttestationEntryKind kind) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, timestamp, ca, certificateAge,
        attestation.withEntryKind(Objects.requireNonNull(kind, "kind")));
  }

  /** Returns a signer whose certificates come from {@code otherCa} instead of the trusted one. */
  KeylessSigner withCa(FulcioCa otherCa) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, timestamp, otherCa, certificateAge, attestation);
  }

  /** Returns a signer whose certificates were issued {@code age} before the signature is logged. */
  KeylessSigner withCertificateAge(Duration age) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, timestamp, ca, age, attestation);
  }

  /** Signs {@code model} and writes the bundle next to it as {@code <model>.sigstore.json}. */
  public Path signBundle(Path model) {
    return signBundle(model, model.resolveSibling(model.getFileName() + ".sigstore.json"));
  }

  /** Signs {@code model} and writes the Sigstore bundle to {@code out}; returns {@code out}. */
  public Path signBundle(Path model, Path out) {
    return OutputFile.write(out, messageBundle(Sha256.ofFile(model)));
  }

  /**
   * Signs {@code model} and writes a legacy cosign 2.x bundle to {@code out} (it has no place for
   * an RFC 3161 timestamp, so none is added); returns {@code out}.
   */
  public Path signLegacyCosign(Path model, Path out) {
    return OutputFile.write(out, LegacyCosignBundle.json(sign(Sha256.ofFile(model), false)));
  }

  /**
   * Attests {@code model} and writes a Sigstore bundle with a DSSE envelope to {@code out}; returns
   * {@code out}. The envelope's payload ({@code application/vnd.in-toto+json}) is an in-toto
   * Statement with one subject, the model's file name and SHA-256, and the predicate as given (see
   * {@link InTotoStatement#json}); the signature is over the DSSE PAE.
   *
   * @param predicateJson a JSON object, e.g. from {@link Predicates#cosignCustom}
   */
  public Path attest(Path model, String predicateType, String predicateJson, Path out) {
    return OutputFile.write(out, attestationBundle(
        model.getFileName().toString(), Sha256.ofFile(model), predicateType, predicateJson));
  }

  /**
   * Signs {@code statementJson}, byte for byte as given (UTF-8), as the payload of a DSSE envelope
   * and writes the Sigstore bundle to {@code out}; returns {@code out}. For statements the other
   * methods would not write: several subjects, odd {@code _type}s, malformed ones.
   */
  public Path attestStatement(String statementJson, Path out) {
    byte[] payload = statementJson.getBytes(StandardCharsets.UTF_8);
    return OutputFile.write(out, SigstoreBundle.json(mediaType, attest(payload, attestation.entryKindForBundle(), timestamp)));
  }

  /**
   * Attests {@code model} and writes the legacy bundle {@code cosign attest-blob --bundle} 2.x
   * writes: {@code base64Signature} holds the base64 of the whole DSSE envelope JSON; returns
   * {@code out}. Unless set otherwise, Statement v0.1 and an {@code intoto 0.0.2} entry, as cosign
   * 2.x; never an RFC 3161 timestamp.
   */
  public Path attestLegacyCosign(Path model, String predicateType, String predicateJson, Path out) {
    String statement = InTotoStatement.json(attestation.statementTypeForLegacy(),
        model.getFileName().toString(), Sha256.ofFile(model), predicateType, predicateJson);
    SignedEnvelope envelope =
        attest(statement.getBytes(StandardCharsets.UTF_8), attestation.entryKindForLegacy(), false);
    return OutputFile.write(out, LegacyCosignBundle.json(envelope));
  }

  public String identity() {
    return identity;
  }

  public String issuer() {
    return issuer;
  }

  /** Signs a SHA-256 digest and logs it, at the clock's current time, with this signer's settings. */
  SignedMessage sign(byte[] digest) {
    return sign(digest, timestamp);
  }

  /** Returns the Sigstore bundle JSON of a signature over {@code digest}. */
  String messageBundle(byte[] digest) {
    return SigstoreBundle.json(mediaType, sign(digest, timestamp));
  }

  /** Returns the Sigstore bundle JSON of an attestation whose one subject is {@code subjectName, digest}. */
  String attestationBundle(String subjectName, byte[] digest, String predicateType, String predicateJson) {
    String statement = InTotoStatement.json(
        attestation.statementTypeForBundle(), subjectName, digest, predicateType, predicateJson);
    SignedEnvelope envelope =
        attest(statement.getBytes(StandardCharsets.UTF_8), attestation.entryKindForBundle(), timestamp);
    return SigstoreBundle.json(mediaType, envelope);
  }

  /** The hashedrekord body logged for a signature: the true one, or one that records something else. */
  interface LoggedBody {
    byte[] body(byte[] digest, byte[] signature, String certificatePem);
  }

  /** Signs {@code digest} like {@link #sign(byte[])}, but logs the body {@code logged} makes. */
  SignedMessage signLogging(byte[] digest, LoggedBody logged) {
    return sign(digest, timestamp, logged);
  }

  private SignedMessage sign(byte[] digest, boolean withTimestamp) {
    return sign(digest, withTimestamp, HashedRekord::body);
  }

  private SignedMessage sign(byte[] digest, boolean withTimestamp, LoggedBody logged) {
    Instant now = now();
    KeyPair keys = EcdsaP256.generate();
    X509Certificate leaf = issue(keys, now);
    byte[] signature = EcdsaP256.signDigest(keys.getPrivate(), digest);
    TlogEntry entry = sigstore.rekor().append(logged.body(digest, signature, Pem.certificate(leaf)), now);
    Base64.Encoder base64 = Base64.getEncoder();
    return SignedMessage.keyless(base64.encodeToString(digest), base64.encodeToString(signature), leaf, entry,
        rfc3161(withTimestamp, signature, now));
  }

  /** Signs PAE(in-toto type, payload) with a fresh certified key and logs the envelope as {@code kind}. */
  private SignedEnvelope attest(byte[] payload, AttestationEntryKind kind, boolean withTimestamp) {
    Instant now = now();
    KeyPair keys = EcdsaP256.generate();
    X509Certificate leaf = issue(keys, now);
    String type = Dsse.IN_TOTO_PAYLOAD_TYPE;
    byte[] signature = EcdsaP256.sign(keys.getPrivate(), Pae.of(type, payload));
    TlogEntry entry = sigstore.rekor()
        .append(AttestationOptions.body(kind, type, payload, signature, Pem.certificate(leaf)), now);
    Base64.Encoder base64 = Base64.getEncoder();
    return new SignedEnvelope(type, base64.encodeToString(payload), base64.encodeToString(signature),
        Optional.of(leaf), Optional.empty(), entry, rfc3161(withTimestamp, signature, now));
  }

  private Instant now() {
    return sigstore.clock().instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private X509Certificate issue(KeyPair keys, Instant now) {
    return ca.issue(identity, issuer, keys.getPublic(), now.minus(certificateAge), sigstore.ctLog());
  }

  private Optional<String> rfc3161(boolean wanted, byte[] signature, Instant now) {
    return wanted
        ? Optional.of(Base64.getEncoder().encodeToString(sigstore.tsa().timestamp(signature, now)))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "KeylessSigner{" + identity + ", " + issuer + ", " + mediaType
        + (timestamp ? ", rfc3161" : "") + "}";
  }
}
