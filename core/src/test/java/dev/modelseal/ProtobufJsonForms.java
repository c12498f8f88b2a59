package dev.modelseal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Rewrites a Sigstore bundle or trusted root the way other conforming protobuf JSON writers may
 * write the same message, so tests can check that every form reads the same.
 */
final class ProtobufJsonForms {
  /** The int64 fields of bundles and trusted roots, written as JSON strings by the testkit. */
  private static final Set<String> INT64 = Set.of("logIndex", "integratedTime", "treeSize");
  /** io.intoto.Envelope's fields are named in lowerCamel in the .proto itself: no other spelling. */
  private static final String ENVELOPE = "dsseEnvelope";

  private ProtobufJsonForms() {}

  /** Every named form, each applied alone, then all of them together. */
  static Map<String, UnaryOperator<JsonNode>> all() {
    return Map.of(
        "defaults omitted (sigstore-js, Go protojson)", ProtobufJsonForms::omitDefaults,
        "original proto field names", ProtobufJsonForms::protoNames,
        "int64 as JSON numbers", ProtobufJsonForms::int64AsNumbers,
        "all of them", n -> omitDefaults(protoNames(int64AsNumbers(n))));
  }

  /** Leaves out every field holding its default value, as conforming writers do. */
  static JsonNode omitDefaults(JsonNode node) {
    return rewrite(node, (name, v) -> {
      boolean isDefault = v.isNull()
          || (v.isTextual() && v.textValue().isEmpty())
          || (INT64.contains(name) && v.isTextual() && v.textValue().equals("0"))
          || (v.isNumber() && v.decimalValue().signum() == 0)
          || (v.isBoolean() && !v.booleanValue())
          || (v.isArray() && v.isEmpty());
      return isDefault ? null : Map.entry(name, omitDefaults(v));
    });
  }

  /** Spells every field by its original proto name ({@code logIndex → log_index}). */
  static JsonNode protoNames(JsonNode node) {
    return rewrite(node, (name, v) -> Map.entry(snake(name), name.equals(ENVELOPE) ? v : protoNames(v)));
  }

  /** Writes every int64 as a JSON number instead of a string. */
  static JsonNode int64AsNumbers(JsonNode node) {
    return rewrite(node, (name, v) -> Map.entry(name, INT64.contains(name) && v.isTextual()
        ? JsonNodeFactory.instance.numberNode(Long.parseLong(v.textValue()))
        : int64AsNumbers(v)));
  }

  /**
   * Rebuilds {@code node}, mapping each object field through {@code field} (which recurses as it
   * needs; null drops the field) and each array element through the same rewrite.
   */
  private static JsonNode rewrite(JsonNode node, BiFunction<String, JsonNode, Map.Entry<String, JsonNode>> field) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      o.fields().forEachRemaining(f -> {
        Map.Entry<String, JsonNode> mapped = field.apply(f.getKey(), f.getValue());
        if (mapped != null) {
          out.set(mapped.getKey(), mapped.getValue());
        }
      });
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      a.forEach(e -> out.add(rewrite(e, field)));
      return out;
    }
    return node;
  }

  static String snake(String lowerCamel) {
    StringBuilder out = new StringBuilder();
    for (char c : lowerCamel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
