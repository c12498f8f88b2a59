package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.check;
import static dev.modelseal.internal.policy.Fixtures.passes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MembershipOperatorsTest {

  @ParameterizedTest(name = "{1} {0} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      In       | "a"          | ["a","b"]          | true
      In       | "c"          | ["a","b"]          | false
      In       | "abc"        | ["a*"]             | true
      In       | "a"          | "[\\"a\\",\\"b\\"]"    | true
      In       | "a"          | "a"                | true
      In       | "a"          | "b"                | false
      In       | 5            | ["5"]              | true
      In       | ["a","b"]    | ["a","b","c"]      | true
      In       | ["a","d"]    | ["a","b","c"]      | false
      In       | ["abc"]      | ["a*"]             | false
      In       | [1]          | ["1"]              | false
      NotIn    | "c"          | ["a","b"]          | true
      NotIn    | "a"          | ["a","b"]          | false
      NotIn    | ["a","c"]    | ["a","b"]          | true
      NotIn    | ["a","b"]    | ["a","b"]          | false
      NotIn    | ["a"]        | "a"                | false
      AnyIn    | ["a","x"]    | ["a","b"]          | true
      AnyIn    | ["x","y"]    | ["a","b"]          | false
      AnyIn    | ["prod-1"]   | ["prod-*"]         | true
      AnyIn    | ["prod-*"]   | ["prod-1"]         | true
      AnyIn    | 1            | [1.0]              | true
      AnyIn    | [1,2]        | 2                  | true
      AnyIn    | 5            | "1-10"             | true
      AnyIn    | 15           | "1-10"             | false
      AnyIn    | [1,20]       | "1-10"             | true
      AnyIn    | "2Gi"        | "1Gi-4Gi"          | true
      AnyIn    | "x"          | "x"                | true
      AnyIn    | "x"          | "[\\"x\\"]"          | true
      AnyIn    | "6"          | "5"                | false
      AllIn    | ["a","b"]    | ["a","b","c"]      | true
      AllIn    | ["a","z"]    | ["a","b","c"]      | false
      AllIn    | ["a1","a2"]  | ["a*"]             | true
      AllIn    | [2,5]        | "1-10"             | true
      AllIn    | [2,50]       | "1-10"             | false
      AllIn    | []           | ["a"]              | true
      AllIn    | "b"          | ["a","b"]          | true
      AnyNotIn | ["a","c"]    | ["a","b"]          | true
      AnyNotIn | ["a","b"]    | ["a","b"]          | false
      AnyNotIn | [5,50]       | "1-10"             | true
      AnyNotIn | [5,6]        | "1-10"             | false
      AnyNotIn | "x"          | ["a*"]             | true
      AnyNotIn | "abc"        | ["a*"]             | false
      AnyNotIn | "6"          | "5"                | false
      AllNotIn | ["x","y"]    | ["a","b"]          | true
      AllNotIn | ["x","a"]    | ["a","b"]          | false
      AllNotIn | ["dev-1"]    | ["prod-*"]         | true
      AllNotIn | [20,30]      | "1-10"             | true
      AllNotIn | [5]          | "1-10"             | false
      AllNotIn | "dev"        | ["prod","staging"] | true
      AllNotIn | []           | ["a"]              | true
      In       | "5"          | 5                  | false
      In       | ["5"]        | 5                  | false
      NotIn    | "a"          | 5                  | false
      NotIn    | ["a"]        | 5                  | false
      AnyIn    | 5            | 5                  | false
      AnyIn    | "true"       | true               | false
      AnyIn    | ["true"]     | true               | true
      AnyNotIn | "x"          | 5                  | false
      AnyNotIn | [1,2]        | 2                  | true
      AnyNotIn | [2]          | 2                  | false
      AllIn    | 5            | 5                  | false
      AllIn    | [5]          | 5                  | false
      AllNotIn | "x"          | 5                  | false
      AllNotIn | ["x"]        | 5                  | false
      """)
  void membership(String operator, String key, String value, boolean expected) {
    assertThat(passes(key, operator, value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1} {0} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      AnyIn    | 1000000      | ["1000000"]        | false
      AnyIn    | 1000000      | ["1e+06"]          | true
      AnyIn    | "1000000"    | [1000000]          | false
      AnyIn    | "1e+06"      | [1000000]          | true
      AnyIn    | 0.00001      | ["0.00001"]        | false
      AnyIn    | 0.0001       | ["0.0001"]         | true
      AnyIn    | 100000       | ["100000"]         | true
      AllIn    | 1000000      | "1000000"          | false
      AllIn    | [1000000]    | ["1000000"]        | false
      AnyNotIn | [1000000]    | ["1000000"]        | true
      AllNotIn | 1000000      | ["1000000"]        | true
      In       | 1000000      | ["1000000"]        | false
      NotIn    | 1000000      | ["1000000"]        | true
      AnyIn    | 9007199254740993 | ["9007199254740993"] | false
      AnyIn    | "0.9"        | [0.90000000000000001] | true
      AnyIn    | -0.0         | ["0"]              | false
      AnyIn    | [null]       | ["null"]           | false
      AnyIn    | [null]       | ["<nil>"]          | true
      AnyIn    | [[1,"a"]]    | ["[1 a]"]          | true
      AnyIn    | [[1,"a"]]    | ["[1,\\"a\\"]"]    | false
      AnyIn    | [{"b":1,"a":2}] | ["map[a:2 b:1]"] | true
      """)
  void matchesNumbersAsGoPrintsThem(String operator, String key, String value, boolean expected) {
    assertThat(passes(key, operator, value)).isEqualTo(expected);
  }

  @Test
  void predicateNumbersArePrintedAsGoPrintsThem() {
    String predicate = "{\"n\":1000000,\"small\":0.00001}";
    assertThat(check("\"{{ n }}\"", "AnyIn", "[\"1000000\"]", predicate)).hasSize(1);
    assertThat(check("\"{{ small }}\"", "AnyIn", "[\"0.00001\"]", predicate)).hasSize(1);
    assertThat(check("\"{{ n }}\"", "AnyIn", "[\"1e+06\"]", predicate)).isEmpty();
  }

  @Test
  void keysAndValuesCanComeFromThePredicate() {
    String predicate = "{\"licenses\":[\"MIT\",\"Apache-2.0\"],\"allowed\":[\"MIT\",\"Apache-*\"]}";

    assertThat(check("\"{{ licenses }}\"", "AllIn", "\"{{ allowed }}\"", predicate)).isEmpty();
    assertThat(check("\"{{ licenses }}\"", "AnyNotIn", "\"{{ allowed }}\"", predicate))
        .hasSize(1);
  }

  @Test
  void anObjectKeyIsATypeProblem() {
    assertThat(check("\"{{ o }}\"", "AnyIn", "[\"a\"]", "{\"o\":{\"a\":1}}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("AnyIn needs a string, number, bool or list as key, not a object");
  }

  @Test
  void anObjectValueFromThePredicateIsATypeProblem() {
    assertThat(check("\"a\"", "AnyIn", "\"{{ o }}\"", "{\"o\":{\"a\":1}}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("AnyIn needs a list or string value for a single key; with a object it is false,"
            + " as in Kyverno");
  }

  @Test
  void aNumberValueForInFailsAndSaysWhy() {
    assertThat(check("\"{{ v }}\"", "NotIn", "5", "{\"v\":\"6\"}"))
        .singleElement().extracting(Violation::message)
        .isEqualTo("v: expected NotIn 5, found \"6\" (NotIn needs a list or string value; with a"
            + " number it is false, as in Kyverno)");
  }

  @Test
  void aNumberValueForASingleKeySuggestsAList() {
    assertThat(check("\"{{ v }}\"", "AllNotIn", "5", "{\"v\":6}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("AllNotIn needs a list or string value for a single key; with a number it is"
            + " false, as in Kyverno (write it as a list: [5])");
  }

  @Test
  void aStringValueHoldingNonListJsonIsATypeProblem() {
    assertThat(check("\"{{ v }}\"", "AnyNotIn", "\"5\"", "{\"v\":\"6\"}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("the value string holds JSON that is not a list of strings: 5");
  }

  @Test
  void deprecatedInNeedsStringElements() {
    assertThat(check("\"{{ ids }}\"", "In", "[\"1\"]", "{\"ids\":[1]}"))
        .singleElement().extracting(Violation::message).asString()
        .contains("In needs a list of strings as key");
  }
}
