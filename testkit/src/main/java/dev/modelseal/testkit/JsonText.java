package dev.modelseal.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds, parses and prints JSON trees: indented for files meant to be read by people too, compact
 * for bytes that get signed. Parsing keeps decimals as written ({@code 0.91} stays {@code 0.91}).
 */
final class JsonText {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
  private static final ObjectMapper INDENTED = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonText() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Returns the tree indented, with a final newline. */
  static String print(JsonNode node) {
    try {
      return INDENTED.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree built in memory cannot fail to print", e);
    }
  }

  /** Returns the tree without any whitespace, non-ASCII characters as they are (UTF-8 once encoded). */
  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree built in memory cannot fail to print", e);
    }
  }

  /** Parses {@code json}; {@code what} names it in the exception when it is not one JSON value. */
  static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses {@code json}, which must be a JSON object. */
  static ObjectNode parseObject(String json, String what) {
    JsonNode node = parse(json, what);
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(what + " must be a JSON object, got " + node.getNodeType());
    }
    return object;
  }
}
