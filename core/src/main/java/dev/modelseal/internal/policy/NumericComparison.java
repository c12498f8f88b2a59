package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Decides Kyverno's GreaterThan, GreaterThanOrEquals, LessThan and LessThanOrEquals for a resolved
 * key and value, following pkg/engine/variables/operator/numeric.go.
 *
 * <p>Interpretations are tried in Kyverno's order: Go durations (a number on the other side counts
 * as seconds), Kubernetes quantities (both strings: {@code "1Gi" > "512Mi"}), numbers and numeric
 * strings, then semantic versions (both strings: {@code "1.10.0" > "1.9.2"}). Operands that fit none
 * of these, and bools, lists, objects and null, fail with an explanation.
 */
final class NumericComparison {

  private NumericComparison() {}

  /** Returns whether {@code key <op> value} holds. */
  static Outcome compare(Operator op, JsonNode key, JsonNode value) {
    if (key.isNumber()) {
      Optional<BigDecimal> number = Numbers.of(key);
      return number.isPresent()
          ? compareNumber(op, key, number.get(), value)
          : Outcome.problem("the key is not a finite number");
    }
    if (key.isTextual()) {
      return compareString(op, key, value);
    }
    return Outcome.problem(op.displayName() + " compares numbers, numeric strings, quantities, "
        + "durations and versions, not a " + JsonText.typeName(key));
  }

  private static Outcome compareNumber(Operator op, JsonNode key, BigDecimal k, JsonNode value) {
    if (value.isNumber()) {
      Optional<BigDecimal> v = Numbers.of(value);
      return v.isPresent()
          ? Outcome.of(op.accepts(k.compareTo(v.get())))
          : Outcome.problem("the value is not a finite number");
    }
    if (!value.isTextual()) {
      return Outcome.problem("cannot compare a number with a " + JsonText.typeName(value));
    }
    Optional<GoDuration.Pair> durations = GoDuration.pair(key, value);
    if (durations.isPresent()) {
      return Outcome.of(op.accepts(durations.get().compare()));
    }
    Optional<BigDecimal> v = Numbers.parse(value.textValue());
    return v.isPresent()
        ? Outcome.of(op.accepts(k.compareTo(v.get())))
        : Outcome.problem(quoted(value) + " is not a number");
  }

  private static Outcome compareString(Operator op, JsonNode key, JsonNode value) {
    String text = key.textValue();
    Optional<GoDuration.Pair> durations = GoDuration.pair(key, value);
    if (durations.isPresent()) {
      return Outcome.of(op.accepts(durations.get().compare()));
    }
    if (value.isTextual()) {
      Optional<BigDecimal> k = Quantity.parse(text);
      Optional<BigDecimal> v = Quantity.parse(value.textValue());
      if (k.isPresent() && v.isPresent()) {
        return Outcome.of(op.accepts(k.get().compareTo(v.get())));
      }
    }
    Optional<BigDecimal> number = Numbers.parse(text);
    if (number.isPresent()) {
      return compareNumber(op, key, number.get(), value);
    }
    Optional<SemVer> version = SemVer.parse(text);
    if (version.isPresent()) {
      Optional<SemVer> other = value.isTextual() ? SemVer.parse(value.textValue()) : Optional.empty();
      return other.isPresent()
          ? Outcome.of(op.accepts(version.get().compareTo(other.get())))
          : Outcome.problem("the key is a semantic version but " + quoted(value) + " is not");
    }
    return Outcome.problem(quoted(key)
        + " is not a number, quantity, duration or semantic version");
  }

  private static String quoted(JsonNode node) {
    return JsonText.render(node, JsonText.MESSAGE_LIMIT);
  }
}
