package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.check;
import static dev.modelseal.internal.policy.Fixtures.passes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumericOperatorsTest {

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      0.91           | GreaterThanOrEquals | 0.85          | true
      0.85           | GreaterThanOrEquals | 0.85          | true
      0.80           | GreaterThanOrEquals | 0.85          | false
      0.91           | GreaterThan         | 0.85          | true
      0.85           | GreaterThan         | 0.85          | false
      1              | LessThan            | 2             | true
      2              | LessThan            | 1             | false
      2              | LessThanOrEquals    | 2.0           | true
      3              | LessThanOrEquals    | 2             | false
      "0.91"         | GreaterThanOrEquals | 0.85          | true
      0.91           | GreaterThanOrEquals | "0.85"        | true
      "0.80"         | GreaterThanOrEquals | "0.85"        | false
      "10"           | GreaterThan         | "9"           | true
      "1e3"          | GreaterThanOrEquals | 1000          | true
      "1.10.0"       | GreaterThan         | "1.9.2"       | true
      "1.2.3-rc.1"   | LessThan            | "1.2.3"       | true
      "1.2.3"        | GreaterThan         | "1.2.3"       | false
      "1.2.3"        | GreaterThanOrEquals | "1.2.3+build" | true
      "1Gi"          | GreaterThan         | "512Mi"       | true
      "500m"         | LessThan            | "1"           | true
      "1.0000000000001k" | LessThan        | "1.000000000001k" | false
      "2h"           | GreaterThan         | "90m"         | true
      "90s"          | LessThan            | 120           | true
      3600           | GreaterThanOrEquals | "1h"          | true
      3599           | GreaterThanOrEquals | "1h"          | false
      "high"         | GreaterThan         | 0.5           | false
      0.5            | LessThan            | "high"        | false
      true           | GreaterThan         | 0             | false
      [1]            | GreaterThan         | 0             | false
      null           | GreaterThan         | 0             | false
      "1.2.3"        | GreaterThan         | 1             | false
      "v2.0.0"       | GreaterThan         | "v1.0.0"      | false
      """)
  void compares(String key, String operator, String value, boolean expected) {
    assertThat(passes(key, operator, value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      "0.90000000000000001"      | GreaterThan         | 0.9                        | false
      0.9                        | LessThan            | "0.90000000000000001"      | false
      9007199254740993           | GreaterThan         | 9007199254740992           | false
      9007199254740992           | LessThan            | 9007199254740993           | false
      9007199254740993           | GreaterThanOrEquals | 9007199254740992           | true
      "9007199254740993"         | GreaterThan         | 9007199254740992           | false
      -0.0                       | LessThan            | 0                          | false
      -0.0                       | GreaterThanOrEquals | 0                          | true
      """)
  void comparesNumbersAsFloat64(String key, String operator, String value, boolean expected) {
    assertThat(passes(key, operator, value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      "90s"                      | LessThan            | 90.5                       | false
      "1s"                       | GreaterThanOrEquals | 1.9                        | true
      "1s"                       | LessThan            | 10000000000                | false
      "1s"                       | LessThan            | 1e19                       | false
      "1s"                       | GreaterThan         | 1e19                       | false
      "2562047h47m16.854775807s" | GreaterThan         | "2562047h47m16.854775806s" | false
      """)
  void comparesDurationsAsGoSeconds(String key, String operator, String value, boolean expected) {
    assertThat(passes(key, operator, value)).isEqualTo(expected);
  }

  @Test
  void explainsIncomparableStrings() {
    assertThat(check("\"{{ grade }}\"", "GreaterThan", "0.5", "{\"grade\":\"high\"}"))
        .singleElement().extracting(Violation::message).isEqualTo("grade: expected GreaterThan "
            + "0.5, found \"high\" (\"high\" is not a number, quantity, duration or semantic version)");
  }

  @Test
  void explainsIncomparableTypes() {
    assertThat(check("\"{{ ok }}\"", "LessThan", "1", "{\"ok\":true}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("not a bool");
  }

  @Test
  void explainsAVersionComparedWithANonVersion() {
    assertThat(check("\"{{ v }}\"", "GreaterThan", "\"latest\"", "{\"v\":\"1.2.3\"}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("the key is a semantic version but \"latest\" is not");
  }
}
