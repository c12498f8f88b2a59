package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.testkit.internal.CodePoints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes JSON in the canonical form TUF signs over and derives key IDs from (the OLPC canonical
 * JSON of the TUF specification, §4.2 "File formats"): object keys sorted by code point, no
 * whitespace, only {@code "} and {@code \} escaped, integers only.
 *
 * <p>It differs from {@link CanonicalJson} (RFC 8785, used for Sigstore's own signed payloads)
 * in how control characters are written: a PEM public key's line feeds stay raw here, as
 * python-tuf, go-tuf and sigstore-java's TUF client write them. Those clients disagree about the
 * other control characters (sigstore-java escapes a tab, python-tuf does not), so they are refused
 * rather than signed in a form some client would not reproduce.
 */
final class TufCanonicalJson {
  /** Integers beyond ±2^53 are not exact doubles, and some TUF clients parse numbers as doubles. */
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private TufCanonicalJson() {}

  /** Returns the canonical UTF-8 bytes of {@code node}. */
  static byte[] encode(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(out, node);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder out, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(out, node);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, node.get(i));
        }
        out.append(']');
      }
      case STRING -> writeString(out, node.textValue());
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      case NUMBER -> {
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong()
            || Math.abs(node.longValue()) > MAX_SAFE_INTEGER) {
          throw new IllegalArgumentException("TUF canonical JSON has only exact integers, got " + node);
        }
        out.append(node.longValue());
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static void writeObject(StringBuilder out, JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    names.sort(CodePoints::compare);
    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(out, names.get(i));
      out.append(':');
      write(out, node.get(names.get(i)));
    }
    out.append('}');
  }

  private static void writeString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException(String.format(
            "control character U+%04X: TUF clients do not agree on its canonical form", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
