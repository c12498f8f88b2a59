package dev.modelseal.internal.policy;

import java.util.Objects;

/**
 * One failed attestation condition, naming the key and saying what was expected and what was found.
 *
 * @param key the condition's key as the policy author wrote it (the expression, e.g.
 *     {@code eval.accuracy}, when the key is a single {@code {{ }}} expression)
 * @param operator the canonical operator name (e.g. {@code GreaterThanOrEquals})
 * @param message a human-readable explanation: expected versus found, or why it could not be checked
 */
public record Violation(String key, String operator, String message) {

  /** Rejects missing parts. */
  public Violation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(message, "message");
  }
}
