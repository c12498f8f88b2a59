package dev.modelseal.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScalarParsersTest {

  private static void assertValue(Optional<BigDecimal> actual, String expected) {
    assertThat(actual).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
  }

  @Nested
  class NumbersTest {

    @ParameterizedTest
    @CsvSource({"0.85, 0.85", "+1, 1", "-2.5, -2.5", "1., 1", ".5, 0.5", "1e3, 1000", "1E-2, 0.01",
        "0.90000000000000001, 0.9", "9007199254740993, 9007199254740992",
        "1.7976931348623158e308, 1.7976931348623157e308", "1e-400, 0"})
    void parsesDecimalStringsToTheNearestFloat64(String text, double expected) {
      assertThat(Numbers.parse(text)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "0x10", "Inf", "NaN", "1_000", "1e999", "1.2.3", "1k",
        "--1", "1d", "1f", "1.8e308"})
    void rejectsOtherStrings(String text) {
      assertThat(Numbers.parse(text)).isEmpty();
    }

    @Test
    void rejectsOverlongStrings() {
      assertThat(Numbers.parse("1".repeat(Numbers.MAX_TEXT + 1))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"9007199254740993, 9007199254740992", "0.90000000000000001, 0.9", "-0.0, -0.0"})
    void readsJsonNumbersAsTheFloat64GoDecodes(String json, double expected) {
      assertThat(Numbers.of(Fixtures.json(json))).hasValue(expected);
    }

    @Test
    void comparesLikeGoOperators() {
      assertThat(Numbers.compare(-0.0, 0.0)).isZero();
      assertThat(Numbers.compare(1, 2)).isNegative();
      assertThat(Numbers.compare(2, 1)).isPositive();
    }
  }

  @Nested
  class QuantityTest {

    @ParameterizedTest
    @CsvSource({"1Gi, 1073741824", "512Mi, 536870912", "1Ki, 1024", "500m, 0.5", "1k, 1000",
        "2M, 2000000", "1e3, 1000", "1E-2, 0.01", "1E, 1000000000000000000", "0.85, 0.85",
        "+1.5, 1.5", "-1, -1", "3n, 0.000000003", "7u, 0.000007",
        // As resource.ParseQuantity keeps them: finer than nano rounds up (away from zero), and
        // binary SI values are capped at 2^63-1.
        "1.0000000001m, 0.001000001", "-0.0000000001, -0.000000001", "0.5n, 0.000000001",
        "0, 0", "9Ei, 9223372036854775807", "9E, 9000000000000000000"})
    void parsesQuantities(String text, String expected) {
      assertValue(Quantity.parse(text), expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Gi", "1K", "1gi", "1h", "1.5.5", "1 Gi", "abc", "1e", "1e99999"})
    void rejectsNonQuantities(String text) {
      assertThat(Quantity.parse(text)).isEmpty();
    }
  }

  @Nested
  class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"1h, 3600", "1h30m, 5400", "1.5s, 1.5", "300ms, 0.3", "2us, 0.000002",
        "2µs, 0.000002", "10ns, 0.00000001", "-1m, -60", "+5s, 5", "0, 0", ".5h, 1800",
        "1.h, 3600"})
    void parsesDurations(String text, String expected) {
      assertValue(GoDuration.parse(text), expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "h", "1d", "1h-2m", "1 h", "-", ".h", "3000000h"})
    void rejectsNonDurations(String text) {
      assertThat(GoDuration.parse(text)).isEmpty();
    }

    @Test
    void pairsADurationWithSecondsButNotWithZeroString() {
      assertThat(GoDuration.pair(Fixtures.json("\"1m\""), Fixtures.json("60")))
          .hasValueSatisfying(p -> assertThat(p.outcome(c -> c == 0).passed()).isTrue());
      assertThat(GoDuration.pair(Fixtures.json("\"0\""), Fixtures.json("0"))).isEmpty();
      assertThat(GoDuration.pair(Fixtures.json("\"1m\""), Fixtures.json("\"abc\""))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"\"1s\", 1.9, 1, 1", "\"1s\", -1.9, 1, -1",
        "\"1s\", 10000000000, 1, -8446744073.709552",
        "\"2562047h47m16.854775807s\", \"2562047h47m16.854775806s\", 9223372036.854776,"
            + " 9223372036.854776"})
    void pairsSecondsAsGoDurationSeconds(String key, String value, double keySeconds,
        double valueSeconds) {
      assertThat(GoDuration.pair(Fixtures.json(key), Fixtures.json(value)))
          .hasValue(new GoDuration.Pair(keySeconds, valueSeconds));
    }

    @Test
    void secondsBeyondInt64ConversionFail() {
      GoDuration.Pair pair = GoDuration.pair(Fixtures.json("\"1s\""), Fixtures.json("1e19"))
          .orElseThrow();
      assertThat(pair.outcome(c -> true).problem()).contains("beyond Go's int64 conversion");
    }
  }

  @Nested
  class SemVerTest {

    @ParameterizedTest
    @CsvSource({"1.10.0, 1.9.2, 1", "1.2.3, 1.2.3, 0", "1.2.3-rc.1, 1.2.3, -1",
        "1.0.0-alpha, 1.0.0-alpha.1, -1", "1.0.0-alpha.1, 1.0.0-alpha.beta, -1",
        "1.0.0-beta.2, 1.0.0-beta.11, -1", "1.0.0-rc.1, 1.0.0-beta.11, 1",
        "1.2.3+build.5, 1.2.3, 0", "2.0.0, 10.0.0, -1"})
    void comparesByPrecedence(String a, String b, int expected) {
      assertThat(Integer.signum(SemVer.parse(a).orElseThrow()
          .compareTo(SemVer.parse(b).orElseThrow()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.2.3", "1.2", "1", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3+",
        "1.2.3.4", "latest"})
    void rejectsNonVersions(String text) {
      assertThat(SemVer.parse(text)).isEmpty();
    }
  }

  @Nested
  class RangeTest {

    @Test
    void containsAndExcludesNumbersQuantitiesAndDurations() {
      Range numbers = Range.parse("1-10").orElseThrow();
      assertThat(numbers.contains("1")).isTrue();
      assertThat(numbers.contains("10")).isTrue();
      assertThat(numbers.contains("10.5")).isFalse();
      assertThat(numbers.excludes("10.5")).isTrue();
      assertThat(numbers.contains("abc")).isFalse();
      assertThat(numbers.excludes("abc")).isFalse();
      assertThat(Range.parse("1Gi-4Gi").orElseThrow().contains("2048Mi")).isTrue();
      assertThat(Range.parse("1h-2h").orElseThrow().contains("90m")).isTrue();
      assertThat(Range.parse("-5-5").orElseThrow().contains("-1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-b", "1-", "-1", "1..2-3", "release-1", "1!-10"})
    void onlyRecognisesRangeShapes(String text) {
      assertThat(Range.parse(text)).isEmpty();
    }
  }
}
