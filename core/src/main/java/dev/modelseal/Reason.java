package dev.modelseal;

/**
 * Why a model was refused: one value per check the verifier makes, so callers and tests can act on
 * the cause without parsing messages.
 */
public enum Reason {
  /** The model file or a required evidence file is missing or unreadable. */
  MISSING_EVIDENCE,
  /** The bundle is not valid JSON, has wrong types, oversized fields or an impossible structure. */
  MALFORMED_BUNDLE,
  /** The bundle's media type or format version is not one this verifier knows. */
  UNSUPPORTED_FORMAT,
  /** The trust root is malformed (e.g. a key without {@code validFor.start}) or unusable. */
  INVALID_TRUST_ROOT,
  /** The policy cannot be applied to this evidence (e.g. a key bundle but no key allowed). */
  POLICY_MISMATCH,
  /** The content digest differs from the digest the evidence is about. */
  DIGEST_MISMATCH,
  /** The signature does not verify over the content with the signer's key. */
  INVALID_SIGNATURE,
  /** The signing certificate does not chain to a certificate authority of the trust root. */
  UNTRUSTED_CERTIFICATE,
  /** The signing certificate was not valid at the verified signing time. */
  CERTIFICATE_NOT_VALID_AT_SIGNING_TIME,
  /** No valid signed certificate timestamp (SCT) from a trusted CT log is embedded. */
  INVALID_SCT,
  /** The signer's identity (subject or issuer) is not one the policy allows. */
  IDENTITY_MISMATCH,
  /** The signing key is not one the policy allows. */
  KEY_MISMATCH,
  /** A transparency log entry is missing, from an unknown log, or does not match the bundle. */
  INVALID_TLOG_ENTRY,
  /** A signed entry timestamp (inclusion promise) does not verify. */
  INVALID_SET,
  /** An inclusion proof does not lead to the checkpoint's root. */
  INVALID_INCLUSION_PROOF,
  /** A checkpoint is malformed or not signed by the log. */
  INVALID_CHECKPOINT,
  /** An RFC 3161 timestamp does not verify or is not from a trusted timestamp authority. */
  INVALID_TIMESTAMP,
  /** No verified time is available to check the certificate against. */
  NO_VERIFIED_TIME
}
