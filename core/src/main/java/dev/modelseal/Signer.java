package dev.modelseal;

/**
 * Who signed a verified model: a certificate identity (subject and OIDC issuer) for keyless
 * signing, the id of a pinned key (hex SHA-256 of its SubjectPublicKeyInfo), or, for an OpenSSF
 * Model Signing certificate signature, the leaf's subject name and its key's id (the chain was
 * validated against the policy's certificate roots).
 */
public record Signer(String subject, String issuer, String keyId) {
  static Signer keyless(String subject, String issuer) {
    return new Signer(subject, issuer, null);
  }

  static Signer key(String keyId) {
    return new Signer(null, null, keyId);
  }

  static Signer certificate(String subjectName, String keyId) {
    return new Signer(subjectName, null, keyId);
  }

  /** True for a certificate chained to a policy root (OpenSSF Model Signing's certificate method). */
  public boolean isCertificate() {
    return subject != null && keyId != null;
  }

  public boolean isKeyless() {
    return keyId == null;
  }

  @Override
  public String toString() {
    if (isCertificate()) {
      return "certificate " + subject + " (key sha256:" + keyId + ")";
    }
    return isKeyless() ? subject + " (issuer " + issuer + ")" : "key sha256:" + keyId;
  }
}
