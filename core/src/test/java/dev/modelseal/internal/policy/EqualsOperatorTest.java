package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.check;
import static dev.modelseal.internal.policy.Fixtures.passes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EqualsOperatorTest {

  @ParameterizedTest(name = "{0} Equals {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      "main"                  | "main"                  | true
      "main"                  | "dev"                   | false
      "release-1.2"           | "release-*"             | true
      "release-1.2"           | "release-?.?"           | true
      "release-1.2"           | "rel?"                  | false
      "x"                     | "*"                     | true
      1                       | 1.0                     | true
      1                       | 2                       | false
      1                       | "1.0"                   | true
      0.91                    | "0.91"                  | true
      0.91                    | "high"                  | false
      "0.91"                  | 0.91                    | false
      "0"                     | 0                       | false
      "abc"                   | 1                       | false
      "0.910"                 | "0.91"                  | true
      "5"                     | "5*"                    | false
      "1Gi"                   | "1024Mi"                | true
      "1k"                    | "1000"                  | true
      "1h"                    | 3600                    | true
      "1h"                    | "60m"                   | true
      "1h"                    | "59m"                   | false
      true                    | true                    | true
      true                    | false                   | false
      true                    | "true"                  | false
      "true"                  | true                    | false
      null                    | null                    | false
      null                    | 1                       | false
      null                    | "null"                  | false
      "x"                     | null                    | false
      {"a":1,"b":[1,2]}       | {"b":[1.0,2],"a":1}     | true
      {"a":1}                 | {"a":1,"b":2}           | false
      [1,2]                   | [1,2]                   | true
      [1,2]                   | [2,1]                   | false
      [1,2]                   | "[1,2]"                 | false
      """)
  void equals(String key, String value, boolean expected) {
    assertThat(passes(key, "Equals", value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} NotEquals {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      "main"                  | "dev"                   | true
      "main"                  | "main"                  | false
      "release-1.2"           | "release-*"             | false
      1                       | 1.0                     | false
      1                       | 2                       | true
      true                    | "true"                  | true
      null                    | "x"                     | false
      null                    | null                    | false
      "string"                | 1                       | true
      "0.91"                  | 0.5                     | true
      "0.91"                  | 0.91                    | false
      "0"                     | 0                       | false
      "1k"                    | 1000                    | true
      0.91                    | "0.91"                  | false
      0.91                    | "0.5"                   | true
      [1]                     | [1]                     | false
      {"a":1}                 | {"a":2}                 | true
      """)
  void notEquals(String key, String value, boolean expected) {
    assertThat(passes(key, "NotEquals", value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      9007199254740993           | Equals    | 9007199254740992           | true
      9007199254740993           | NotEquals | 9007199254740992           | false
      0.9                        | Equals    | "0.90000000000000001"      | true
      0.9                        | NotEquals | "0.90000000000000001"      | false
      "0.90000000000000001"      | NotEquals | 0.9                        | false
      [9007199254740993]         | Equals    | [9007199254740992]         | true
      {"a":9007199254740993}     | NotEquals | {"a":9007199254740992}     | false
      -0.0                       | Equals    | 0                          | true
      "1s"                       | Equals    | 1.9                        | true
      "1s"                       | NotEquals | 1.9                        | false
      "1s"                       | NotEquals | 1e19                       | false
      "1s"                       | Equals    | 1e19                       | false
      3600                       | NotEquals | "1h"                       | true
      "2562047h47m16.854775807s" | NotEquals | "2562047h47m16.854775806s" | false
      """)
  void comparesNumbersAndDurationsAsFloat64(String key, String operator, String value,
      boolean expected) {
    assertThat(passes(key, operator, value)).isEqualTo(expected);
  }

  @Test
  void predicateNumbersAreFloat64Too() {
    String predicate = "{\"n\":9007199254740993}";
    assertThat(check("\"{{ n }}\"", "NotEquals", "9007199254740992", predicate)).hasSize(1);
    assertThat(check("\"{{ n }}\"", "GreaterThan", "9007199254740992", predicate)).hasSize(1);
  }

  /** Go cannot decode a number beyond float64's range, so such a number never equals anything. */
  @Test
  void aNumberBeyondFloat64EqualsNothing() throws Exception {
    com.fasterxml.jackson.databind.JsonNode huge = new com.fasterxml.jackson.databind.ObjectMapper().readTree("1e999");
    assertThat(DeepEquality.numbersEqual(huge, huge)).isFalse();
    assertThat(check("\"{{ n }}\"", "Equals", "[1]", "{\"n\":[1e999]}")).hasSize(1);
  }

  @Test
  void explainsWhyTypesNeverMatch() {
    assertThat(check("\"{{ flag }}\"", "Equals", "\"true\"", "{\"flag\":true}"))
        .singleElement().extracting(Violation::message)
        .isEqualTo("flag: expected Equals \"true\", found true (a bool never equals a string)");
  }

  @Test
  void aNullKeyFailsBothOperatorsAndSaysWhy() {
    String predicate = "{\"notes\":null}";
    assertThat(check("\"{{ notes }}\"", "Equals", "null", predicate))
        .singleElement().extracting(Violation::message)
        .isEqualTo("notes: expected Equals null, found null (a null key never equals anything, as in"
            + " Kyverno)");
    assertThat(check("\"{{ notes }}\"", "NotEquals", "\"x\"", predicate))
        .singleElement().extracting(Violation::message).asString()
        .contains("a null key fails NotEquals as well as Equals, as in Kyverno");
  }

  @Test
  void aNumericStringNeverEqualsANumberAndSaysHowToCompareByValue() {
    assertThat(check("\"{{ score }}\"", "Equals", "0.91", "{\"score\":\"0.91\"}"))
        .singleElement().extracting(Violation::message)
        .isEqualTo("score: expected Equals 0.91, found \"0.91\" (a string never equals a number, as"
            + " in Kyverno; to compare by value, write the value as a string: \"0.91\")");
    assertThat(passes("\"0.91\"", "Equals", "\"0.91\"")).isTrue();
  }

  @Test
  void aNumericStringAndTheSameNumberFailNotEqualsToo() {
    assertThat(check("\"{{ score }}\"", "NotEquals", "0.91", "{\"score\":\"0.910\"}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("ModelSeal fails NotEquals here");
  }

  @Test
  void explainsThatWildcardsDoNotApplyToNumericStrings() {
    assertThat(check("\"{{ v }}\"", "Equals", "\"5*\"", "{\"v\":\"5\"}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("wildcards do not apply to numeric strings");
  }
}
