package dev.modelseal.testkit;

/**
 * The single defect a {@link FakeSigstore#fixture fixture} carries; with any value but {@link
 * #NONE} a correct verifier must reject the fixture, and for exactly this one reason.
 */
public enum Tamper {
  /** Nothing is wrong: the fixture must verify. */
  NONE,
  /** One byte of the model was flipped after signing. */
  FLIPPED_MODEL_BYTE,
  /** Validly signed and logged, but by an identity other than the expected one (same issuer). */
  WRONG_IDENTITY,
  /** Validly signed and logged by the expected identity, but vouched for by another OIDC issuer. */
  WRONG_ISSUER,
  /** The leaf comes from a CA missing from the trusted root; its SCT and Rekor entry are valid. */
  UNTRUSTED_CA,
  /** The leaf's validity ended before the Rekor integrated time; SET and proof are valid. */
  EXPIRED_CERTIFICATE,
  /** One hash of the inclusion proof was altered; SET and checkpoint are valid. */
  FORGED_INCLUSION_PROOF,
  /** The checkpoint signature bytes were altered (not the key hint); the proof itself is valid. */
  BAD_CHECKPOINT_SIGNATURE,
  /** The signed entry timestamp was altered; proof and checkpoint are valid. */
  BAD_SET,
  /**
   * A valid, logged signature over different bytes, with the bundle's {@code messageDigest} set to
   * the model's digest.
   */
  SIGNATURE_OVER_OTHER_CONTENT,
  /** The leaf's validity starts after the Rekor integrated time (issued "in the future"). */
  NOT_YET_VALID_CERTIFICATE,
  /** The leaf, from the trusted CA, has extended key usage serverAuth instead of codeSigning. */
  WRONG_EXTENDED_KEY_USAGE,
  /** The leaf, from the trusted CA, has no extended key usage extension. */
  NO_EXTENDED_KEY_USAGE,
  /** The leaf, from the trusted CA, has key usage keyEncipherment instead of digitalSignature. */
  NO_DIGITAL_SIGNATURE_KEY_USAGE,
  /**
   * The checkpoint is validly signed by the log for the proof's tree size, but over another root
   * hash than the one the (valid) proof leads to.
   */
  CHECKPOINT_OF_OTHER_ROOT,
  /**
   * The checkpoint is validly signed by the log over the root hash the (valid) proof leads to, but
   * for a tree one entry larger than the proof's.
   */
  CHECKPOINT_OF_OTHER_SIZE,
  /** The Rekor entry, validly logged, records the SHA-256 of other content; signature and certificate are the bundle's. */
  LOGGED_OTHER_DIGEST,
  /** The Rekor entry, validly logged, records other signature bytes; digest and certificate are the bundle's. */
  LOGGED_OTHER_SIGNATURE,
  /** The Rekor entry, validly logged, records another certificate; digest and signature are the bundle's. */
  LOGGED_OTHER_CERTIFICATE
}
