package dev.modelseal.testkit.oms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * The model_signing {@code key} method: signs with a fresh EC key pair and writes a bundle whose
 * {@code verificationMaterial.publicKey.hint} is the hex SHA-256 of the public key's PEM, with
 * {@code tlogEntries: []} and no timestamps (no identity, no time). Verifiers pin {@link
 * #publicKeyPem()}.
 *
 * <p>Immutable and thread-safe; the private key never leaves the object.
 */
public final class OmsKeySigner implements OmsSigner {
  private final EcCurve curve;
  private final KeyPair exposed;
  private final KeyPair signing;

  private OmsKeySigner(EcCurve curve, KeyPair exposed, KeyPair signing) {
    this.curve = curve;
    this.exposed = exposed;
    this.signing = signing;
  }

  /** Returns a signer with a fresh key pair on {@code curve}. */
  public static OmsKeySigner create(EcCurve curve) {
    KeyPair keys = generate(Objects.requireNonNull(curve, "curve"));
    return new OmsKeySigner(curve, keys, keys);
  }

  /**
   * Returns a signer that still exposes (and hints) this signer's public key but signs with another
   * fresh key on the same curve: a verifier pinning {@link #publicKeyPem()} must reject its
   * signatures (the hint matches, only the signature is wrong).
   */
  public OmsKeySigner withWrongKey() {
    return new OmsKeySigner(curve, exposed, generate(curve));
  }

  public EcCurve curve() {
    return curve;
  }

  /** Returns the public key a verifier pins, as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public String publicKeyPem() {
    return OmsBundle.publicKeyPem(exposed.getPublic());
  }

  /** Writes {@link #publicKeyPem()} to {@code file} and returns {@code file}. */
  public Path writePublicKey(Path file) {
    return OmsBundle.writeText(file, publicKeyPem());
  }

  /** Returns the bundles' {@code publicKey.hint}: hex SHA-256 of {@link #publicKeyPem()}. */
  public String keyHint() {
    return OmsBundle.keyHint(exposed.getPublic());
  }

  @Override
  public Path sign(String statementJson, Path out) {
    byte[] payload = statementJson.getBytes(StandardCharsets.UTF_8);
    byte[] signature = OmsBundle.sign(curve, signing.getPrivate(), payload);
    return OmsBundle.writeKeyBundle(out, payload, signature, keyHint());
  }

  static KeyPair generate(EcCurve curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve.stdName()));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform cannot generate " + curve + " keys", e);
    }
  }

  @Override
  public String toString() {
    return "OmsKeySigner{" + curve + (exposed == signing ? "" : ", wrong key") + "}";
  }
}
