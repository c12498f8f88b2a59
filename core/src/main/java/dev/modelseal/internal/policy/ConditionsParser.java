package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads Kyverno's {@code conditions:} list ({@code [{all: [...], any: [...]}, ...]}) into
 * {@link ConditionBlock}s, rejecting anything malformed with a message that says where.
 *
 * <p>Stricter than Kyverno on purpose: unknown fields (e.g. a misspelt {@code alll}), a block with
 * neither {@code all} nor {@code any}, and a condition without {@code value} are errors, because a
 * silently ignored condition would weaken the policy.
 */
final class ConditionsParser {

  private static final Set<String> BLOCK_FIELDS = Set.of("all", "any");
  private static final Set<String> CONDITION_FIELDS = Set.of("key", "operator", "value", "message");

  private ConditionsParser() {}

  /** Parses and validates the whole list. */
  static List<ConditionBlock> parse(JsonNode conditions) {
    if (conditions == null || !conditions.isArray()) {
      throw new IllegalArgumentException("conditions: expected a list of {all, any} blocks, found "
          + (conditions == null || conditions.isMissingNode() ? "nothing"
              : "a " + JsonText.typeName(conditions)));
    }
    List<ConditionBlock> blocks = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      blocks.add(block(conditions.get(i), "conditions[" + i + "]"));
    }
    return List.copyOf(blocks);
  }

  private static ConditionBlock block(JsonNode node, String where) {
    requireObject(node, where, BLOCK_FIELDS);
    List<Condition> all = list(node.get("all"), where + ".all");
    List<Condition> any = list(node.get("any"), where + ".any");
    if (all == null && any == null) {
      throw new IllegalArgumentException(where + ": a block needs an 'all' or an 'any' list");
    }
    return new ConditionBlock(all, any);
  }

  /** Returns the conditions of an {@code all}/{@code any} list, or null when it is absent. */
  private static List<Condition> list(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + ": expected a list of conditions, found a "
          + JsonText.typeName(node));
    }
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      conditions.add(condition(node.get(i), where + "[" + i + "]"));
    }
    return conditions;
  }

  private static Condition condition(JsonNode node, String where) {
    requireObject(node, where, CONDITION_FIELDS);
    for (String required : List.of("key", "operator", "value")) {
      if (!node.has(required)) {
        throw new IllegalArgumentException(where + ": missing '" + required + "'");
      }
    }
    JsonNode operator = node.get("operator");
    if (!operator.isTextual()) {
      throw new IllegalArgumentException(where + ".operator: expected a string, found a "
          + JsonText.typeName(operator));
    }
    JsonNode message = node.get("message");
    if (message != null && !message.isNull() && !message.isTextual()) {
      throw new IllegalArgumentException(where + ".message: expected a string, found a "
          + JsonText.typeName(message));
    }
    Condition condition = new Condition(node.get("key"), operator.textValue(), node.get("value"),
        message == null || message.isNull() ? "" : message.textValue());
    try {
      CompiledCondition.compile(condition);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    // Copies (depth already capped by compile) so later changes to the caller's tree cannot alter
    // a parsed policy.
    return new Condition(condition.key().deepCopy(), condition.operator(),
        condition.value().deepCopy(), condition.message());
  }

  private static void requireObject(JsonNode node, String where, Set<String> allowed) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object, found a "
          + JsonText.typeName(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown field '" + name + "' (expected "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }
}
