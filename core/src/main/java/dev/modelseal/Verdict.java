package dev.modelseal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the policy violations of one verification: in ENFORCE mode they refuse the model, all
 * listed in one exception; in AUDIT mode each is logged once as a WARN and marked in the report.
 * A reason that is not a {@link Reason#isPolicyViolation() policy violation} is refused in every
 * mode, whoever collected it.
 */
final class Verdict {
  private static final Logger LOG = LoggerFactory.getLogger(Verdict.class);

  private Verdict() {}

  /** Throws in ENFORCE mode when there is any violation; returns the report marks in AUDIT mode. */
  static List<Check> settle(List<ModelVerificationException.Failure> violations, EnforcementMode mode,
      String subject) throws ModelVerificationException {
    if (violations.isEmpty()) {
      return List.of();
    }
    boolean integrity = violations.stream().anyMatch(f -> !f.reason().isPolicyViolation());
    if (mode == EnforcementMode.ENFORCE || integrity) {
      throw new ModelVerificationException(violations);
    }
    List<Check> marks = new ArrayList<>();
    for (ModelVerificationException.Failure f : violations) {
      LOG.warn("AUDIT mode admits {} despite a policy violation [{}]: {}", subject, f.reason(), f.message());
      marks.add(new Check("policy (" + f.reason() + ")", Check.Status.VIOLATION, f.message()));
    }
    return marks;
  }
}
