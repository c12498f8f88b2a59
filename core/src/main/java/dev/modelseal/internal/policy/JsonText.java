package dev.modelseal.internal.policy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns JSON values into text, iteratively so that arbitrarily deep values cannot exhaust the stack.
 *
 * <p>{@link #plain} is the string form used for In-family matching and {@code {{ }}} interpolation
 * (a string is its own text, other values are compact JSON with canonical numbers); {@link #render}
 * is the bounded, quoted form used in violation messages.
 */
final class JsonText {

  /** Longest rendering of a value inside a violation message. */
  static final int MESSAGE_LIMIT = 120;

  private JsonText() {}

  /** Returns the string itself for text nodes, otherwise compact JSON with canonical numbers. */
  static String plain(JsonNode node) {
    return node.isTextual() ? node.textValue() : write(node, true, Integer.MAX_VALUE);
  }

  /** Returns compact JSON for messages (strings quoted, numbers as given), cut at {@code max} chars. */
  static String render(JsonNode node, int max) {
    return write(node, false, max);
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

  private static String write(JsonNode root, boolean canonicalNumbers, int max) {
    StringBuilder out = new StringBuilder();
    Deque<Frame> stack = new ArrayDeque<>();
    writeValue(root, canonicalNumbers, out, stack);
    while (!stack.isEmpty() && out.length() <= max) {
      Frame frame = stack.peek();
      if (!frame.elements.hasNext()) {
        out.append(frame.close);
        stack.pop();
        continue;
      }
      if (!frame.first) {
        out.append(',');
      }
      frame.first = false;
      Object next = frame.elements.next();
      JsonNode child;
      if (next instanceof Map.Entry<?, ?> entry) {
        quote((String) entry.getKey(), out);
        out.append(':');
        child = (JsonNode) entry.getValue();
      } else {
        child = (JsonNode) next;
      }
      writeValue(child, canonicalNumbers, out, stack);
    }
    if (out.length() > max) {
      out.setLength(max);
      out.append("...");
    }
    return out.toString();
  }

  private static void writeValue(
      JsonNode node, boolean canonicalNumbers, StringBuilder out, Deque<Frame> stack) {
    if (node.isObject()) {
      out.append('{');
      stack.push(new Frame(node.properties().iterator(), '}'));
    } else if (node.isArray()) {
      out.append('[');
      stack.push(new Frame(node.values(), ']'));
    } else if (node.isTextual()) {
      quote(node.textValue(), out);
    } else if (node.isNumber()) {
      out.append(canonicalNumbers
          ? Numbers.of(node).map(Numbers::canonical).orElse(node.asText())
          : node.asText());
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else {
      out.append("null");
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(text, out);
    out.append('"');
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
