package dev.modelseal.testkit;

/**
 * The signing key types a {@link FakeTufRepository} can use: the key types and schemes of the TUF
 * specification that sigstore-java's and sigstore-js's TUF clients verify.
 */
public enum TufKeyType {
  /** ECDSA over P-256 with SHA-256 ({@code "keytype": "ecdsa", "scheme": "ecdsa-sha2-nistp256"}, PEM public key), as the Sigstore public-good repository uses. */
  ECDSA_P256("ecdsa", "ecdsa-sha2-nistp256"),
  /** Ed25519 ({@code "keytype": "ed25519", "scheme": "ed25519"}, hex public key). */
  ED25519("ed25519", "ed25519");

  private final String keytype;
  private final String scheme;

  TufKeyType(String keytype, String scheme) {
    this.keytype = keytype;
    this.scheme = scheme;
  }

  /** The {@code keytype} field of a TUF key object. */
  public String keytype() {
    return keytype;
  }

  /** The {@code scheme} field of a TUF key object. */
  public String scheme() {
    return scheme;
  }
}
