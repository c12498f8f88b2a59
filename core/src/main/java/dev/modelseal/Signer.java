package dev.modelseal;

/**
 * Who signed a verified model: a certificate identity (subject and OIDC issuer) for keyless
 * signing, or the id of a pinned key (hex SHA-256 of its SubjectPublicKeyInfo).
 */
public record Signer(String subject, String issuer, String keyId) {
  static Signer keyless(String subject, String issuer) {
    return new Signer(subject, issuer, null);
  }

  static Signer key(String keyId) {
    return new Signer(null, null, keyId);
  }

  public boolean isKeyless() {
    return keyId == null;
  }

  @Override
  public String toString() {
    return isKeyless() ? subject + " (issuer " + issuer + ")" : "key sha256:" + keyId;
  }
}
