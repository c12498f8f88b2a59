package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JMESPath expression that is only a chain of field names and array indexes
 * ({@code eval.accuracy}, {@code "model-card".metrics[0]}), walked directly so that a field that is
 * absent can be told apart from a field that is explicitly {@code null}.
 *
 * <p>JMESPath answers {@code null} in both cases; Kyverno's JMESPath fork reports the absent one as
 * an {@code Unknown key} error (pkg/engine/validation_test.go), and so does ModelSeal (fail closed).
 */
final class PlainPath {

  private static final Pattern STEP = Pattern.compile(
      "([A-Za-z_][A-Za-z0-9_]*)|\"([^\"\\\\]*)\"|\\[(-?\\d{1,9})]");

  /** Each step is a field name ({@link String}) or an array index ({@link Integer}). */
  private final List<Object> steps;

  private PlainPath(List<Object> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Returns the path if {@code expression} is a plain field/index chain, else empty. */
  static Optional<PlainPath> parse(String expression) {
    Matcher m = STEP.matcher(expression);
    List<Object> steps = new ArrayList<>();
    int at = 0;
    while (at < expression.length()) {
      boolean isIndex = expression.charAt(at) == '[';
      if (!steps.isEmpty() && !isIndex) {
        if (expression.charAt(at) != '.') {
          return Optional.empty();
        }
        at++;
      }
      if (!m.region(at, expression.length()).lookingAt()) {
        return Optional.empty();
      }
      if (steps.isEmpty() && m.group(3) != null) {
        return Optional.empty();
      }
      steps.add(m.group(3) != null ? (Object) Integer.valueOf(m.group(3))
          : m.group(1) != null ? m.group(1) : m.group(2));
      at = m.end();
    }
    return steps.isEmpty() ? Optional.empty() : Optional.of(new PlainPath(steps));
  }

  /** Walks the path from {@code root}; empty when any step is absent (including past a null). */
  Optional<JsonNode> walk(JsonNode root) {
    JsonNode node = root;
    for (Object step : steps) {
      JsonNode next = null;
      if (step instanceof String field && node.isObject()) {
        next = node.get(field);
      } else if (step instanceof Integer index && node.isArray()) {
        int i = index < 0 ? node.size() + index : index;
        next = i >= 0 && i < node.size() ? node.get(i) : null;
      }
      if (next == null) {
        return Optional.empty();
      }
      node = next;
    }
    return Optional.of(node);
  }
}
