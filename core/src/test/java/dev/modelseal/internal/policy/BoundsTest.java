package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundsTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static String condition(String key, String operator, String value) {
    return "[{\"all\":[{\"key\":" + key + ",\"operator\":\"" + operator + "\",\"value\":" + value
        + "}]}]";
  }

  @Test
  void acceptsAnExpressionOfExactlyTheLimit() {
    String expression = "a" + ".b".repeat((JmesPathQuery.MAX_LENGTH - 1) / 2);
    assertThat(expression).hasSize(JmesPathQuery.MAX_LENGTH - 1);

    assertThat(Conditions.parse(json(condition("\"{{ " + expression + "x }}\"", "Equals", "1"))))
        .hasSize(1);
  }

  @Test
  void rejectsAnExpressionOverTheLimit() {
    String expression = "a".repeat(JmesPathQuery.MAX_LENGTH + 1);

    assertThatThrownBy(() -> Conditions.parse(json(condition("\"{{ " + expression + " }}\"",
        "Equals", "1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conditions[0].all[0]: key: expression is 1025 characters long; the limit "
            + "is 1024");
  }

  @Test
  void rejectsDeepNestingBeforeParsingIt() {
    String parens = "(".repeat(400) + "a" + ")".repeat(400);
    String negations = "!".repeat(1000) + "a";

    for (String expression : List.of(parens, negations)) {
      assertThatThrownBy(() -> Conditions.parse(json(condition("\"{{ " + expression + " }}\"",
          "Equals", "1"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is nested deeper than 32 levels");
    }
  }

  @Test
  void acceptsModerateNesting() {
    String expression = "(".repeat(20) + "a" + ")".repeat(20);

    assertThat(Conditions.evaluate(Conditions.parse(json(condition("\"{{ " + expression + " }}\"",
        "Equals", "1"))), json("{\"a\":1}"))).isEmpty();
  }

  @Test
  void rejectsAnOverlongTemplateString() {
    String text = "x".repeat(TemplateText.MAX_LENGTH) + "{{ a }}";

    assertThatThrownBy(() -> Conditions.parse(json(condition("\"" + text + "\"", "Equals", "1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the limit is 4096");
  }

  @Test
  void rejectsADeeplyNestedValueDocument() {
    String value = "[".repeat(20) + "\"{{ a }}\"" + "]".repeat(20);

    assertThatThrownBy(() -> Conditions.parse(json(condition("1", "Equals", value))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("conditions[0].all[0]: value: the document is nested deeper than 16 levels");
  }

  @Test
  void aVeryDeepPredicateCannotExhaustTheStack() {
    JsonNode deep = chain(200_000);
    ObjectNode predicate = NODES.objectNode();
    predicate.set("deep", deep);
    predicate.set("twin", chain(200_000));

    List<Violation> rendered = Conditions.evaluate(Conditions.parse(json(condition(
        "\"{{ to_string(deep) }}\"", "Equals", "\"x\""))), predicate);
    List<Violation> compared = Conditions.evaluate(Conditions.parse(json(condition(
        "\"{{ deep }}\"", "NotEquals", "\"{{ twin }}\""))), predicate);
    List<Violation> interpolated = Conditions.evaluate(Conditions.parse(json(condition(
        "\"x{{ deep }}\"", "Equals", "\"x\""))), predicate);
    List<Violation> member = Conditions.evaluate(Conditions.parse(json(condition(
        "\"{{ deep }}\"", "AnyIn", "[\"a\"]"))), predicate);

    assertThat(rendered).singleElement().extracting(Violation::message).asString()
        .contains("cannot be evaluated");
    assertThat(compared).singleElement().extracting(Violation::message).asString()
        .startsWith("deep: expected NotEquals {\"a\":{\"a\":").endsWith("...");
    assertThat(interpolated).hasSize(1);
    assertThat(member).hasSize(1);
  }

  @Test
  void aHugePredicateIsEvaluated() {
    ArrayNode items = NODES.arrayNode();
    for (int i = 0; i < 100_000; i++) {
      items.add(NODES.objectNode().put("name", "item-" + i).put("score", i));
    }
    ObjectNode predicate = NODES.objectNode();
    predicate.set("items", items);

    assertThat(Conditions.evaluate(Conditions.parse(json(condition(
        "\"{{ length(items[?score >= `50000`]) }}\"", "Equals", "50000"))), predicate)).isEmpty();
    assertThat(Conditions.evaluate(Conditions.parse(json(condition(
        "\"{{ items[*].name }}\"", "AllIn", "[\"item-*\"]"))), predicate)).isEmpty();
  }

  private static JsonNode chain(int depth) {
    JsonNode node = NODES.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      ObjectNode parent = NODES.objectNode();
      parent.set("a", node);
      node = parent;
    }
    return node;
  }
}
