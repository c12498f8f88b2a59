package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One validated condition, ready to evaluate: its operator is known, its {@code {{ }}} expressions
 * are compiled within their limits, and a literal value has a type the operator can use.
 *
 * <p>Evaluation never throws: a key or value that cannot be resolved (for instance a path not found
 * in the predicate) and operands that cannot be compared are violations.
 */
final class CompiledCondition {

  private final Operator operator;
  private final Template key;
  private final Template value;
  private final String keyName;
  private final String message;

  private CompiledCondition(Operator operator, Template key, Template value, String keyName,
      String message) {
    this.operator = operator;
    this.key = key;
    this.value = value;
    this.keyName = keyName;
    this.message = message;
  }

  /**
   * Validates and compiles a condition.
   *
   * @throws IllegalArgumentException naming the part (operator, key or value) that is invalid
   */
  static CompiledCondition compile(Condition condition) {
    Operator operator = Operator.named(condition.operator());
    Template key = compilePart("key", condition.key());
    Template value = compilePart("value", condition.value());
    if (value.isLiteral()) {
      checkLiteralValue(operator, condition.value());
    }
    return new CompiledCondition(operator, key, value, keyName(condition.key()),
        condition.message());
  }

  /**
   * Evaluates the condition against the predicate; empty when it passes, in which case {@code held}
   * is told what was compared, e.g. {@code eval.accuracy: found 0.91, GreaterThanOrEquals 0.85}.
   */
  Optional<Violation> evaluate(JsonNode predicate, Consumer<String> held) {
    Resolution k = key.resolve(predicate);
    if (k.failed()) {
      return violation(k.failure());
    }
    Resolution v = value.resolve(predicate);
    if (v.failed()) {
      return violation(keyName + ": cannot resolve the value: " + v.failure());
    }
    Outcome outcome = operator.apply(k.value(), v.value());
    if (outcome.passed()) {
      held.accept(keyName + ": found " + JsonText.render(k.value(), JsonText.MESSAGE_LIMIT) + ", "
          + operator.displayName() + " " + JsonText.render(v.value(), JsonText.MESSAGE_LIMIT));
      return Optional.empty();
    }
    return violation(keyName + ": expected " + operator.displayName() + " "
        + JsonText.render(v.value(), JsonText.MESSAGE_LIMIT) + ", found "
        + JsonText.render(k.value(), JsonText.MESSAGE_LIMIT)
        + (outcome.problem() == null ? "" : " (" + outcome.problem() + ")"));
  }

  /** Names a key for violations: the expression when the key is one {@code {{ }}}, else its text. */
  static String keyName(JsonNode key) {
    if (key.isTextual()) {
      String text = key.textValue();
      if (TemplateText.hasVariables(text)) {
        try {
          return TemplateText.parse(text).soleExpression().orElse(text);
        } catch (IllegalArgumentException e) {
          return text;
        }
      }
      return text;
    }
    return JsonText.render(key, JsonText.MESSAGE_LIMIT);
  }

  private Optional<Violation> violation(String text) {
    String full = message.isBlank() ? text : text + "; " + message;
    return Optional.of(new Violation(keyName, operator.displayName(), full));
  }

  private static Template compilePart(String part, JsonNode document) {
    try {
      return Template.compile(document);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(part + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rejects literal values that can never satisfy the operator, so typos fail at parse time. A
   * number for In or NotIn is the exception: Kyverno accepts such a policy and evaluates the
   * condition to false, and so does ModelSeal ({@link Membership}).
   */
  private static void checkLiteralValue(Operator operator, JsonNode value) {
    boolean usable;
    String expected;
    if (operator.isNumeric()) {
      usable = value.isNumber() || value.isTextual();
      expected = "a number or a string";
    } else if (operator.isMembership()) {
      usable = value.isArray() || value.isTextual() || value.isNumber()
          || (!operator.isLegacyMembership() && value.isBoolean());
      expected = operator.isLegacyMembership() ? "a list or a string"
          : "a list, a string, a number or a bool";
    } else {
      return;
    }
    if (!usable) {
      throw new IllegalArgumentException("value: " + operator.displayName() + " needs " + expected
          + ", found a " + JsonText.typeName(value));
    }
  }
}
