package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

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
   * A key and value compared as durations, in seconds.
   *
   * @param key the key in seconds
   * @param value the value in seconds
   */
  record Pair(BigDecimal key, BigDecimal value) {
    int compare() {
      return key.compareTo(value);
    }
  }

  /**
   * Returns the key and value as durations when Kyverno would compare them so: at least one is a
   * duration string (other than {@code "0"}) and the other is a duration string or a number of
   * seconds. Empty otherwise, and the caller tries the next interpretation.
   */
  static Optional<Pair> pair(JsonNode key, JsonNode value) {
    Optional<BigDecimal> k = asDuration(key);
    Optional<BigDecimal> v = asDuration(value);
    if (k.isEmpty() && v.isEmpty()) {
      return Optional.empty();
    }
    Optional<BigDecimal> keySeconds = k.isPresent() ? k : Numbers.of(key);
    Optional<BigDecimal> valueSeconds = v.isPresent() ? v : Numbers.of(value);
    return keySeconds.isPresent() && valueSeconds.isPresent()
        ? Optional.of(new Pair(keySeconds.get(), valueSeconds.get()))
        : Optional.empty();
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
