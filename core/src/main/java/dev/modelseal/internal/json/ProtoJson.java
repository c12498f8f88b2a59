package dev.modelseal.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a protobuf message from its proto3 JSON form, as a conforming protobuf JSON parser must
 * (protobuf.dev, "ProtoJSON Format"), so that what sigstore-js, Go's protojson (cosign,
 * sigstore-go) and every other conforming writer produce is read as they meant it:
 *
 * <ul>
 *   <li>an omitted field, or one that is JSON {@code null}, holds its default: 0, "", false, empty
 *       bytes, an empty list, or an unset message; writers leave defaults out (the first entry of
 *       every log has {@code logIndex} 0 and carries no {@code logIndex});
 *   <li>a field may be spelled by its lowerCamel JSON name or by its original proto name; spelling
 *       one field both ways is a duplicate and refused;
 *   <li>int64 is a JSON string or a JSON number; enums are their name or their number; bytes are
 *       standard or URL-safe base64, padded or not; a Timestamp is an RFC 3339 string.
 * </ul>
 *
 * <p>Whether a default is acceptable is the caller's decision, field by field: {@link
 * Message#requiredBytes} and {@link Message#requiredString} refuse an empty value where verification
 * cannot do without one. Unknown fields are refused ({@link Message#fields}): ModelSeal reads evidence,
 * and a field it does not understand might carry evidence the signer meant to be checked.
 */
public final class ProtoJson {
  /** Longer int64 text than this is no int64 (19 digits, a sign, an exponent); refused unparsed. */
  private static final int MAX_INT64_TEXT = 32;
  /** A JSON number (RFC 8259 §6); an int64 in a string must be one too, as in Go's protojson. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private ProtoJson() {}

  /** The top-level message of a document. */
  public static Message root(ObjectNode node, String source, Reason reason) {
    return new Message(node, "", source, reason);
  }

  /** One message: typed access by proto field name, with the path of every violation. */
  public static final class Message {
    private final ObjectNode node;
    private final String path;
    private final String source;
    private final Reason reason;

    private Message(ObjectNode node, String path, String source, Reason reason) {
      this.node = node;
      this.path = path;
      this.source = source;
      this.reason = reason;
    }

    /** Where this message is in its document, e.g. {@code verificationMaterial.tlogEntries[0]}. */
    public String path() {
      return path;
    }

    /** An error about this message with the caller's reason, naming the source file. */
    public ModelVerificationException error(String message) {
      return new ModelVerificationException(reason, source + ": " + message);
    }

    /**
     * Declares this message's fields by their proto names and refuses any other field, and any field
     * given under both its JSON name and its proto name.
     */
    public Message fields(String... protoNames) throws ModelVerificationException {
      Map<String, String> known = new LinkedHashMap<>();
      for (String name : protoNames) {
        known.put(jsonName(name), name);
        known.put(name, name);
      }
      Map<String, String> seen = new LinkedHashMap<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String spelled = it.next();
        String field = known.get(spelled);
        if (field == null) {
          throw error("unexpected field " + where(spelled));
        }
        String before = seen.put(field, spelled);
        if (before != null) {
          throw error("field " + where(jsonName(field)) + " is given twice, as " + before + " and " + spelled);
        }
      }
      return this;
    }

    /** A set message field; an unset one is refused as missing. */
    public Message message(String field) throws ModelVerificationException {
      Message m = optMessage(field);
      if (m == null) {
        throw error("missing required field " + where(jsonName(field)));
      }
      return m;
    }

    /** A message field, or null when it is not set. */
    public Message optMessage(String field) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n == null) {
        return null;
      }
      if (!n.isObject()) {
        throw error(where(jsonName(field)) + " must be an object, found " + n.getNodeType());
      }
      return new Message((ObjectNode) n, where(jsonName(field)), source, reason);
    }

    /** The number of elements of a repeated field (0 when omitted), without reading any of them. */
    public int count(String field) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n != null && !n.isArray()) {
        throw error(where(jsonName(field)) + " must be an array, found " + n.getNodeType());
      }
      return n == null ? 0 : n.size();
    }

    /** A repeated message field; empty when omitted. */
    public List<Message> messages(String field) throws ModelVerificationException {
      List<Message> out = new ArrayList<>();
      int i = 0;
      for (JsonNode e : array(field)) {
        String at = where(jsonName(field)) + "[" + i++ + "]";
        if (!e.isObject()) {
          throw error(at + " must be an object, found " + e.getNodeType());
        }
        out.add(new Message((ObjectNode) e, at, source, reason));
      }
      return out;
    }

    /** A string field; "" when omitted. */
    public String string(String field) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n == null) {
        return "";
      }
      if (!n.isTextual()) {
        throw error(where(jsonName(field)) + " must be a string, found " + n.getNodeType());
      }
      return n.textValue();
    }

    /** A string field that verification needs: the default "" is refused as missing. */
    public String requiredString(String field) throws ModelVerificationException {
      String s = string(field);
      if (s.isEmpty()) {
        throw error("missing required field " + where(jsonName(field)));
      }
      return s;
    }

    /** A bytes field; empty when omitted. */
    public Bytes bytes(String field) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n == null) {
        return Bytes.wrap(new byte[0]);
      }
      if (!n.isTextual()) {
        throw error(where(jsonName(field)) + " must be a base64 string, found " + n.getNodeType());
      }
      return decode(n.textValue(), where(jsonName(field)));
    }

    /** A bytes field that verification needs: the default (empty) is refused as missing. */
    public Bytes requiredBytes(String field) throws ModelVerificationException {
      Bytes b = bytes(field);
      if (b.length() == 0) {
        throw error("missing required field " + where(jsonName(field)));
      }
      return b;
    }

    /** A repeated bytes field; empty when omitted. */
    public List<Bytes> bytesList(String field) throws ModelVerificationException {
      List<Bytes> out = new ArrayList<>();
      int i = 0;
      for (JsonNode e : array(field)) {
        String at = where(jsonName(field)) + "[" + i++ + "]";
        if (!e.isTextual()) {
          throw error(at + " must be a base64 string, found " + e.getNodeType());
        }
        out.add(decode(e.textValue(), at));
      }
      return out;
    }

    /**
     * An int64 field that this verifier only accepts as non-negative (indices, sizes, times); 0 when
     * omitted. A JSON string or number, integral, within range.
     */
    public long nonNegativeInt64(String field) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n == null) {
        return 0;
      }
      String what = where(jsonName(field));
      String text;
      if (n.isTextual()) {
        text = n.textValue();
      } else if (n.isNumber()) {
        text = n.asText();
      } else {
        throw error(what + " must be an integer, found " + n.getNodeType());
      }
      long v;
      try {
        if (text.length() > MAX_INT64_TEXT || !JSON_NUMBER.matcher(text).matches()) {
          throw new NumberFormatException();
        }
        v = new BigDecimal(text).longValueExact();
      } catch (NumberFormatException | ArithmeticException e) {
        throw error(what + " must be an int64, found " + clip(text));
      }
      if (v < 0) {
        throw error(what + " must not be negative, found " + v);
      }
      return v;
    }

    /**
     * An enum field as its value name: given by name or by number; {@code names.get(0)} (the
     * {@code _UNSPECIFIED} value) when omitted. {@code names} lists the enum's values by number,
     * with null for numbers the enum does not use.
     */
    public String enumName(String field, List<String> names) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n == null) {
        return names.get(0);
      }
      String what = where(jsonName(field));
      if (n.isTextual()) {
        if (!names.contains(n.textValue())) {
          throw error(what + " is not a known value: " + clip(n.textValue()));
        }
        return n.textValue();
      }
      if (n.isIntegralNumber() && n.canConvertToInt()) {
        int i = n.intValue();
        if (i >= 0 && i < names.size() && names.get(i) != null) {
          return names.get(i);
        }
        throw error(what + " is not a known value: " + i);
      }
      throw error(what + " must be an enum name or number, found " + n.getNodeType());
    }

    /** A google.protobuf.Timestamp (RFC 3339 text), or null when omitted. */
    public Instant timestamp(String field) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n == null) {
        return null;
      }
      String what = where(jsonName(field));
      if (!n.isTextual()) {
        throw error(what + " must be an RFC 3339 time string, found " + n.getNodeType());
      }
      try {
        return Instant.parse(n.textValue());
      } catch (DateTimeParseException e) {
        throw error(what + " is not an RFC 3339 time: " + clip(n.textValue()));
      }
    }

    private Iterable<JsonNode> array(String field) throws ModelVerificationException {
      JsonNode n = value(field);
      if (n == null) {
        return List.of();
      }
      if (!n.isArray()) {
        throw error(where(jsonName(field)) + " must be an array, found " + n.getNodeType());
      }
      return n;
    }

    /** The field's JSON value under either spelling; null when absent or JSON null. */
    private JsonNode value(String field) {
      JsonNode n = node.get(jsonName(field));
      if (n == null) {
        n = node.get(field);
      }
      return n == null || n.isNull() ? null : n;
    }

    private String where(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    private Bytes decode(String text, String what) throws ModelVerificationException {
      Bytes b = StrictJson.base64(text);
      if (b == null) {
        throw error(what + " is not valid base64");
      }
      return b;
    }
  }

  /** The lowerCamel JSON name protoc derives from a proto field name ({@code log_index → logIndex}). */
  static String jsonName(String protoName) {
    StringBuilder out = new StringBuilder(protoName.length());
    boolean upper = false;
    for (int i = 0; i < protoName.length(); i++) {
      char c = protoName.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
