package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntPredicate;

/**
 * Parses Go duration strings ({@code 1h30m}, {@code 1.5s}, {@code 300ms}) to seconds, because
 * Kyverno's Equals and numeric operators compare durations (pkg/engine/variables/operator/operator.go
 * {@code parseDuration}, which calls Go's {@code time.ParseDuration}).
 *
 * <p>Grammar: optional sign, then one or more {@code <decimal><unit>} pairs with units ns, us, µs,
 * μs, ms, s, m, h; {@code "0"} alone is zero. Like Go, values beyond ±2^63 ns are rejected.
 */
final class GoDuration {

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.ONE.scaleByPowerOfTen(9);
  private static final long NANOS_PER_SECOND_LONG = 1_000_000_000L;
  private static final BigDecimal MAX_NANOS = new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE);
  private static final Map<String, BigDecimal> UNITS = Map.of(
      "ns", BigDecimal.ONE,
      "us", BigDecimal.valueOf(1_000L),
      "\u00b5s", BigDecimal.valueOf(1_000L),
      "\u03bcs", BigDecimal.valueOf(1_000L),
      "ms", BigDecimal.valueOf(1_000_000L),
      "s", NANOS_PER_SECOND,
      "m", BigDecimal.valueOf(60_000_000_000L),
      "h", BigDecimal.valueOf(3_600_000_000_000L));

  private GoDuration() {}

  /**
   * A key and value compared as durations, each as Go's {@code Duration.Seconds()}, a float64: that
   * is what Kyverno compares, so durations a nanosecond apart can be equal.
   *
   * @param key the key in seconds, or NaN when Go's answer depends on the platform
   * @param value the value in seconds, likewise
   */
  record Pair(double key, double value) {

    /** Returns {@code accepts(sign of key - value)}, or a failure when Go's answer is not defined. */
    Outcome outcome(IntPredicate accepts) {
      return Double.isNaN(key) || Double.isNaN(value)
          ? Outcome.problem("a number of seconds beyond Go's int64 conversion is not a duration")
          : Outcome.of(accepts.test(Numbers.compare(key, value)));
    }
  }

  /**
   * Returns the key and value as durations when Kyverno would compare them so: at least one is a
   * duration string (other than {@code "0"}) and the other is a duration string or a number of
   * seconds. Empty otherwise, and the caller tries the next interpretation.
   *
   * <p>A number becomes {@code time.Duration(n) * time.Second}: truncated to whole seconds (1.9 is
   * 1s) and multiplied in int64, wrapping on overflow as Go does. Beyond int64 Go's conversion is
   * platform-dependent, so such a pair can only fail.
   */
  static Optional<Pair> pair(JsonNode key, JsonNode value) {
    Optional<BigDecimal> k = asDuration(key);
    Optional<BigDecimal> v = asDuration(value);
    if (k.isEmpty() && v.isEmpty()) {
      return Optional.empty();
    }
    OptionalDouble keySeconds = k.isPresent() ? OptionalDouble.of(seconds(k.get())) : ofNumber(key);
    OptionalDouble valueSeconds =
        v.isPresent() ? OptionalDouble.of(seconds(v.get())) : ofNumber(value);
    return keySeconds.isPresent() && valueSeconds.isPresent()
        ? Optional.of(new Pair(keySeconds.getAsDouble(), valueSeconds.getAsDouble()))
        : Optional.empty();
  }

  /** {@code time.Duration(n) * time.Second} in seconds; NaN where Go's conversion is undefined. */
  private static OptionalDouble ofNumber(JsonNode node) {
    OptionalDouble number = Numbers.of(node);
    if (number.isEmpty()) {
      return number;
    }
    double n = number.getAsDouble();
    if (!(Math.abs(n) < 0x1p63)) {
      return OptionalDouble.of(Double.NaN);
    }
    return OptionalDouble.of(goSeconds((long) n * NANOS_PER_SECOND_LONG));
  }

  /** Go's {@code Duration.Seconds()} of a parsed duration. */
  private static double seconds(BigDecimal exactSeconds) {
    return goSeconds(exactSeconds.movePointRight(9).longValueExact());
  }

  /** Go's {@code Duration.Seconds()}: whole seconds plus the nanosecond remainder, in float64. */
  private static double goSeconds(long nanos) {
    long whole = nanos / NANOS_PER_SECOND_LONG;
    long rest = nanos % NANOS_PER_SECOND_LONG;
    return (double) whole + (double) rest / 1e9;
  }

  private static Optional<BigDecimal> asDuration(JsonNode node) {
    return node.isTextual() && !node.textValue().equals("0")
        ? parse(node.textValue()) : Optional.empty();
  }

  /** Returns the duration in seconds, or empty when the text is not a Go duration. */
  static Optional<BigDecimal> parse(String text) {
    if (text.isEmpty() || text.length() > Numbers.MAX_TEXT) {
      return Optional.empty();
    }
    int i = 0;
    boolean negative = false;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      negative = text.charAt(0) == '-';
      i++;
    }
    if (text.substring(i).equals("0")) {
      return Optional.of(BigDecimal.ZERO);
    }
    if (i == text.length()) {
      return Optional.empty();
    }
    BigDecimal nanos = BigDecimal.ZERO;
    while (i < text.length()) {
      int start = i;
      i = skipDigits(text, i);
      String whole = text.substring(start, i);
      String fraction = "";
      if (i < text.length() && text.charAt(i) == '.') {
        int fractionStart = ++i;
        i = skipDigits(text, i);
        fraction = text.substring(fractionStart, i);
      }
      if (whole.isEmpty() && fraction.isEmpty()) {
        return Optional.empty();
      }
      int unitStart = i;
      while (i < text.length() && text.charAt(i) != '.' && !isDigit(text.charAt(i))) {
        i++;
      }
      BigDecimal unit = UNITS.get(text.substring(unitStart, i));
      if (unit == null) {
        return Optional.empty();
      }
      BigDecimal amount = new BigDecimal((whole.isEmpty() ? "0" : whole) + "." + fraction + "0");
      nanos = nanos.add(amount.multiply(unit).setScale(0, RoundingMode.DOWN));
      if (nanos.compareTo(MAX_NANOS) > 0) {
        return Optional.empty();
      }
    }
    if (!negative && nanos.compareTo(MAX_NANOS) == 0) {
      return Optional.empty();
    }
    BigDecimal seconds = nanos.divide(NANOS_PER_SECOND);
    return Optional.of(negative ? seconds.negate() : seconds);
  }

  private static int skipDigits(String text, int from) {
    int i = from;
    while (i < text.length() && isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
