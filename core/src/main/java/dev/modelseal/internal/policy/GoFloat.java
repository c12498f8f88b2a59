package dev.modelseal.internal.policy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a float64 as text exactly as Go does, because Kyverno decodes every JSON number as a Go
 * float64 and turns it into text with Go's formatting: {@link #sprint} is {@code fmt.Sprint} (the In
 * family matches {@code fmt.Sprint(value)}), {@link #marshal} is {@code encoding/json} (variable
 * substitution inside a larger string).
 *
 * <p>Both use the shortest decimal digits that read back as the same float64 (strconv's
 * {@code FormatFloat(f, fmt, -1, 64)}), taking the nearest such digits when there are two. Java 17's
 * {@code Double.toString} is not always shortest (JDK-4511638: it writes {@code 2.0E-3} as
 * {@code 0.0020}), so the digits are found here from the exact binary value instead.
 */
final class GoFloat {

  private GoFloat() {}

  /**
   * Returns Go's {@code fmt.Sprint(f)}: {@code %g} with the shortest digits, so exponent form when
   * the decimal exponent is below -4 or at least 6 (strconv ftoa.go uses 6 for shortest
   * precision): {@code 1e+06}, {@code 100000}, {@code 1e-05}, {@code 0.0001}.
   */
  static String sprint(double f) {
    Digits d = Digits.of(f);
    return d.exponent() < -4 || d.exponent() >= 6 ? d.scientific() : d.positional();
  }

  /**
   * Returns Go's {@code json.Marshal(f)}: positional unless {@code |f| < 1e-6} or
   * {@code |f| >= 1e21}, with a one-digit exponent left unpadded ({@code 1e-7}, {@code 1e+21}).
   */
  static String marshal(double f) {
    double abs = Math.abs(f);
    if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) {
      return Digits.of(f).positional();
    }
    String text = Digits.of(f).scientific();
    int n = text.length();
    // encoding/json's floatEncoder turns e-07 into e-7 (negative exponents only).
    return text.charAt(n - 3) == '-' && text.charAt(n - 2) == '0'
        ? text.substring(0, n - 2) + text.charAt(n - 1) : text;
  }

  /**
   * The shortest round-tripping digits of a float64.
   *
   * @param negative whether the sign bit is set (so {@code -0.0} prints as {@code -0})
   * @param digits the significant digits, no trailing zeros; {@code "0"} for zero
   * @param exponent the decimal exponent of the first digit
   */
  private record Digits(boolean negative, String digits, int exponent) {

    static Digits of(double f) {
      if (!Double.isFinite(f)) {
        throw new IllegalArgumentException("not a finite float64: " + f);
      }
      boolean negative = (Double.doubleToRawLongBits(f) & Long.MIN_VALUE) != 0;
      double abs = Math.abs(f);
      if (abs == 0) {
        return new Digits(negative, "0", 0);
      }
      BigDecimal shortest = shortest(abs).stripTrailingZeros();
      return new Digits(negative, shortest.unscaledValue().toString(),
          shortest.precision() - shortest.scale() - 1);
    }

    /**
     * Tries 1, 2, ... 17 significant digits. At each length only the two neighbours of the exact
     * value (rounded down and up) can read back as it, because the values that do form an interval
     * around it; 17 digits always suffice for a float64.
     */
    private static BigDecimal shortest(double abs) {
      BigDecimal exact = new BigDecimal(abs);
      for (int precision = 1; ; precision++) {
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
        boolean downReads = down.doubleValue() == abs;
        boolean upReads = up.doubleValue() == abs;
        if (downReads && upReads) {
          return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        } else if (downReads) {
          return down;
        } else if (upReads) {
          return up;
        }
      }
    }

    /** {@code %e} with all digits: {@code 1.5e+06}, {@code 5e-324}; exponent at least two digits. */
    String scientific() {
      StringBuilder out = new StringBuilder(negative ? "-" : "");
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int e = Math.abs(exponent);
      return out.append(exponent < 0 ? "e-" : "e+").append(e < 10 ? "0" : "").append(e).toString();
    }

    /** {@code %f} with all digits: {@code 1000000}, {@code 0.00001}, {@code -0}. */
    String positional() {
      StringBuilder out = new StringBuilder(negative ? "-" : "");
      if (exponent < 0) {
        out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
      } else if (digits.length() <= exponent + 1) {
        out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
      } else {
        out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1,
            digits.length());
      }
      return out.toString();
    }
  }
}
