package dev.modelseal.internal.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes resource quantities ({@code 1Gi}, {@code 500m}, {@code 1e3}, {@code 0.85}) to
 * the values Kubernetes keeps (exact to 10^-9, finer digits rounded up), because Kyverno compares
 * numeric strings as quantities
 * (pkg/engine/variables/operator/numeric.go and equal.go call {@code resource.ParseQuantity}).
 *
 * <p>Grammar (k8s.io/apimachinery resource.Quantity): optional sign, digits with optional fraction,
 * then a binary SI suffix (Ki…Ei), a decimal SI suffix (n, u, m, k, M, G, T, P, E) or a decimal
 * exponent ({@code e3}, {@code E-2}). Exponents are capped at four digits so work stays bounded.
 */
final class Quantity {

  private static final Pattern SHAPE =
      Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(.*)");
  private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?\\d{1,4})");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
      Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
      Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
      Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
      Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
      Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
      Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
      Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
      Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
      Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
      Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
      Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
      Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  /** Kubernetes keeps quantities to nano precision (resource.Nano). */
  private static final int NANO_DIGITS = 9;
  private static final BigDecimal MAX_INT64 = BigDecimal.valueOf(Long.MAX_VALUE);

  private Quantity() {}

  /** Returns the quantity's value, or empty when the text is not a Kubernetes quantity. */
  static Optional<BigDecimal> parse(String text) {
    if (text.isEmpty() || text.length() > Numbers.MAX_TEXT) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier != null) {
      return Optional.of(asParsed(number.multiply(multiplier), suffix.endsWith("i")));
    }
    Matcher e = EXPONENT.matcher(suffix);
    if (e.matches()) {
      return Optional.of(asParsed(number.scaleByPowerOfTen(Integer.parseInt(e.group(1))), false));
    }
    return Optional.empty();
  }

  /**
   * The value as {@code resource.ParseQuantity} keeps it: a non-zero magnitude rounded up (away from
   * zero) to a multiple of 10^-9, and, for binary SI suffixes, capped at 2^63-1.
   */
  private static BigDecimal asParsed(BigDecimal value, boolean binarySi) {
    BigDecimal magnitude = value.abs();
    if (magnitude.signum() != 0 && magnitude.scale() > NANO_DIGITS) {
      magnitude = magnitude.setScale(NANO_DIGITS, RoundingMode.UP);
    }
    if (binarySi && magnitude.compareTo(MAX_INT64) > 0) {
      magnitude = MAX_INT64;
    }
    return value.signum() < 0 ? magnitude.negate() : magnitude;
  }
}
