package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads numbers from JSON nodes and numeric strings exactly (as {@link BigDecimal}), so {@code 1},
 * {@code 1.0} and {@code "1.0"} compare equal, and renders them canonically.
 *
 * <p>Strings follow the decimal subset of Go's {@code strconv.ParseFloat}, which Kyverno uses
 * (pkg/engine/variables/operator/numeric.go): an optional sign, digits with an optional fraction and
 * an optional exponent, within the float64 range. Hexadecimal floats, {@code Inf} and {@code NaN} are
 * not numbers here, and text longer than {@value #MAX_TEXT} characters is never parsed (bounded work).
 */
final class Numbers {

  /** Longest string that is parsed as a number, quantity, duration or version. */
  static final int MAX_TEXT = 128;

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d{1,6})?");
  private static final BigDecimal FLOAT64_MAX = new BigDecimal(Double.MAX_VALUE);

  private Numbers() {}

  /** Returns the exact value of a JSON number node; empty for non-numbers and non-finite doubles. */
  static Optional<BigDecimal> of(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return Optional.empty();
    }
    if (node.isFloat()) {
      float f = node.floatValue();
      return Float.isFinite(f) ? Optional.of(new BigDecimal(Float.toString(f))) : Optional.empty();
    }
    if (node.isDouble()) {
      double d = node.doubleValue();
      return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
    }
    return Optional.of(node.decimalValue());
  }

  /** Parses a decimal number string the way Go's {@code ParseFloat} accepts it; empty otherwise. */
  static Optional<BigDecimal> parse(String text) {
    if (text.length() > MAX_TEXT || !DECIMAL.matcher(text).matches()) {
      return Optional.empty();
    }
    BigDecimal value = new BigDecimal(text);
    // Go reports values beyond float64 as a range error, so they are not numbers for Kyverno either.
    return value.abs().compareTo(FLOAT64_MAX) > 0 ? Optional.empty() : Optional.of(value);
  }

  /**
   * Renders a number the way JSON encoders usually do: {@code 1.0} as {@code 1}, {@code 0.850} as
   * {@code 0.85}, and scientific notation only for very large or very small magnitudes.
   */
  static String canonical(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.signum() == 0) {
      return "0";
    }
    int exponent = v.precision() - v.scale() - 1;
    if (exponent >= -7 && exponent < 21) {
      return v.toPlainString();
    }
    return v.toString().replace("E", "e");
  }
}
