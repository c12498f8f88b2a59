package dev.modelseal.internal.policy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns JSON values into text, iteratively so that arbitrarily deep values cannot exhaust the stack.
 *
 * <p>{@link #sprint} is the text the In family matches, Go's {@code fmt.Sprint} of the decoded value
 * ({@code 1e+06}, {@code [a 1]}, {@code map[k:v]}, {@code <nil>}); {@link #plain} is the text of
 * {@code {{ }}} interpolation, compact JSON with numbers as Go's {@code encoding/json} writes them
 * ({@code 1000000}, {@code 1e-7}); {@link #render} is the bounded, quoted form used in violation
 * messages.
 */
final class JsonText {

  /** Longest rendering of a value inside a violation message. */
  static final int MESSAGE_LIMIT = 120;

  private JsonText() {}

  /** Returns the string itself for text nodes, otherwise compact JSON with Go's JSON numbers. */
  static String plain(JsonNode node) {
    return node.isTextual() ? node.textValue() : write(node, Style.GO_JSON, Integer.MAX_VALUE);
  }

  /**
   * Returns Go's {@code fmt.Sprint} of the value Kyverno decodes from this JSON: strings unquoted,
   * numbers as float64 {@code %v}, lists as {@code [a b]}, objects as {@code map[k:v]} with keys
   * sorted, null as {@code <nil>}.
   */
  static String sprint(JsonNode node) {
    return write(node, Style.GO_SPRINT, Integer.MAX_VALUE);
  }

  /** Returns compact JSON for messages (strings quoted, numbers as given), cut at {@code max} chars. */
  static String render(JsonNode node, int max) {
    return write(node, Style.MESSAGE, max);
  }

  /** Names the JSON type of a value for messages: string, number, bool, null, list or object. */
  static String typeName(JsonNode node) {
    if (node.isTextual()) {
      return "string";
    } else if (node.isNumber()) {
      return "number";
    } else if (node.isBoolean()) {
      return "bool";
    } else if (node.isArray()) {
      return "list";
    } else if (node.isObject()) {
      return "object";
    }
    return "null";
  }

  private static String write(JsonNode root, Style style, int max) {
    StringBuilder out = new StringBuilder();
    Deque<Frame> stack = new ArrayDeque<>();
    writeValue(root, style, out, stack);
    while (!stack.isEmpty() && out.length() <= max) {
      Frame frame = stack.peek();
      if (!frame.elements.hasNext()) {
        out.append(frame.close);
        stack.pop();
        continue;
      }
      if (!frame.first) {
        out.append(style == Style.GO_SPRINT ? ' ' : ',');
      }
      frame.first = false;
      Object next = frame.elements.next();
      JsonNode child;
      if (next instanceof Map.Entry<?, ?> entry) {
        writeString((String) entry.getKey(), style, out);
        out.append(':');
        child = (JsonNode) entry.getValue();
      } else {
        child = (JsonNode) next;
      }
      writeValue(child, style, out, stack);
    }
    if (out.length() > max) {
      out.setLength(max);
      out.append("...");
    }
    return out.toString();
  }

  private static void writeValue(
      JsonNode node, Style style, StringBuilder out, Deque<Frame> stack) {
    if (node.isObject()) {
      if (style == Style.GO_SPRINT) {
        // fmt prints a map with its keys sorted (internal/fmtsort); UTF-8 order is code point order.
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        fields.sort(Map.Entry.comparingByKey(JsonText::compareCodePoints));
        out.append("map[");
        stack.push(new Frame(fields.iterator(), ']'));
      } else {
        out.append('{');
        stack.push(new Frame(node.properties().iterator(), '}'));
      }
    } else if (node.isArray()) {
      out.append('[');
      stack.push(new Frame(node.values(), ']'));
    } else if (node.isTextual()) {
      writeString(node.textValue(), style, out);
    } else if (node.isNumber()) {
      OptionalDouble number = style == Style.MESSAGE ? OptionalDouble.empty() : Numbers.of(node);
      out.append(number.isEmpty() ? node.asText()
          : style == Style.GO_SPRINT ? GoFloat.sprint(number.getAsDouble())
          : GoFloat.marshal(number.getAsDouble()));
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else {
      out.append(style == Style.GO_SPRINT ? "<nil>" : "null");
    }
  }

  private static void writeString(String text, Style style, StringBuilder out) {
    if (style == Style.GO_SPRINT) {
      out.append(text);
    } else {
      quote(text, out);
    }
  }

  private static int compareCodePoints(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
  }

  /** How values are written. */
  private enum Style {
    /** Go's {@code fmt.Sprint} of decoded JSON. */
    GO_SPRINT,
    /** Compact JSON with numbers as Go's {@code encoding/json} writes a float64. */
    GO_JSON,
    /** Compact JSON with numbers as written in the input. */
    MESSAGE
  }

  /** An open container being written: its remaining elements and its closing bracket. */
  private static final class Frame {
    private final Iterator<?> elements;
    private final char close;
    private boolean first = true;

    private Frame(Iterator<?> elements, char close) {
      this.elements = elements;
      this.close = close;
    }
  }
}
