package dev.modelseal.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

  @ParameterizedTest(name = "fmt.Sprint({0}) = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1000000                  | 1e+06
      999999                   | 999999
      100000                   | 100000
      0.00001                  | 1e-05
      0.0001                   | 0.0001
      1e21                     | 1e+21
      123456789                | 1.23456789e+08
      1.5                      | 1.5
      0.30000000000000004      | 0.30000000000000004
      5e-324                   | 5e-324
      1.7976931348623157e308   | 1.7976931348623157e+308
      -0.0                     | -0
      0                        | 0
      2e-3                     | 0.002
      -2.5e-7                  | -2.5e-07
      1e23                     | 1e+23
      9007199254740993         | 9.007199254740992e+15
      """)
  void sprintsAsGoFmt(double value, String expected) {
    assertThat(GoFloat.sprint(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "json.Marshal({0}) = {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1000000                  | 1000000
      0.00001                  | 0.00001
      0.000001                 | 0.000001
      1e-7                     | 1e-7
      1e20                     | 100000000000000000000
      1e21                     | 1e+21
      123456789                | 123456789
      0.30000000000000004      | 0.30000000000000004
      5e-324                   | 5e-324
      1.7976931348623157e308   | 1.7976931348623157e+308
      -0.0                     | -0
      2e-3                     | 0.002
      1.5e-10                  | 1.5e-10
      """)
  void marshalsAsGoJson(double value, String expected) {
    assertThat(GoFloat.marshal(value)).isEqualTo(expected);
  }

  @Test
  void theSumOfTenthsIsNotThreeTenths() {
    assertThat(GoFloat.sprint(0.1 + 0.2)).isEqualTo("0.30000000000000004");
  }

  @Test
  void digitsAreShortestAndReadBack() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(value)) {
        continue;
      }
      String text = GoFloat.sprint(value);
      assertThat(Double.parseDouble(text)).isEqualTo(value);
      // Java 17's toString is never shorter than the shortest digits (only sometimes longer).
      assertThat(significantDigits(text)).isLessThanOrEqualTo(
          significantDigits(Double.toString(value)));
    }
  }

  @Test
  void refusesNonFiniteValues() {
    assertThatThrownBy(() -> GoFloat.sprint(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int significantDigits(String text) {
    String mantissa = text.replaceFirst("[eE].*", "").replace("-", "").replace(".", "");
    return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
  }
}
