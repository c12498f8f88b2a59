package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One Kyverno attestation condition: {@code key <operator> value}, where key and value may contain
 * {@code {{ jmespath }}} expressions evaluated against the attestation predicate.
 *
 * <p>This is unvalidated policy data; {@link Conditions#parse} validates it, and
 * {@link Conditions#evaluate} treats an invalid condition as a violation (fail closed).
 *
 * @param key the key document (JSON); a string may contain {@code {{ }}} expressions
 * @param operator the operator name as written (case-insensitive, e.g. {@code GreaterThanOrEquals})
 * @param value the value document (JSON; {@code NullNode} for an explicit {@code null})
 * @param message the policy author's message, empty when none
 */
public record Condition(JsonNode key, String operator, JsonNode value, String message) {

  /** Rejects missing parts and normalises an absent message to the empty string. */
  public Condition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
    message = message == null ? "" : message;
  }
}
