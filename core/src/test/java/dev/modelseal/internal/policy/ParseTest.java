package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParseTest {

  private static final String VALID_NAMES = "Equals, NotEquals, In, AnyIn, AllIn, NotIn, AnyNotIn, "
      + "AllNotIn, GreaterThan, GreaterThanOrEquals, LessThan, LessThanOrEquals";

  private static void rejects(String conditions, String expectedMessage) {
    assertThatThrownBy(() -> Conditions.parse(json(conditions)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(expectedMessage);
  }

  private static String condition(String body) {
    return "[{\"all\":[" + body + "]}]";
  }

  @Test
  void parsesBlocksAndConditions() {
    List<ConditionBlock> blocks = Conditions.parse(json("""
        [ {"all": [{"key": "{{ a }}", "operator": "Equals", "value": 1, "message": "m"}]},
          {"any": [{"key": "{{ b }}", "operator": "anyin", "value": ["x"]}]} ]"""));

    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).all()).singleElement().satisfies(c -> {
      assertThat(c.key()).isEqualTo(json("\"{{ a }}\""));
      assertThat(c.operator()).isEqualTo("Equals");
      assertThat(c.value()).isEqualTo(json("1"));
      assertThat(c.message()).isEqualTo("m");
    });
    assertThat(blocks.get(0).any()).isNull();
    assertThat(blocks.get(1).all()).isEmpty();
    assertThat(blocks.get(1).any()).singleElement().extracting(Condition::message).isEqualTo("");
  }

  @Test
  void rejectsAnUnknownOperatorListingTheValidOnes() {
    rejects(condition("{\"key\":1,\"operator\":\"GreaterOrEqual\",\"value\":1}"),
        "conditions[0].all[0]: unknown operator 'GreaterOrEqual'. Valid operators "
            + "(case-insensitive): " + VALID_NAMES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"DurationGreaterThanOrEquals", "DurationGreaterThan",
      "DurationLessThanOrEquals", "durationlessthan"})
  void rejectsDeprecatedDurationOperators(String operator) {
    assertThatThrownBy(() -> Conditions.parse(json(condition(
        "{\"key\":\"1h\",\"operator\":\"" + operator + "\",\"value\":\"1h\"}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is deprecated in Kyverno and not supported")
        .hasMessageContaining("which also compares durations")
        .hasMessageEndingWith(VALID_NAMES);
  }

  @ParameterizedTest
  @CsvSource({"Equal, Equals", "NotEqual, NotEquals", "notequal, notequals"})
  void rejectsTheEngineOnlyAliasesNamingTheReplacement(String operator, String replacement) {
    assertThatThrownBy(() -> Conditions.parse(json(condition(
        "{\"key\":1,\"operator\":\"" + operator + "\",\"value\":1}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Kyverno's policy schema rejects; use " + replacement + ".")
        .hasMessageEndingWith(VALID_NAMES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "==", "Contains", "Equalss"})
  void rejectsNamesOutsideTheCrdEnum(String operator) {
    assertThatThrownBy(() -> Conditions.parse(json(condition(
        "{\"key\":1,\"operator\":\"" + operator + "\",\"value\":1}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown operator");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing key      | {"operator":"Equals","value":1}                    | conditions[0].all[0]: missing 'key'
      missing operator | {"key":1,"value":1}                                | conditions[0].all[0]: missing 'operator'
      missing value    | {"key":1,"operator":"Equals"}                      | conditions[0].all[0]: missing 'value'
      operator type    | {"key":1,"operator":5,"value":1}                   | conditions[0].all[0].operator: expected a string, found a number
      message type     | {"key":1,"operator":"Equals","value":1,"message":[]} | conditions[0].all[0].message: expected a string, found a list
      unknown field    | {"key":1,"operator":"Equals","value":1,"vaule":2}  | conditions[0].all[0]: unknown field 'vaule' (expected key, message, operator, value)
      not an object    | "x"                                                | conditions[0].all[0]: expected an object, found a string
      """)
  void rejectsMalformedConditions(String name, String body, String message) {
    rejects(condition(body), message);
  }

  @Test
  void rejectsMalformedBlocks() {
    rejects("{}", "conditions: expected a list of {all, any} blocks, found a object");
    rejects("[{}]", "conditions[0]: a block needs an 'all' or an 'any' list");
    rejects("[{\"all\":null}]", "conditions[0]: a block needs an 'all' or an 'any' list");
    rejects("[{\"alll\":[]}]", "conditions[0]: unknown field 'alll' (expected all, any)");
    rejects("[{\"all\":{}}]", "conditions[0].all: expected a list of conditions, found a object");
    rejects("[[]]", "conditions[0]: expected an object, found a list");
  }

  @Test
  void rejectsAMissingList() {
    assertThatThrownBy(() -> Conditions.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conditions: expected a list of {all, any} blocks, found nothing");
    assertThatThrownBy(() -> Conditions.parse(MissingNode.getInstance()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unterminated        | "{{ a.b"             | key: unterminated {{ in '{{ a.b'
      empty               | "{{ }}"              | key: empty {{ }} expression
      syntax              | "{{ a. }}"           | key: invalid JMESPath expression 'a.'
      unknown function    | "{{ semver(a) }}"    | key: invalid JMESPath expression 'semver(a)'
      """)
  void rejectsInvalidExpressions(String name, String key, String messageStart) {
    assertThatThrownBy(() -> Conditions.parse(json(condition(
        "{\"key\":" + key + ",\"operator\":\"Equals\",\"value\":1}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("conditions[0].all[0]: " + messageStart);
  }

  @Test
  void rejectsInvalidExpressionsInValues() {
    assertThatThrownBy(() -> Conditions.parse(json(condition(
        "{\"key\":1,\"operator\":\"AnyIn\",\"value\":[\"ok\",\"{{ [ }}\"]}"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("conditions[0].all[0]: value: invalid JMESPath expression '['");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      GreaterThan | [1]       | value: GreaterThan needs a number or a string, found a list
      LessThan    | true      | value: LessThan needs a number or a string, found a bool
      LessThan    | null      | value: LessThan needs a number or a string, found a null
      AnyIn       | {"a":1}   | value: AnyIn needs a list, a string, a number or a bool, found a object
      In          | true      | value: In needs a list or a string, found a bool
      NotIn       | {"a":1}   | value: NotIn needs a list or a string, found a object
      """)
  void rejectsLiteralValuesTheOperatorCannotUse(String operator, String value, String message) {
    rejects(condition("{\"key\":\"{{ a }}\",\"operator\":\"" + operator + "\",\"value\":" + value
        + "}"), "conditions[0].all[0]: " + message);
  }

  @Test
  void parsedConditionsDoNotShareTheCallersTree() {
    JsonNode source = json(condition(
        "{\"key\":\"{{ a }}\",\"operator\":\"AnyIn\",\"value\":[\"x\"]}"));
    List<ConditionBlock> blocks = Conditions.parse(source);

    ((ArrayNode) source.get(0).get("all").get(0).get("value"))
        .add("y");

    assertThat(blocks.get(0).all().get(0).value()).isEqualTo(json("[\"x\"]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"In", "NotIn"})
  void acceptsANumberForInAndNotInAsKyvernoDoes(String operator) {
    assertThat(Conditions.parse(json(condition(
        "{\"key\":\"{{ a }}\",\"operator\":\"" + operator + "\",\"value\":5}")))).hasSize(1);
  }

  @Test
  void acceptsAnyLiteralForEquals() {
    assertThat(Conditions.parse(json(condition(
        "{\"key\":\"{{ a }}\",\"operator\":\"Equals\",\"value\":{\"x\":[null]}}")))).hasSize(1);
  }
}
