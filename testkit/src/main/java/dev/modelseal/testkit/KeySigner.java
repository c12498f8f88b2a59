package dev.modelseal.testkit;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Signs files with one fresh EC P-256 key pair (no certificate), logs each signature in the fake
 * Rekor and writes a key-signed Sigstore bundle or legacy cosign bundle.
 *
 * <p>The private key never leaves this object; verifiers must pin {@link #publicKeyPem()}.
 * Thread-safe.
 */
public final class KeySigner {
  private final FakeSigstore sigstore;
  private final KeyPair keys = EcdsaP256.generate();

  KeySigner(FakeSigstore sigstore) {
    this.sigstore = sigstore;
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
    return OutputFile.write(out, SigstoreBundle.json(BundleMediaType.V0_3_NEW, sign(Sha256.ofFile(model))));
  }

  /**
   * Signs {@code model} and writes a legacy cosign 2.x bundle whose {@code cert} is the base64 of
   * the public key PEM; returns {@code out}.
   */
  public Path signLegacyCosign(Path model, Path out) {
    return OutputFile.write(out, LegacyCosignBundle.json(sign(Sha256.ofFile(model))));
  }

  /** Signs a SHA-256 digest and logs it at the clock's current time. */
  SignedMessage sign(byte[] digest) {
    Instant now = sigstore.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    byte[] signature = EcdsaP256.signDigest(keys.getPrivate(), digest);
    TlogEntry entry = sigstore.rekor().append(HashedRekord.body(digest, signature, publicKeyPem()), now);
    Base64.Encoder base64 = Base64.getEncoder();
    return SignedMessage.keyed(
        base64.encodeToString(digest), base64.encodeToString(signature), keys.getPublic(), entry);
  }
}
