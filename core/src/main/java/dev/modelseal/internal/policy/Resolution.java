package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The result of substituting the {@code {{ }}} expressions of a key or value: the resolved JSON value,
 * or a failure explaining which expression could not be resolved.
 *
 * @param value the resolved value, {@code null} on failure
 * @param failure why resolution failed, {@code null} on success
 */
record Resolution(JsonNode value, String failure) {

  static Resolution of(JsonNode value) {
    return new Resolution(value, null);
  }

  static Resolution failed(String failure) {
    return new Resolution(null, failure);
  }

  boolean failed() {
    return failure != null;
  }
}
