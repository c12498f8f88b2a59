package dev.modelseal.testkit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON in the RFC 8785 canonical form (keys sorted, no whitespace) for the value types
 * Sigstore signs over: objects, arrays, strings and integers, so that a verifier re-canonicalizing
 * the same data gets the same bytes.
 */
final class CanonicalJson {
  /** Integers beyond ±2^53 are not exact IEEE 754 doubles, which RFC 8785 §3.2.2.3 requires. */
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private CanonicalJson() {}

  /** Returns the canonical JSON text of {@code object}. */
  static String write(Map<String, ?> object) {
    StringBuilder out = new StringBuilder();
    writeValue(out, object);
    return out.toString();
  }

  private static void writeValue(StringBuilder out, Object value) {
    if (value instanceof Map<?, ?> map) {
      writeObject(out, map);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeValue(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof String text) {
      writeString(out, text);
    } else if (value instanceof Long || value instanceof Integer) {
      long number = ((Number) value).longValue();
      if (Math.abs(number) > MAX_SAFE_INTEGER) {
        throw new IllegalArgumentException("integer outside the exact double range: " + number);
      }
      out.append(number);
    } else {
      throw new IllegalArgumentException("unsupported JSON value: " + value);
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map) {
    // RFC 8785 §3.2.3 sorts by UTF-16 code units, which is exactly String.compareTo.
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((key, value) -> sorted.put((String) key, value));
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(out, entry.getKey());
      out.append(':');
      writeValue(out, entry.getValue());
    }
    out.append('}');
  }

  /** Escapes as RFC 8785 §3.2.2.2 prescribes: short forms where JSON has them, else \\u00xx. */
  private static void writeString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
