package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Decides Kyverno's {@code Equals} and {@code NotEquals} for a resolved key and value, following
 * pkg/engine/variables/operator/equal.go and notequal.go.
 *
 * <p>By key type: a bool equals only a bool (never {@code "true"}); a number equals a number or
 * numeric string by float64 value, as Kyverno decodes and parses numbers
 * ({@code 1 == 1.0 == "1.0"}, and {@code 0.9 == "0.90000000000000001"}); a string is compared first as a Go duration
 * ({@code "1h"} equals {@code 3600} and {@code "60m"}), then as a Kubernetes quantity when the value
 * is a string too ({@code "1Gi"} equals {@code "1024Mi"}), else by wildcard pattern ({@code *},
 * {@code ?}) taken from the value, and never equals a number otherwise ({@code "0.91"} is not
 * {@code 0.91}); lists and objects are compared structurally; a {@code null} key equals nothing, not
 * even {@code null}.
 *
 * <p>{@code NotEquals} is the negation of {@code Equals} except in two cases, where both fail: a
 * {@code null} key (Kyverno's answer too, for every value), and a numeric string key with a number
 * of the same value ({@code "0.91"} and {@code 0.91}). Kyverno's NotEquals passes the latter without
 * comparing the two; no Kyverno test or document covers it, and ModelSeal deliberately fails it.
 */
final class Equality {

  private Equality() {}

  /** Returns whether {@code key} equals {@code value}, with a hint when their types never match. */
  static Outcome equalsOutcome(JsonNode key, JsonNode value) {
    if (key.isNull() || key.isMissingNode()) {
      return Outcome.problem("a null key never equals anything, as in Kyverno");
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

  /** Returns whether {@code key} differs from {@code value}: the class comment says when. */
  static Outcome notEqualsOutcome(JsonNode key, JsonNode value) {
    if (key.isNull() || key.isMissingNode()) {
      // notequal.go's default branch answers false, as equal.go's does.
      return Outcome.problem("a null key fails NotEquals as well as Equals, as in Kyverno");
    }
    // Only a string key is read as a duration (equal.go's string branch); an undecidable pair fails
    // NotEquals as well as Equals.
    Optional<GoDuration.Pair> durations =
        key.isTextual() ? GoDuration.pair(key, value) : Optional.empty();
    if (durations.isPresent()) {
      return durations.get().outcome(c -> c != 0);
    }
    if (key.isTextual() && value.isNumber()) {
      OptionalDouble found = Numbers.parse(key.textValue());
      OptionalDouble expected = Numbers.of(value);
      if (found.isPresent() && expected.isPresent()
          && found.getAsDouble() == expected.getAsDouble()) {
        return Outcome.problem("the string holds the same number; ModelSeal fails NotEquals here,"
            + " although Kyverno, which never compares a string key with a number, passes it");
      }
    }
    return Outcome.of(!equalsOutcome(key, value).passed());
  }

  private static Outcome numberEquals(JsonNode key, JsonNode value) {
    if (value.isNumber()) {
      return Outcome.of(DeepEquality.numbersEqual(key, value));
    }
    if (!value.isTextual()) {
      return mismatch(key, value);
    }
    OptionalDouble expected = Numbers.parse(value.textValue());
    OptionalDouble found = Numbers.of(key);
    if (expected.isEmpty()) {
      return Outcome.problem(JsonText.render(value, JsonText.MESSAGE_LIMIT) + " is not a number");
    }
    return Outcome.of(found.isPresent() && found.getAsDouble() == expected.getAsDouble());
  }

  private static Outcome stringEquals(String key, JsonNode value) {
    Optional<GoDuration.Pair> durations = GoDuration.pair(TextNode.valueOf(key), value);
    if (durations.isPresent()) {
      return durations.get().outcome(c -> c == 0);
    }
    if (value.isNumber()) {
      // equal.go's string branch never reads the key as a number, so "0.91" is not 0.91.
      String hint = Quantity.parse(key).isPresent()
          ? "; to compare by value, write the value as a string: \"" + JsonText.plain(value)
              + "\""
          : "";
      return Outcome.problem("a string never equals a number, as in Kyverno" + hint);
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
