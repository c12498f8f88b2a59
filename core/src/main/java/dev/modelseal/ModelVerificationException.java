package dev.modelseal;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a model or its evidence is refused; nothing was loaded. The {@link #reason()} names the
 * first failed check, {@link #failures()} lists every failed check known at the time of the throw.
 */
public final class ModelVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final transient List<Failure> failures;

  /** One failed check: the reason and a message saying what was expected and what was found. */
  public record Failure(Reason reason, String message) {
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  public ModelVerificationException(Reason reason, String message) {
    this(reason, message, null);
  }

  public ModelVerificationException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.failures = List.of(new Failure(reason, message));
  }

  /** Several failed checks; the first one is the {@link #reason()}. */
  public ModelVerificationException(List<Failure> failures) {
    super(summary(failures));
    this.failures = List.copyOf(failures);
    this.reason = this.failures.get(0).reason();
  }

  private static String summary(List<Failure> failures) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("at least one failure is required");
    }
    if (failures.size() == 1) {
      return failures.get(0).message();
    }
    StringBuilder sb = new StringBuilder(failures.size() + " checks failed:");
    for (Failure f : failures) {
      sb.append("\n  - [").append(f.reason()).append("] ").append(f.message());
    }
    return sb.toString();
  }

  /** The reason of the first failed check. */
  public Reason reason() {
    return reason;
  }

  /** Every failed check, first one first. */
  public List<Failure> failures() {
    return failures;
  }
}
