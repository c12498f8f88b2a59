package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Parses and evaluates Kyverno-compatible attestation conditions against an attestation predicate,
 * failing closed: a key not found in the predicate, an invalid condition and operands that cannot be
 * compared are all violations, and evaluation never throws on any predicate content.
 *
 * <p>Semantics follow Kyverno (pkg/engine/variables/evaluate.go): blocks are ANDed; within a block
 * every {@code all} condition must pass and, when {@code any} is present, at least one {@code any}
 * condition must pass; an explicitly empty {@code any} never passes. {@code {{ expr }}} is JMESPath
 * with the predicate as root. Unlike Kyverno, which stops at the first failure, every failing
 * condition is reported.
 */
public final class Conditions {

  private Conditions() {}

  /**
   * Parses Kyverno's {@code conditions:} list, a JSON array of {@code {all: [...], any: [...]}}
   * blocks, validating operators, expressions and value types.
   *
   * @throws IllegalArgumentException naming the offending entry, e.g. an unknown or deprecated
   *     operator (the message lists the valid ones), a missing key/operator/value, a wrong type, or an
   *     invalid or over-long {@code {{ }}} expression
   */
  public static List<ConditionBlock> parse(JsonNode conditionsArray) {
    return ConditionsParser.parse(conditionsArray);
  }

  /**
   * Evaluates all blocks against {@code predicate} (the JMESPath root) and returns the violations,
   * empty when every block passes.
   */
  public static List<Violation> evaluate(List<ConditionBlock> blocks, JsonNode predicate) {
    return evaluate(blocks, predicate, held -> { });
  }

  /**
   * Like {@link #evaluate(List, JsonNode)}, and tells {@code held} what each condition that held
   * compared ({@code key: found X, Operator Y}): every {@code all} condition that passed and, for an
   * {@code any} list that passed, the condition that made it pass.
   */
  public static List<Violation> evaluate(List<ConditionBlock> blocks, JsonNode predicate, Consumer<String> held) {
    Objects.requireNonNull(blocks, "blocks");
    Objects.requireNonNull(held, "held");
    JsonNode root = predicate == null ? NullNode.getInstance() : predicate;
    List<Violation> violations = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      ConditionBlock block = blocks.get(b);
      for (Condition condition : block.all()) {
        evaluate(condition, root, held).ifPresent(violations::add);
      }
      if (block.any() != null) {
        violations.addAll(evaluateAny(b, block.any(), root, held));
      }
    }
    return List.copyOf(violations);
  }

  /** Returns no violations if one condition passes, otherwise one per condition. */
  private static List<Violation> evaluateAny(int block, List<Condition> any, JsonNode root, Consumer<String> held) {
    if (any.isEmpty()) {
      return List.of(new Violation("conditions[" + block + "].any", "any",
          "conditions[" + block + "].any is an explicitly empty list, which never passes"));
    }
    List<Violation> failed = new ArrayList<>();
    for (Condition condition : any) {
      Optional<Violation> violation = evaluate(condition, root, held);
      if (violation.isEmpty()) {
        return List.of();
      }
      failed.add(violation.get());
    }
    return failed.stream()
        .map(v -> new Violation(v.key(), v.operator(), v.message()
            + " (none of the " + any.size() + " 'any' conditions of conditions[" + block
            + "] passed)"))
        .toList();
  }

  private static Optional<Violation> evaluate(Condition condition, JsonNode root, Consumer<String> held) {
    CompiledCondition compiled;
    try {
      compiled = CompiledCondition.compile(condition);
    } catch (IllegalArgumentException e) {
      return Optional.of(new Violation(CompiledCondition.keyName(condition.key()),
          condition.operator(), "invalid condition: " + e.getMessage()));
    }
    try {
      return compiled.evaluate(root, held);
    } catch (RuntimeException e) {
      // Defence in depth: a bug in an operator must fail the condition, never admit the model.
      return Optional.of(new Violation(CompiledCondition.keyName(condition.key()),
          condition.operator(), "condition could not be evaluated: " + e));
    }
  }
}
