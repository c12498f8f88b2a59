package dev.modelseal.internal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds conditions and predicates from JSON text for the tests. */
final class Fixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One {@code all} block holding one condition, parsed through the public API. */
  static List<ConditionBlock> single(String keyJson, String operator, String valueJson) {
    return Conditions.parse(json("[{\"all\":[{\"key\":" + keyJson + ",\"operator\":\"" + operator
        + "\",\"value\":" + valueJson + "}]}]"));
  }

  static List<Violation> check(String keyJson, String operator, String valueJson,
      String predicateJson) {
    return Conditions.evaluate(single(keyJson, operator, valueJson), json(predicateJson));
  }

  static boolean passes(String keyJson, String operator, String valueJson) {
    return check(keyJson, operator, valueJson, "{}").isEmpty();
  }
}
