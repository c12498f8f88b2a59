package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares two JSON values structurally, with numbers compared as float64 ({@code 1 == 1.0}) as in
 * Kyverno, where every JSON number is a float64 (pkg/utils/data DeepEqual on decoded JSON).
 *
 * <p>Iterative, so arbitrarily deep values cannot exhaust the stack.
 */
final class DeepEquality {

  private DeepEquality() {}

  /** Returns whether {@code a} and {@code b} are the same JSON value. */
  static boolean equal(JsonNode a, JsonNode b) {
    Deque<JsonNode[]> pending = new ArrayDeque<>();
    pending.push(new JsonNode[] {a, b});
    while (!pending.isEmpty()) {
      JsonNode[] pair = pending.pop();
      if (!shallowEqual(pair[0], pair[1], pending)) {
        return false;
      }
    }
    return true;
  }

  /** Compares one level and queues the children of containers. */
  private static boolean shallowEqual(JsonNode x, JsonNode y, Deque<JsonNode[]> pending) {
    if (x.isNumber() && y.isNumber()) {
      return numbersEqual(x, y);
    }
    if (x.getNodeType() != y.getNodeType()) {
      return false;
    }
    if (x.isArray()) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        pending.push(new JsonNode[] {x.get(i), y.get(i)});
      }
      return true;
    }
    if (x.isObject()) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = x.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode other = y.get(field.getKey());
        if (other == null) {
          return false;
        }
        pending.push(new JsonNode[] {field.getValue(), other});
      }
      return true;
    }
    return x.equals(y);
  }

  /**
   * Compares numbers as the float64 values Go decodes them to. A number beyond float64's range
   * ({@code 1e999}), which Go cannot decode at all, equals nothing, not even itself.
   */
  static boolean numbersEqual(JsonNode x, JsonNode y) {
    double a = x.doubleValue();
    double b = y.doubleValue();
    return Double.isFinite(a) && Double.isFinite(b) && a == b;
  }
}
