package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads numbers from JSON nodes and numeric strings as IEEE float64 values, because Kyverno decodes
 * every JSON number as a Go {@code float64} and compares numbers as float64
 * (pkg/engine/variables/operator/numeric.go, equal.go): {@code 1}, {@code 1.0} and {@code "1.0"} are
 * equal, and so are {@code 0.9} and {@code "0.90000000000000001"}, or {@code 9007199254740993} and
 * {@code 9007199254740992}, which are the same float64.
 *
 * <p>Strings follow the decimal subset of Go's {@code strconv.ParseFloat}: an optional sign, digits
 * with an optional fraction and an optional exponent, rounded to the nearest float64 and rejected
 * when that overflows (Go's range error). Hexadecimal floats, {@code Inf} and {@code NaN} are not
 * numbers here, and text longer than {@value #MAX_TEXT} characters is never parsed (bounded work).
 */
final class Numbers {

  /** Longest string that is parsed as a number, quantity, duration or version. */
  static final int MAX_TEXT = 128;

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d{1,6})?");

  private Numbers() {}

  /** Returns a JSON number node as the float64 Go would decode; empty for non-numbers and overflow. */
  static OptionalDouble of(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return OptionalDouble.empty();
    }
    // Jackson rounds integers and decimals to the nearest double, as Go's decoder does.
    double value = node.doubleValue();
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  /** Parses a decimal number string the way Go's {@code ParseFloat} accepts it; empty otherwise. */
  static OptionalDouble parse(String text) {
    if (text.length() > MAX_TEXT || !DECIMAL.matcher(text).matches()) {
      return OptionalDouble.empty();
    }
    // Both parsers round correctly to nearest-even, so they agree on every digit string.
    double value = Double.parseDouble(text);
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  /** Compares float64 values as Go's operators do: {@code -0.0} equals {@code 0.0}. */
  static int compare(double a, double b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}
