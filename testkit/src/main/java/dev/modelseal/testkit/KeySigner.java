package dev.modelseal.testkit;

import dev.modelseal.testkit.internal.Pae;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs and attests files with one fresh EC P-256 key pair (no certificate), logs each signature
 * in the fake Rekor and writes a key-signed Sigstore bundle or legacy cosign bundle.
 *
 * <p>The private key never leaves this object; verifiers must pin {@link #publicKeyPem()}. The
 * {@code with…} methods return a copy with the same key pair. Thread-safe.
 */
public final class KeySigner {
  private final FakeSigstore sigstore;
  private final KeyPair keys;
  private final AttestationOptions attestation;

  KeySigner(FakeSigstore sigstore) {
    this(sigstore, EcdsaP256.generate(), AttestationOptions.DEFAULTS);
  }

  private KeySigner(FakeSigstore sigstore, KeyPair keys, AttestationOptions attestation) {
    this.sigstore = sigstore;
    this.keys = keys;
    this.attestation = attestation;
  }

  /**
   * Returns a signer with the same key whose attestations carry Statement {@code type}. Unset,
   * Sigstore bundles get {@link StatementType#V1} and legacy cosign bundles {@link StatementType#V0_1}.
   */
  public KeySigner withStatementType(StatementType type) {
    return new KeySigner(sigstore, keys, attestation.withStatementType(Objects.requireNonNull(type, "type")));
  }

  /**
   * Returns a signer with the same key that logs attestations as Rekor entries of {@code kind}.
   * Unset, Sigstore bundles get {@link AttestationEntryKind#DSSE} and legacy cosign bundles {@link
   * AttestationEntryKind#INTOTO}.
   */
  public KeySigner withAttestationEntryKind(AttestationEntryKind kind) {
    return new KeySigner(sigstore, keys, attestation.withEntryKind(Objects.requireNonNull(kind, "kind")));
  }

  /** Returns the public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo). */
  public String publicKeyPem() {
    return Pem.publicKey(keys.getPublic());
  }

  /** Writes {@link #publicKeyPem()} to {@code file} and returns {@code file}. */
  public Path writePublicKey(Path file) {
    return OutputFile.write(file, publicKeyPem());
  }

  /**
   * Returns the hint the bundles carry in {@code verificationMaterial.publicKey.hint}: base64 of
   * the SHA-256 of the DER SubjectPublicKeyInfo (RFC 6962 key ID).
   */
  public String keyHint() {
    return SigstoreBundle.keyHint(keys.getPublic());
  }

  /** Signs {@code model} and writes the bundle next to it as {@code <model>.sigstore.json}. */
  public Path signBundle(Path model) {
    return signBundle(model, model.resolveSibling(model.getFileName() + ".sigstore.json"));
  }

  /** Signs {@code model} and writes a v0.3 key-signed Sigstore bundle to {@code out}; returns {@code out}. */
  public Path signBundle(Path model, Path out) {
    return OutputFile.write(out, messageBundle(Sha256.ofFile(model)));
  }

  /**
   * Signs {@code model} and writes a legacy cosign 2.x bundle whose {@code cert} is the base64 of
   * the public key PEM; returns {@code out}.
   */
  public Path signLegacyCosign(Path model, Path out) {
    return OutputFile.write(out, LegacyCosignBundle.json(sign(Sha256.ofFile(model))));
  }

  /**
   * Attests {@code model} and writes a v0.3 key-signed Sigstore bundle with a DSSE envelope to
   * {@code out}; returns {@code out}. See {@link KeylessSigner#attest} for the statement.
   */
  public Path attest(Path model, String predicateType, String predicateJson, Path out) {
    return OutputFile.write(out, attestationBundle(
        model.getFileName().toString(), Sha256.ofFile(model), predicateType, predicateJson));
  }

  /** Signs {@code statementJson} byte for byte as a DSSE payload and writes the v0.3 bundle to {@code out}. */
  public Path attestStatement(String statementJson, Path out) {
    byte[] payload = statementJson.getBytes(StandardCharsets.UTF_8);
    return OutputFile.write(out, SigstoreBundle.json(BundleMediaType.V0_3_NEW,
        attest(payload, attestation.entryKindForBundle())));
  }

  /**
   * Attests {@code model} and writes a legacy {@code cosign attest-blob --bundle} 2.x bundle
   * ({@code cert} = base64 of the public key PEM, {@code base64Signature} = base64 of the envelope
   * JSON); returns {@code out}.
   */
  public Path attestLegacyCosign(Path model, String predicateType, String predicateJson, Path out) {
    String statement = InTotoStatement.json(attestation.statementTypeForLegacy(),
        model.getFileName().toString(), Sha256.ofFile(model), predicateType, predicateJson);
    return OutputFile.write(out, LegacyCosignBundle.json(
        attest(statement.getBytes(StandardCharsets.UTF_8), attestation.entryKindForLegacy())));
  }

  /** Signs a SHA-256 digest and logs it at the clock's current time. */
  SignedMessage sign(byte[] digest) {
    Instant now = now();
    byte[] signature = EcdsaP256.signDigest(keys.getPrivate(), digest);
    TlogEntry entry = sigstore.rekor().append(HashedRekord.body(digest, signature, publicKeyPem()), now);
    Base64.Encoder base64 = Base64.getEncoder();
    return SignedMessage.keyed(
        base64.encodeToString(digest), base64.encodeToString(signature), keys.getPublic(), entry);
  }

  /** Returns the v0.3 bundle JSON of a signature over {@code digest}. */
  String messageBundle(byte[] digest) {
    return SigstoreBundle.json(BundleMediaType.V0_3_NEW, sign(digest));
  }

  /** Returns the v0.3 bundle JSON of an attestation whose one subject is {@code subjectName, digest}. */
  String attestationBundle(String subjectName, byte[] digest, String predicateType, String predicateJson) {
    String statement = InTotoStatement.json(
        attestation.statementTypeForBundle(), subjectName, digest, predicateType, predicateJson);
    return SigstoreBundle.json(BundleMediaType.V0_3_NEW,
        attest(statement.getBytes(StandardCharsets.UTF_8), attestation.entryKindForBundle()));
  }

  private SignedEnvelope attest(byte[] payload, AttestationEntryKind kind) {
    Instant now = now();
    String type = Dsse.IN_TOTO_PAYLOAD_TYPE;
    byte[] signature = EcdsaP256.sign(keys.getPrivate(), Pae.of(type, payload));
    TlogEntry entry = sigstore.rekor()
        .append(AttestationOptions.body(kind, type, payload, signature, publicKeyPem()), now);
    Base64.Encoder base64 = Base64.getEncoder();
    return new SignedEnvelope(type, base64.encodeToString(payload), base64.encodeToString(signature),
        Optional.empty(), Optional.of(keys.getPublic()), entry, Optional.empty());
  }

  private Instant now() {
    return sigstore.clock().instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
