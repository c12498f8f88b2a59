package dev.modelseal;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A signer identity a policy allows: the OIDC issuer is always pinned exactly; the subject (the
 * certificate's SAN: email, URI or Sigstore username) is matched exactly or by a full-match regex.
 */
public final class Identity {
  private final String issuer;
  private final String subject;
  private final Pattern subjectPattern;

  private Identity(String issuer, String subject, Pattern subjectPattern) {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("an identity must pin its OIDC issuer");
    }
    this.issuer = issuer;
    this.subject = subject;
    this.subjectPattern = subjectPattern;
  }

  /** Allows exactly {@code subject} from exactly {@code issuer}. */
  public static Identity exact(String subject, String issuer) {
    if (subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("the subject must not be empty");
    }
    return new Identity(issuer, subject, null);
  }

  /**
   * Allows subjects that fully match {@code subjectRegex} (anchored: {@code .*} must be written out)
   * from exactly {@code issuer}.
   */
  public static Identity regex(String subjectRegex, String issuer) {
    try {
      return new Identity(issuer, null, Pattern.compile(Objects.requireNonNull(subjectRegex)));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid subject regex: " + e.getDescription(), e);
    }
  }

  public String issuer() {
    return issuer;
  }

  /** True when {@code issuer} is this identity's issuer and one of {@code subjects} matches. */
  public boolean matches(List<String> subjects, String issuer) {
    if (!this.issuer.equals(issuer)) {
      return false;
    }
    for (String s : subjects) {
      if (subject != null ? subject.equals(s) : subjectPattern.matcher(s).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return (subject != null ? subject : "regex:" + subjectPattern.pattern()) + " (issuer " + issuer + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i
        && issuer.equals(i.issuer)
        && Objects.equals(subject, i.subject)
        && Objects.equals(
            subjectPattern == null ? null : subjectPattern.pattern(),
            i.subjectPattern == null ? null : i.subjectPattern.pattern());
  }

  @Override
  public int hashCode() {
    return Objects.hash(issuer, subject, subjectPattern == null ? null : subjectPattern.pattern());
  }
}
