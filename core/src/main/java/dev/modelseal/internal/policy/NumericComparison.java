package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Decides Kyverno's GreaterThan, GreaterThanOrEquals, LessThan and LessThanOrEquals for a resolved
 * key and value, following pkg/engine/variables/operator/numeric.go.
 *
 * <p>Interpretations are tried in Kyverno's order: Go durations (a number on the other side counts
 * as seconds), Kubernetes quantities (both strings: {@code "1Gi" > "512Mi"}), numbers and numeric
 * strings compared as float64 ({@code "0.90000000000000001" > 0.9} fails, as in Kyverno), then
 * semantic versions (both strings: {@code "1.10.0" > "1.9.2"}). Operands that fit none
 * of these, and bools, lists, objects and null, fail with an explanation.
 */
final class NumericComparison {

  private NumericComparison() {}

  /** Returns whether {@code key <op> value} holds. */
  static Outcome compare(Operator op, JsonNode key, JsonNode value) {
    if (key.isNumber()) {
      OptionalDouble number = Numbers.of(key);
      return number.isPresent()
          ? compareNumber(op, key, number.getAsDouble(), value)
          : Outcome.problem("the key is not a finite number");
    }
    if (key.isTextual()) {
      return compareString(op, key, value);
    }
    return Outcome.problem(op.displayName() + " compares numbers, numeric strings, quantities, "
        + "durations and versions, not a " + JsonText.typeName(key));
  }

  private static Outcome compareNumber(Operator op, JsonNode key, double k, JsonNode value) {
    if (value.isNumber()) {
      OptionalDouble v = Numbers.of(value);
      return v.isPresent()
          ? Outcome.of(op.accepts(Numbers.compare(k, v.getAsDouble())))
          : Outcome.problem("the value is not a finite number");
    }
    if (!value.isTextual()) {
      return Outcome.problem("cannot compare a number with a " + JsonText.typeName(value));
    }
    Optional<GoDuration.Pair> durations = GoDuration.pair(key, value);
    if (durations.isPresent()) {
      return durations.get().outcome(op::accepts);
    }
    OptionalDouble v = Numbers.parse(value.textValue());
    return v.isPresent()
        ? Outcome.of(op.accepts(Numbers.compare(k, v.getAsDouble())))
        : Outcome.problem(quoted(value) + " is not a number");
  }

  private static Outcome compareString(Operator op, JsonNode key, JsonNode value) {
    String text = key.textValue();
    Optional<GoDuration.Pair> durations = GoDuration.pair(key, value);
    if (durations.isPresent()) {
      return durations.get().outcome(op::accepts);
    }
    if (value.isTextual()) {
      Optional<BigDecimal> k = Quantity.parse(text);
      Optional<BigDecimal> v = Quantity.parse(value.textValue());
      if (k.isPresent() && v.isPresent()) {
        return Outcome.of(op.accepts(k.get().compareTo(v.get())));
      }
    }
    OptionalDouble number = Numbers.parse(text);
    if (number.isPresent()) {
      return compareNumber(op, key, number.getAsDouble(), value);
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
