package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Decides Kyverno's {@code Equals} (and, by negation, {@code NotEquals}) for a resolved key and value,
 * following pkg/engine/variables/operator/equal.go.
 *
 * <p>By key type: a bool equals only a bool (never {@code "true"}); a number equals a number or
 * numeric string by value ({@code 1 == 1.0 == "1.0"}); a string is compared first as a Go duration
 * ({@code "1h"} equals {@code 3600} and {@code "60m"}), then by value against a number, then as a
 * Kubernetes quantity when the value is a string too ({@code "1Gi"} equals {@code "1024Mi"}), else by
 * wildcard pattern ({@code *}, {@code ?}) taken from the value; lists and objects are compared
 * structurally. Two deliberate departures from Kyverno, which answers false in both cases: a numeric
 * string key equals a number value by value, and {@code null} equals {@code null}.
 */
final class Equality {

  private Equality() {}

  /** Returns whether {@code key} equals {@code value}, with a hint when their types never match. */
  static Outcome equalsOutcome(JsonNode key, JsonNode value) {
    if (key.isNull() || key.isMissingNode()) {
      return value.isNull() ? Outcome.of(true) : mismatch(key, value);
    }
    if (key.isBoolean()) {
      return value.isBoolean()
          ? Outcome.of(key.booleanValue() == value.booleanValue()) : mismatch(key, value);
    }
    if (key.isNumber()) {
      return numberEquals(key, value);
    }
    if (key.isTextual()) {
      return stringEquals(key.textValue(), value);
    }
    if (key.getNodeType() == value.getNodeType()) {
      return Outcome.of(DeepEquality.equal(key, value));
    }
    return mismatch(key, value);
  }

  private static Outcome numberEquals(JsonNode key, JsonNode value) {
    if (value.isNumber()) {
      return Outcome.of(DeepEquality.numbersEqual(key, value));
    }
    if (!value.isTextual()) {
      return mismatch(key, value);
    }
    Optional<BigDecimal> expected = Numbers.parse(value.textValue());
    Optional<BigDecimal> found = Numbers.of(key);
    if (expected.isEmpty()) {
      return Outcome.problem(JsonText.render(value, JsonText.MESSAGE_LIMIT) + " is not a number");
    }
    return Outcome.of(found.isPresent() && found.get().compareTo(expected.get()) == 0);
  }

  private static Outcome stringEquals(String key, JsonNode value) {
    Optional<GoDuration.Pair> durations = GoDuration.pair(TextNode.valueOf(key), value);
    if (durations.isPresent()) {
      return Outcome.of(durations.get().compare() == 0);
    }
    if (value.isNumber()) {
      // Kyverno answers false here (its string branch never parses the key); ModelSeal compares
      // by value so that "0.91" == 0.91 holds in both directions.
      return numberEquals(value, TextNode.valueOf(key));
    }
    Optional<BigDecimal> quantity = Quantity.parse(key);
    if (quantity.isPresent() && value.isTextual()) {
      // Kyverno compares a numeric key as a quantity, so a wildcard value never matches it.
      Optional<BigDecimal> expected = Quantity.parse(value.textValue());
      return expected.isPresent()
          ? Outcome.of(quantity.get().compareTo(expected.get()) == 0)
          : Outcome.problem("the key is numeric, so the value must be a number or quantity "
              + "(wildcards do not apply to numeric strings)");
    }
    if (value.isTextual()) {
      return Outcome.of(Wildcard.match(value.textValue(), key));
    }
    return mismatch(TextNode.valueOf(key), value);
  }

  private static Outcome mismatch(JsonNode key, JsonNode value) {
    return Outcome.problem("a " + JsonText.typeName(key) + " never equals a "
        + JsonText.typeName(value));
  }
}
