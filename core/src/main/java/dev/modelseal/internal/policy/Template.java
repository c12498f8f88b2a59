package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A condition's key or value document with its {@code {{ }}} variables compiled: strings anywhere in
 * the document (also inside lists and objects, as in Kyverno) are substituted against the predicate.
 *
 * <p>Documents nested deeper than {@value #MAX_DEPTH} levels are rejected when compiled, which bounds
 * the recursion of both compiling and resolving.
 */
interface Template {

  /** Deepest accepted nesting of a key or value document. */
  int MAX_DEPTH = 16;

  /** Substitutes the variables; fails if any of them is not found or cannot be evaluated. */
  Resolution resolve(JsonNode predicate);

  /** Returns whether the document has no variables, so it resolves to itself. */
  boolean isLiteral();

  /**
   * Compiles a key or value document.
   *
   * @throws IllegalArgumentException on an invalid variable or a document nested too deeply
   */
  static Template compile(JsonNode document) {
    return compile(document, 0);
  }

  private static Template compile(JsonNode document, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("the document is nested deeper than " + MAX_DEPTH
          + " levels");
    }
    if (document.isTextual() && TemplateText.hasVariables(document.textValue())) {
      return new Text(TemplateText.parse(document.textValue()));
    }
    if (document.isArray()) {
      List<Template> elements = new ArrayList<>();
      for (JsonNode element : document) {
        elements.add(compile(element, depth + 1));
      }
      return elements.stream().allMatch(Template::isLiteral)
          ? new Literal(document) : new ListOf(elements);
    }
    if (document.isObject()) {
      Map<String, Template> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = document.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        fields.put(field.getKey(), compile(field.getValue(), depth + 1));
      }
      return fields.values().stream().allMatch(Template::isLiteral)
          ? new Literal(document) : new ObjectOf(fields);
    }
    return new Literal(document);
  }

  /** A document without variables. */
  record Literal(JsonNode document) implements Template {
    @Override
    public Resolution resolve(JsonNode predicate) {
      return Resolution.of(document);
    }

    @Override
    public boolean isLiteral() {
      return true;
    }
  }

  /** A string with variables. */
  record Text(TemplateText text) implements Template {
    @Override
    public Resolution resolve(JsonNode predicate) {
      return text.resolve(predicate);
    }

    @Override
    public boolean isLiteral() {
      return false;
    }
  }

  /** A list with variables in some element. */
  record ListOf(List<Template> elements) implements Template {
    public ListOf {
      elements = List.copyOf(elements);
    }

    @Override
    public Resolution resolve(JsonNode predicate) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (Template element : elements) {
        Resolution r = element.resolve(predicate);
        if (r.failed()) {
          return r;
        }
        out.add(r.value());
      }
      return Resolution.of(out);
    }

    @Override
    public boolean isLiteral() {
      return false;
    }
  }

  /** An object with variables in some field value. */
  record ObjectOf(Map<String, Template> fields) implements Template {
    public ObjectOf {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public Resolution resolve(JsonNode predicate) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, Template> field : fields.entrySet()) {
        Resolution r = field.getValue().resolve(predicate);
        if (r.failed()) {
          return r;
        }
        out.set(field.getKey(), r.value());
      }
      return Resolution.of(out);
    }

    @Override
    public boolean isLiteral() {
      return false;
    }
  }
}
