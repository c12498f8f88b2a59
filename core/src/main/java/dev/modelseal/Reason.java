package dev.modelseal;

/**
 * Why a model was refused: one value per check the verifier makes, so callers and tests can act on
 * the cause without parsing messages.
 */
public enum Reason {
  /**
   * The model file or a required evidence file is missing, unreadable, not a regular file (a FIFO,
   * device or directory is refused without being opened), or changed while read.
   */
  MISSING_EVIDENCE,
  /**
   * The bundle is not valid JSON, has wrong types, oversized fields or an impossible structure, or
   * the evidence is over its limits (too large a file, too many files, too many bytes in all).
   */
  MALFORMED_BUNDLE,
  /** The bundle's media type or format version is not one this verifier knows. */
  UNSUPPORTED_FORMAT,
  /** The trust root is malformed (e.g. a key without {@code validFor.start}) or unusable. */
  INVALID_TRUST_ROOT,
  /** The content digest differs from the digest the evidence is about. */
  DIGEST_MISMATCH,
  /**
   * The model directory does not hold exactly the files a signed manifest lists: a listed file is
   * missing, or a file that is not listed is present (and unsigned files were not to be ignored).
   * Add the missing files, remove or ignore the extra ones, or have the model signed again.
   */
  FILE_SET_MISMATCH,
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
  NO_VERIFIED_TIME,
  /** A pointer in {@code metadata.json} leaves the model's directory (absolute, {@code ..}, symlink). */
  UNSAFE_PATH,
  /** The policy requires an attestation (or SBOM) of a type that no verified bundle carries. */
  ATTESTATION_MISSING,
  /** A predicate value fails a policy condition (or the key the condition reads is missing). */
  CONDITION_FAILED,
  /** The SBOM is not a usable CycloneDX BOM: malformed, over limits, or invalid for its schema. */
  SBOM_INVALID,
  /** The SBOM breaks a policy rule: no model component, a dataset without license, a denied license. */
  SBOM_VIOLATION,
  /** A policy file (ModelSeal or Kyverno) is malformed or asks for something that cannot be honoured. */
  INVALID_POLICY,
  /** The verified model bytes are not a well-formed model of the declared format (e.g. safetensors). */
  MALFORMED_MODEL,
  /**
   * The model is larger than the heap can hold, and the content was to be kept in memory: load it
   * with {@link LoadOptions.Builder#snapshotDirectory}, which keeps the verified bytes in a private
   * file instead. Nothing was read; the model itself was not judged.
   */
  MODEL_TOO_LARGE_FOR_MEMORY,
  /**
   * A bug in ModelSeal: an unexpected exception inside the verifier, turned into a refusal so that
   * nothing is loaded. Please report it with the message; it says nothing about the model.
   */
  INTERNAL_ERROR;

  /**
   * True for reasons that are about what the policy wants rather than about the integrity of the
   * evidence: only these are admitted (and reported) in {@link EnforcementMode#AUDIT}. A tampered
   * model or a signature that does not verify is refused in every mode.
   */
  public boolean isPolicyViolation() {
    return this == IDENTITY_MISMATCH || this == ATTESTATION_MISSING || this == CONDITION_FAILED
        || this == SBOM_INVALID || this == SBOM_VIOLATION;
  }
}
