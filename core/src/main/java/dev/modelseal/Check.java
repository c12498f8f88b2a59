package dev.modelseal;

import java.util.Objects;

/** One check the verifier made, in the order it was made, with what it established. */
public record Check(String name, Status status, String detail) {
  /** The outcome of a check. */
  public enum Status {
    PASSED,
    /** A policy violation admitted in {@link EnforcementMode#AUDIT}; it would refuse in ENFORCE. */
    VIOLATION
  }

  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }
}
