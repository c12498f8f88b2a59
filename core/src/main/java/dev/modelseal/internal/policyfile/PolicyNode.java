package dev.modelseal.internal.policyfile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of a parsed policy file together with its field path ({@code attestations[0].type}), so
 * that every wrong type, missing value and unknown field is reported as a
 * {@link Reason#INVALID_POLICY} naming the file and the exact field.
 *
 * <p>An explicit YAML {@code null} (a key written with no value) counts as absent.
 */
final class PolicyNode {
  private final JsonNode json;
  private final String path;
  private final String source;

  private PolicyNode(JsonNode json, String path, String source) {
    this.json = json;
    this.path = path;
    this.source = source;
  }

  /** The document root; {@code source} names the file in messages. */
  static PolicyNode root(JsonNode json, String source) {
    return new PolicyNode(json, "", source);
  }

  /** A node read from elsewhere (e.g. an annotation's text) reported under {@code path}. */
  static PolicyNode at(JsonNode json, String path, String source) {
    return new PolicyNode(json, path, source);
  }

  /** The underlying JSON value. */
  JsonNode json() {
    return json;
  }

  /** The field path of this node, empty for the root. */
  String path() {
    return path;
  }

  /** The file (or other source) the node was read from. */
  String source() {
    return source;
  }

  /** An {@link Reason#INVALID_POLICY} failure about this node. */
  ModelVerificationException error(String message) {
    return new ModelVerificationException(Reason.INVALID_POLICY,
        source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
  }

  /** An {@link Reason#INVALID_POLICY} failure about the named field of this object. */
  ModelVerificationException error(String field, String message) {
    return new ModelVerificationException(Reason.INVALID_POLICY,
        source + ": " + childPath(field) + ": " + message);
  }

  /**
   * An {@link Reason#INVALID_POLICY} failure whose message begins with a path relative to this node,
   * as the conditions parser writes them ({@code conditions[0].all[1]: ...}).
   */
  ModelVerificationException nestedError(String relativeMessage) {
    return new ModelVerificationException(Reason.INVALID_POLICY,
        source + ": " + (path.isEmpty() ? "" : path + ".") + relativeMessage);
  }

  private String childPath(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** Fails unless this node is an object. */
  PolicyNode requireObject() throws ModelVerificationException {
    if (!json.isObject()) {
      throw error("expected an object, found " + typeName(json));
    }
    return this;
  }

  /** Fails on the first field of this object that is not in {@code allowed}, naming it. */
  void allowOnly(Set<String> allowed) throws ModelVerificationException {
    requireObject();
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw error(name, "unknown field (expected one of " + String.join(", ", new TreeSet<>(allowed))
            + ")");
      }
    }
  }

  /** True when the field is present with a non-null value. */
  boolean has(String field) {
    JsonNode n = json.get(field);
    return n != null && !n.isNull();
  }

  /** The names of this object's fields, in document order. */
  List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The named field; fails when it is absent. */
  PolicyNode get(String field) throws ModelVerificationException {
    if (!has(field)) {
      throw error(field, "missing");
    }
    return new PolicyNode(json.get(field), childPath(field), source);
  }

  /** The named field, or null when it is absent. */
  PolicyNode opt(String field) {
    return has(field) ? new PolicyNode(json.get(field), childPath(field), source) : null;
  }

  /** This node as a non-empty string. */
  String text() throws ModelVerificationException {
    if (!json.isTextual()) {
      throw error("expected a string, found " + typeName(json));
    }
    if (json.textValue().isEmpty()) {
      throw error("must not be empty");
    }
    return json.textValue();
  }

  /** The named field as a non-empty string; fails when it is absent. */
  String string(String field) throws ModelVerificationException {
    return get(field).text();
  }

  /** The named field as a non-empty string, or null when it is absent. */
  String optString(String field) throws ModelVerificationException {
    PolicyNode n = opt(field);
    return n == null ? null : n.text();
  }

  /** The named field as a boolean, or {@code otherwise} when it is absent. */
  boolean optBoolean(String field, boolean otherwise) throws ModelVerificationException {
    PolicyNode n = opt(field);
    if (n == null) {
      return otherwise;
    }
    if (!n.json.isBoolean()) {
      throw n.error("expected true or false, found " + typeName(n.json));
    }
    return n.json.booleanValue();
  }

  /** The named field as an integer in {@code [min, max]}, or {@code otherwise} when absent. */
  long optLong(String field, long min, long max, long otherwise) throws ModelVerificationException {
    PolicyNode n = opt(field);
    if (n == null) {
      return otherwise;
    }
    if (!n.json.isIntegralNumber() || !n.json.canConvertToLong()) {
      throw n.error("expected an integer, found " + typeName(n.json));
    }
    long v = n.json.longValue();
    if (v < min || v > max) {
      throw n.error("must be between " + min + " and " + max + ", found " + v);
    }
    return v;
  }

  /** This node's elements; fails unless it is a list. */
  List<PolicyNode> elements() throws ModelVerificationException {
    if (!json.isArray()) {
      throw error("expected a list, found " + typeName(json));
    }
    List<PolicyNode> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      out.add(new PolicyNode(json.get(i), path + "[" + i + "]", source));
    }
    return out;
  }

  /** The named field's elements, empty when the field is absent. */
  List<PolicyNode> list(String field) throws ModelVerificationException {
    PolicyNode n = opt(field);
    return n == null ? List.of() : n.elements();
  }

  /** The named field as a list of non-empty strings, empty when the field is absent. */
  List<String> strings(String field) throws ModelVerificationException {
    List<String> out = new ArrayList<>();
    for (PolicyNode e : list(field)) {
      out.add(e.text());
    }
    return out;
  }

  /** A short name of a JSON value's type, for messages. */
  static String typeName(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case BINARY -> "binary data";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
