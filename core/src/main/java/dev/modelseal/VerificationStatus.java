package dev.modelseal;

/**
 * How a {@link VerifiedModel} was admitted. Every integrity check passed in both cases; they differ
 * in whether the policy held. Loaders refuse {@link #ADMITTED_WITH_VIOLATIONS} unless the caller
 * opts in explicitly, so AUDIT mode never turns into loading a model that broke the policy without
 * anybody deciding so where the bytes are used.
 */
public enum VerificationStatus {
  /** Every integrity check passed and the policy held. */
  VERIFIED,
  /**
   * Every integrity check passed, but the policy did not hold and AUDIT mode admitted the model
   * anyway; {@link VerifiedModel#violations()} lists what failed.
   */
  ADMITTED_WITH_VIOLATIONS
}
