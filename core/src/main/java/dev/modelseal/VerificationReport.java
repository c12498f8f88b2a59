package dev.modelseal;

import java.util.List;

/** Every check made to accept a model, in order; only ever built for a model that was accepted. */
public record VerificationReport(List<Check> checks) {
  public VerificationReport {
    checks = List.copyOf(checks);
  }

  /** A human-readable listing, one check per line. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Check c : checks) {
      sb.append(c.status() == Check.Status.PASSED ? "  ok   " : "  FAIL ")
          .append(c.name())
          .append(": ")
          .append(c.detail())
          .append('\n');
    }
    return sb.toString();
  }
}
