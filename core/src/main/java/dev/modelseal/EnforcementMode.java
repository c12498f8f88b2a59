package dev.modelseal;

/**
 * What a policy does with a violation. {@link #ENFORCE} is the default; {@link #AUDIT} is the
 * rollout mode of Kyverno's {@code failureAction: Audit} and must be chosen explicitly.
 */
public enum EnforcementMode {
  /** Every violation refuses the model; the exception lists all of them. */
  ENFORCE,
  /**
   * Policy violations ({@link Reason#isPolicyViolation()}) are logged as one WARN each and marked in
   * the report, and the model is returned. Integrity failures (tampering, bad signatures, untrusted
   * logs) are still refused. Meant for rolling out a policy, not for production.
   */
  AUDIT
}
