package dev.modelseal.internal.policy;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inclusive range written as a string value of the AnyIn/AllIn family, e.g. {@code "1-10"},
 * {@code "0.5-1.5"} or {@code "1Gi-4Gi"}, as Kyverno's {@code InRange} pattern
 * (pkg/engine/operator/operator.go {@code InRangeRegex}, checked in pkg/engine/pattern/pattern.go).
 *
 * <p>Endpoints and candidates are compared as Go durations when both parse as durations, else as
 * Kubernetes quantities; a candidate that is neither is neither inside nor outside the range.
 */
final class Range {

  private static final Pattern SHAPE = Pattern.compile(
      "([-+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-+]?\\d+(?:\\.\\d+)?[A-Za-z]*)");

  private final String low;
  private final String high;

  private Range(String low, String high) {
    this.low = low;
    this.high = high;
  }

  /** Returns the range if {@code text} has the {@code <low>-<high>} shape, else empty. */
  static Optional<Range> parse(String text) {
    if (text.length() > 2 * Numbers.MAX_TEXT) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(text);
    return m.matches() ? Optional.of(new Range(m.group(1), m.group(2))) : Optional.empty();
  }

  /** Returns whether {@code candidate} is comparable with both endpoints and lies between them. */
  boolean contains(String candidate) {
    Integer toLow = compare(candidate, low);
    Integer toHigh = compare(candidate, high);
    return toLow != null && toHigh != null && toLow >= 0 && toHigh <= 0;
  }

  /** Returns whether {@code candidate} is comparable with an endpoint and lies beyond it. */
  boolean excludes(String candidate) {
    Integer toLow = compare(candidate, low);
    Integer toHigh = compare(candidate, high);
    return (toLow != null && toLow < 0) || (toHigh != null && toHigh > 0);
  }

  /** Compares as durations, else as quantities; {@code null} when neither applies. */
  private static Integer compare(String candidate, String endpoint) {
    Optional<BigDecimal> a = GoDuration.parse(candidate);
    Optional<BigDecimal> b = GoDuration.parse(endpoint);
    if (a.isEmpty() || b.isEmpty()) {
      a = Quantity.parse(candidate);
      b = Quantity.parse(endpoint);
    }
    return a.isPresent() && b.isPresent() ? a.get().compareTo(b.get()) : null;
  }
}
