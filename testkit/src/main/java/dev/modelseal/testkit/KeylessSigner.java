package dev.modelseal.testkit;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs files keylessly for one OIDC identity and issuer: a fresh key, a fake Fulcio certificate
 * with an embedded SCT, a Rekor entry with SET, inclusion proof and checkpoint, and optionally an
 * RFC 3161 timestamp, written as a Sigstore bundle or a legacy cosign bundle.
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

  KeylessSigner(FakeSigstore sigstore, String identity, String issuer) {
    this(sigstore, identity, issuer, BundleMediaType.V0_3_NEW, false, sigstore.fulcio(), Duration.ZERO);
  }

  private KeylessSigner(FakeSigstore sigstore, String identity, String issuer, String mediaType,
      boolean timestamp, FulcioCa ca, Duration certificateAge) {
    this.sigstore = sigstore;
    this.identity = identity;
    this.issuer = issuer;
    this.mediaType = mediaType;
    this.timestamp = timestamp;
    this.ca = ca;
    this.certificateAge = certificateAge;
  }

  /**
   * Returns a signer that writes bundles of {@code bundleMediaType}, one of {@link
   * BundleMediaType}'s constants (default {@link BundleMediaType#V0_3_NEW}).
   */
  public KeylessSigner withMediaType(String bundleMediaType) {
    if (!BundleMediaType.ALL.contains(bundleMediaType)) {
      throw new IllegalArgumentException("unknown bundle media type: " + bundleMediaType);
    }
    return new KeylessSigner(sigstore, identity, issuer, bundleMediaType, timestamp, ca, certificateAge);
  }

  /** Returns a signer that also adds an RFC 3161 timestamp over the signature (default false). */
  public KeylessSigner withTimestamp(boolean rfc3161) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, rfc3161, ca, certificateAge);
  }

  /** Returns a signer whose certificates come from {@code otherCa} instead of the trusted one. */
  KeylessSigner withCa(FulcioCa otherCa) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, timestamp, otherCa, certificateAge);
  }

  /** Returns a signer whose certificates were issued {@code age} before the signature is logged. */
  KeylessSigner withCertificateAge(Duration age) {
    return new KeylessSigner(sigstore, identity, issuer, mediaType, timestamp, ca, age);
  }

  /** Signs {@code model} and writes the bundle next to it as {@code <model>.sigstore.json}. */
  public Path signBundle(Path model) {
    return signBundle(model, model.resolveSibling(model.getFileName() + ".sigstore.json"));
  }

  /** Signs {@code model} and writes the Sigstore bundle to {@code out}; returns {@code out}. */
  public Path signBundle(Path model, Path out) {
    return OutputFile.write(out, SigstoreBundle.json(mediaType, sign(Sha256.ofFile(model), timestamp)));
  }

  /**
   * Signs {@code model} and writes a legacy cosign 2.x bundle to {@code out} (it has no place for
   * an RFC 3161 timestamp, so none is added); returns {@code out}.
   */
  public Path signLegacyCosign(Path model, Path out) {
    return OutputFile.write(out, LegacyCosignBundle.json(sign(Sha256.ofFile(model), false)));
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

  private SignedMessage sign(byte[] digest, boolean withTimestamp) {
    Clock clock = sigstore.clock();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    KeyPair keys = EcdsaP256.generate();
    X509Certificate leaf =
        ca.issue(identity, issuer, keys.getPublic(), now.minus(certificateAge), sigstore.ctLog());
    byte[] signature = EcdsaP256.signDigest(keys.getPrivate(), digest);
    TlogEntry entry = sigstore.rekor().append(HashedRekord.body(digest, signature, Pem.certificate(leaf)), now);
    Base64.Encoder base64 = Base64.getEncoder();
    Optional<String> rfc3161 = withTimestamp
        ? Optional.of(base64.encodeToString(sigstore.tsa().timestamp(signature, now)))
        : Optional.empty();
    return SignedMessage.keyless(
        base64.encodeToString(digest), base64.encodeToString(signature), leaf, entry, rfc3161);
  }

  @Override
  public String toString() {
    return "KeylessSigner{" + identity + ", " + issuer + ", " + mediaType
        + (timestamp ? ", rfc3161" : "") + "}";
  }
}
