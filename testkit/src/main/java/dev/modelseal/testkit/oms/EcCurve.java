package dev.modelseal.testkit.oms;

/**
 * The elliptic curve of a signing key and the ECDSA hash model_signing pairs with it (the curve's
 * size decides it: P-256 with SHA-256, P-384 with SHA-384).
 */
public enum EcCurve {
  /** NIST P-256 (secp256r1), signatures over SHA-256. */
  P256("secp256r1", "SHA256withECDSA"),
  /** NIST P-384 (secp384r1), signatures over SHA-384. */
  P384("secp384r1", "SHA384withECDSA");

  private final String stdName;
  private final String signatureAlgorithm;

  EcCurve(String stdName, String signatureAlgorithm) {
    this.stdName = stdName;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** Returns the curve's JCA name, e.g. {@code secp384r1}. */
  public String stdName() {
    return stdName;
  }

  /** Returns the JCA signature algorithm for this curve, e.g. {@code SHA384withECDSA}. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }
}
