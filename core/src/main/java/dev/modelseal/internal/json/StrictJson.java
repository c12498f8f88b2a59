package dev.modelseal.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.FileBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads untrusted JSON with hard limits (size, nesting, string length, duplicate keys) and turns every
 * parser problem into a {@link ModelVerificationException}, so no parser stack trace escapes.
 */
public final class StrictJson {
  /**
   * Largest evidence file (and JSON document) accepted: bundles are kilobytes, attestations with
   * SBOMs a few megabytes, and a parsed tree costs many times its text.
   */
  public static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  private static final ObjectMapper MAPPER = newMapper();

  private StrictJson() {}

  private static ObjectMapper newMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(MAX_FILE_BYTES)
                .maxNumberLength(64)
                .build());
    return mapper;
  }

  /** Parses a file of at most {@link #MAX_FILE_BYTES} that must hold a JSON object. */
  public static ObjectNode readObject(Path file, Reason reason) throws ModelVerificationException {
    return readObject(file, MAX_FILE_BYTES, reason);
  }

  /**
   * Parses a file that must hold a JSON object, refusing (with {@code reason}) one over {@code
   * maxBytes} before parsing and a non-regular file before opening it.
   */
  public static ObjectNode readObject(Path file, int maxBytes, Reason reason) throws ModelVerificationException {
    return readObject(FileBytes.read(file, "file", maxBytes, reason), file.toString(), reason);
  }

  /**
   * Parses a stream of at most {@link #MAX_FILE_BYTES} that must hold a JSON object; {@code source}
   * names it in messages.
   */
  public static ObjectNode readObject(InputStream in, String source, Reason reason)
      throws ModelVerificationException {
    byte[] json;
    try {
      json = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new ModelVerificationException(reason, source + ": cannot read: " + e, e);
    }
    if (json.length > MAX_FILE_BYTES) {
      throw new ModelVerificationException(
          reason, source + ": more than " + MAX_FILE_BYTES + " bytes, over the limit; refused before parsing");
    }
    return readObject(json, source, reason);
  }

  /** Parses bytes that must hold a JSON object. */
  public static ObjectNode readObject(byte[] json, String source, Reason reason)
      throws ModelVerificationException {
    int nul = firstNul(json);
    if (nul >= 0) {
      throw new ModelVerificationException(reason, source + ": not valid JSON: " + nulMessage(nul));
    }
    JsonNode node;
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      node = MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new ModelVerificationException(reason, source + ": trailing content after JSON");
      }
    } catch (IOException e) {
      throw new ModelVerificationException(
          reason, source + ": not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (node == null || !node.isObject()) {
      throw new ModelVerificationException(reason, source + ": expected a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * The index of the first NUL byte in {@code bytes}, or -1. JSON text is UTF-8 (RFC 8259 §8.1) and
   * holds no raw NUL anywhere, while Jackson reads bytes with NULs among the first four as UTF-16 or
   * UTF-32: a document other verifiers refuse would parse here, and byte offsets would be lost.
   */
  public static int firstNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The message for a NUL byte at {@code index}, found by {@link #firstNul}. */
  public static String nulMessage(int index) {
    return "a NUL byte at offset " + index + "; JSON is UTF-8 text and holds none (UTF-16 and UTF-32 are refused)";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Standard or URL-safe base64, padded or not (protobuf JSON accepts all four); line breaks are
   * ignored, as in Go. Null when the text is not base64.
   */
  static Bytes base64(String text) {
    String s = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 ? text.replaceAll("[\r\n]", "") : text;
    try {
      return Bytes.wrap(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      try {
        return Bytes.wrap(Base64.getUrlDecoder().decode(s));
      } catch (IllegalArgumentException e2) {
        return null;
      }
    }
  }

  /** A cursor over one JSON object that reports wrong types and missing fields with their path. */
  public static Obj at(ObjectNode node, String path, String source, Reason reason) {
    return new Obj(node, path, source, reason);
  }

  /** Typed, path-aware access to a JSON object; every violation is a {@link ModelVerificationException}. */
  public static final class Obj {
    private final ObjectNode node;
    private final String path;
    private final String source;
    private final Reason reason;

    private Obj(ObjectNode node, String path, String source, Reason reason) {
      this.node = node;
      this.path = path;
      this.source = source;
      this.reason = reason;
    }

    public ObjectNode node() {
      return node;
    }

    public String path() {
      return path;
    }

    public boolean has(String field) {
      JsonNode n = node.get(field);
      return n != null && !n.isNull();
    }

    public ModelVerificationException error(String message) {
      return new ModelVerificationException(reason, source + ": " + message);
    }

    private String where(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode required(String field) throws ModelVerificationException {
      JsonNode n = node.get(field);
      if (n == null || n.isNull()) {
        throw error("missing required field " + where(field));
      }
      return n;
    }

    public Obj object(String field) throws ModelVerificationException {
      JsonNode n = required(field);
      if (!n.isObject()) {
        throw error(where(field) + " must be an object, found " + n.getNodeType());
      }
      return new Obj((ObjectNode) n, where(field), source, reason);
    }

    public Obj optObject(String field) throws ModelVerificationException {
      return has(field) ? object(field) : null;
    }

    public java.util.List<Obj> objects(String field) throws ModelVerificationException {
      if (!has(field)) {
        return java.util.List.of();
      }
      JsonNode n = node.get(field);
      if (!n.isArray()) {
        throw error(where(field) + " must be an array, found " + n.getNodeType());
      }
      java.util.List<Obj> out = new java.util.ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (!e.isObject()) {
          throw error(where(field) + "[" + i + "] must be an object, found " + e.getNodeType());
        }
        out.add(new Obj((ObjectNode) e, where(field) + "[" + i + "]", source, reason));
      }
      return out;
    }

    public java.util.List<String> strings(String field) throws ModelVerificationException {
      if (!has(field)) {
        return java.util.List.of();
      }
      JsonNode n = node.get(field);
      if (!n.isArray()) {
        throw error(where(field) + " must be an array, found " + n.getNodeType());
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      for (int i = 0; i < n.size(); i++) {
        if (!n.get(i).isTextual()) {
          throw error(where(field) + "[" + i + "] must be a string");
        }
        out.add(n.get(i).textValue());
      }
      return out;
    }

    public String string(String field) throws ModelVerificationException {
      JsonNode n = required(field);
      if (!n.isTextual()) {
        throw error(where(field) + " must be a string, found " + n.getNodeType());
      }
      return n.textValue();
    }

    public String optString(String field) throws ModelVerificationException {
      return has(field) ? string(field) : null;
    }

    /** A base64 string field, as {@link StrictJson#base64(String)} reads it. */
    public Bytes base64(String field) throws ModelVerificationException {
      return decodeBase64(string(field), where(field));
    }

    public Bytes decodeBase64(String raw, String what) throws ModelVerificationException {
      Bytes b = StrictJson.base64(raw);
      if (b == null) {
        throw error(what + " is not valid base64");
      }
      return b;
    }

    /** A protobuf int64: a JSON string of digits (or a plain JSON integer), never negative here. */
    public long int64(String field) throws ModelVerificationException {
      JsonNode n = required(field);
      long v;
      if (n.isTextual()) {
        try {
          v = Long.parseLong(n.textValue());
        } catch (NumberFormatException e) {
          throw error(where(field) + " must be an integer, found \"" + clip(n.textValue()) + "\"");
        }
      } else if (n.isIntegralNumber() && n.canConvertToLong()) {
        v = n.longValue();
      } else {
        throw error(where(field) + " must be an integer, found " + n.getNodeType());
      }
      if (v < 0) {
        throw error(where(field) + " must not be negative, found " + v);
      }
      return v;
    }

    /** Fails if the object has a field outside {@code allowed} (strict formats only). */
    public void onlyFields(java.util.Set<String> allowed) throws ModelVerificationException {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        String f = it.next().getKey();
        if (!allowed.contains(f)) {
          throw error("unexpected field " + where(f));
        }
      }
    }

    private static String clip(String s) {
      return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
  }
}
