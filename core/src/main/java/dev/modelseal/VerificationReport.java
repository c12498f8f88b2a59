package dev.modelseal;

import java.util.List;

/**
 * Every check made to accept a model, in order; only ever built for a model that was accepted.
 * In {@link EnforcementMode#AUDIT} it also holds the violations that were admitted.
 */
public record VerificationReport(List<Check> checks) {
  public VerificationReport {
    checks = List.copyOf(checks);
  }

  /** The policy violations admitted in AUDIT mode; always empty in ENFORCE mode. */
  public List<Check> violations() {
    return checks.stream().filter(c -> c.status() == Check.Status.VIOLATION).toList();
  }

  /** A human-readable listing, one check per line. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Check c : checks) {
      sb.append(c.status() == Check.Status.PASSED ? "  ok   " : "  AUDIT ")
          .append(c.name())
          .append(": ")
          .append(c.detail())
          .append('\n');
    }
    return sb.toString();
  }
}
