package dev.modelseal.internal.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the In family (In, AnyIn, AllIn, NotIn, AnyNotIn, AllNotIn) for a resolved key and value,
 * following pkg/engine/variables/operator/{in,anyin,allin,notin,anynotin,allnotin}.go.
 *
 * <p>Everything is compared as text, Go's {@code fmt.Sprint} of the value as Kyverno decodes it
 * ({@link JsonText#sprint}): {@code 1.0} is {@code "1"}, but {@code 1000000} is {@code "1e+06"} and
 * {@code 0.00001} is {@code "1e-05"}, so neither matches its positional spelling. A scalar key
 * is "in" a list value when it matches an element as a wildcard pattern in either direction. A list
 * key: AnyIn needs one element in the value, AllIn all of them, AnyNotIn one element not in it,
 * AllNotIn none in it. A string value is a list of one (matched as a wildcard), a JSON list of
 * strings, or an inclusive range such as {@code "1-10"}. A number or bool value is a list of one only
 * for AnyIn and AnyNotIn with a list key; everywhere else Kyverno treats it as an invalid type, so
 * the condition fails whatever the operator (also the negated ones). The deprecated In and NotIn keep
 * Kyverno's stricter rules: exact matches for list keys, string lists only, no ranges, and NotIn with
 * a list key passes when any element is missing.
 */
final class Membership {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Membership() {}

  /** Returns whether {@code key <op> value} holds, or why the operands cannot be compared. */
  static Outcome test(Operator op, JsonNode key, JsonNode value) {
    if (key.isArray()) {
      return listKey(op, key, value);
    }
    if (key.isTextual() || key.isNumber() || key.isBoolean()) {
      Outcome found = scalarFound(op, JsonText.sprint(key), value);
      return found.problem() != null ? found : Outcome.of(found.passed() != op.isNegated());
    }
    return Outcome.problem(op.displayName() + " needs a string, number, bool or list as key, not a "
        + JsonText.typeName(key));
  }

  /** Whether a scalar key is among the values (Kyverno's keyExistsInArray family). */
  private static Outcome scalarFound(Operator op, String key, JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (Wildcard.matchEitherWay(JsonText.sprint(element), key)) {
          return Outcome.of(true);
        }
      }
      return Outcome.of(false);
    }
    if (!value.isTextual()) {
      // Kyverno's {any,all,}KeyExistsInArray: only a list or a string holds values for a single key.
      return neverHolds(op, value, op.isLegacyMembership() ? "a list or string value"
          : "a list or string value for a single key");
    }
    String text = value.textValue();
    if (Wildcard.match(text, key)) {
      return Outcome.of(true);
    }
    if (!op.isLegacyMembership()) {
      Optional<Range> range = Range.parse(text);
      if (range.isPresent()) {
        return Outcome.of(range.get().contains(key));
      }
    }
    ListOrProblem list = stringList(op, text);
    return list.problem != null ? Outcome.problem(list.problem)
        : Outcome.of(list.values.contains(key));
  }

  /** A list key (Kyverno's setExistsInArray family). */
  private static Outcome listKey(Operator op, JsonNode key, JsonNode value) {
    List<String> keys = new ArrayList<>();
    for (JsonNode element : key) {
      if (op.isLegacyMembership() && !element.isTextual()) {
        return Outcome.problem(op.displayName() + " needs a list of strings as key (use AnyIn or "
            + "AllIn for other values), found a " + JsonText.typeName(element) + " in it");
      }
      keys.add(JsonText.sprint(element));
    }
    List<String> values;
    if (value.isArray()) {
      values = new ArrayList<>();
      for (JsonNode element : value) {
        if (op.isLegacyMembership() && !element.isTextual()) {
          return Outcome.problem(op.displayName() + " needs a list of strings as value, found a "
              + JsonText.typeName(element) + " in it");
        }
        values.add(JsonText.sprint(element));
      }
    } else if ((value.isNumber() || value.isBoolean())
        && (op == Operator.ANY_IN || op == Operator.ANY_NOT_IN)) {
      // Kyverno's anySetExistsInArray alone reads a number or bool as a list of one.
      values = List.of(JsonText.sprint(value));
    } else if (value.isTextual()) {
      String text = value.textValue();
      if (keys.size() == 1 && keys.get(0).equals(text)) {
        return Outcome.of(!op.isNegated());
      }
      Optional<Range> range = op.isLegacyMembership() ? Optional.empty() : Range.parse(text);
      if (range.isPresent()) {
        return inRange(op, keys, range.get());
      }
      ListOrProblem list = stringList(op, text);
      if (list.problem != null) {
        return Outcome.problem(list.problem);
      }
      values = list.values;
    } else {
      return neverHolds(op, value, op == Operator.ANY_IN || op == Operator.ANY_NOT_IN
          ? "a list, string, number or bool value" : "a list or string value");
    }
    return Outcome.of(op.isLegacyMembership() ? exactly(op, keys, values) : matching(op, keys, values));
  }

  /** Deprecated In / NotIn with a list key: exact set membership. */
  private static boolean exactly(Operator op, List<String> keys, List<String> values) {
    Set<String> set = new HashSet<>(values);
    boolean allPresent = set.containsAll(keys);
    return op == Operator.IN ? allPresent : !allPresent;
  }

  /** AnyIn, AllIn, AnyNotIn, AllNotIn with a list key: wildcard matching either way. */
  private static boolean matching(Operator op, List<String> keys, List<String> values) {
    int matched = 0;
    for (String key : keys) {
      if (values.stream().anyMatch(v -> Wildcard.matchEitherWay(key, v))) {
        matched++;
      }
    }
    return switch (op) {
      case ANY_IN -> matched > 0;
      case ALL_IN -> matched == keys.size();
      case ANY_NOT_IN -> matched < keys.size();
      case ALL_NOT_IN -> matched == 0;
      default -> throw new IllegalStateException(op.displayName());
    };
  }

  private static Outcome inRange(Operator op, List<String> keys, Range range) {
    return Outcome.of(switch (op) {
      case ANY_IN -> keys.stream().anyMatch(range::contains);
      case ALL_IN -> keys.stream().allMatch(range::contains);
      case ANY_NOT_IN -> keys.stream().anyMatch(range::excludes);
      case ALL_NOT_IN -> keys.stream().noneMatch(range::contains);
      default -> throw new IllegalStateException(op.displayName());
    });
  }

  /**
   * Reads a string value as a list: a JSON list of strings, or (except for In/NotIn, which require
   * JSON) the string itself when it is not JSON. Other JSON is a type error, as in Kyverno.
   */
  private static ListOrProblem stringList(Operator op, String text) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(text);
    } catch (JacksonException | RuntimeException e) {
      parsed = null;
    }
    if (parsed == null || parsed.isMissingNode()) {
      return op.isLegacyMembership()
          ? new ListOrProblem(null, op.displayName() + " needs a list value or a JSON list of "
              + "strings, found " + JsonText.render(
                  TextNode.valueOf(text), JsonText.MESSAGE_LIMIT))
          : new ListOrProblem(List.of(text), null);
    }
    if (parsed.isNull()) {
      return new ListOrProblem(List.of(), null);
    }
    List<String> values = new ArrayList<>();
    if (parsed.isArray()) {
      for (JsonNode element : parsed) {
        if (!element.isTextual()) {
          values = null;
          break;
        }
        values.add(element.textValue());
      }
    }
    return parsed.isArray() && values != null ? new ListOrProblem(values, null)
        : new ListOrProblem(null, "the value string holds JSON that is not a list of strings: "
            + JsonText.render(parsed, JsonText.MESSAGE_LIMIT));
  }

  /**
   * A value of a type Kyverno reports as invalid: the condition is false for every operator of the
   * family, the negated ones included, so a wrong type can never make a condition pass.
   */
  private static Outcome neverHolds(Operator op, JsonNode value, String accepted) {
    String hint = (value.isNumber() || value.isBoolean()) && !op.isLegacyMembership()
        ? " (write it as a list: [" + JsonText.render(value, JsonText.MESSAGE_LIMIT) + "])" : "";
    return Outcome.problem(op.displayName() + " needs " + accepted + "; with a "
        + JsonText.typeName(value) + " it is false, as in Kyverno" + hint);
  }

  /** A list read from a string value, or why it could not be read. */
  private record ListOrProblem(List<String> values, String problem) {}
}
