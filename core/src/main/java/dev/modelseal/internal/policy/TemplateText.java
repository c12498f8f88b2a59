package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A string containing {@code {{ expression }}} variables, substituted the way Kyverno does
 * (pkg/engine/variables/vars.go {@code substituteVariablesIfAny}).
 *
 * <p>A string that is exactly one {@code {{ }}} (no surrounding text, not even spaces) becomes the
 * expression's typed JSON result; otherwise each result is spliced in as text (strings as-is, other
 * values as compact JSON). {@code \{{} is a literal {@code {{}. {@code {{- expr }}} (Kyverno's
 * shallow substitution) is accepted and behaves the same, because substituted text is never scanned
 * again for variables here: predicate content can never inject an expression.
 */
final class TemplateText {

  /** Longest string with variables, in characters. */
  static final int MAX_LENGTH = 4096;

  /** Each part is literal text ({@link String}) or an expression ({@link JmesPathQuery}). */
  private final List<Object> parts;
  private final boolean whole;

  private TemplateText(List<Object> parts, boolean whole) {
    this.parts = List.copyOf(parts);
    this.whole = whole;
  }

  /** Returns whether {@code text} needs substitution (it has a variable or an escaped brace). */
  static boolean hasVariables(String text) {
    return text.contains("{{");
  }

  /**
   * Splits a string into literal text and compiled expressions.
   *
   * @throws IllegalArgumentException on an unterminated or invalid {@code {{ }}}, or a string over
   *     {@value #MAX_LENGTH} characters
   */
  static TemplateText parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a string with {{ }} variables is " + text.length()
          + " characters long; the limit is " + MAX_LENGTH);
    }
    List<Object> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("\\{{", i)) {
        literal.append("{{");
        i += 3;
      } else if (text.startsWith("{{", i)) {
        int end = closingBraces(text, i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated {{ in '" + text + "'");
        }
        String expression = text.substring(i + 2, end).trim();
        if (expression.startsWith("-")) {
          expression = expression.substring(1).trim();
        }
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(JmesPathQuery.compile(expression));
        i = end + 2;
      } else {
        literal.append(text.charAt(i++));
      }
    }
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    boolean whole = parts.size() == 1 && parts.get(0) instanceof JmesPathQuery
        && text.startsWith("{{") && text.endsWith("}}");
    return new TemplateText(parts, whole);
  }

  /** Returns the expression when the string is exactly one {@code {{ }}}, else empty. */
  Optional<String> soleExpression() {
    return whole ? Optional.of(((JmesPathQuery) parts.get(0)).text()) : Optional.empty();
  }

  /** Substitutes every expression; fails if any expression is not found or cannot be evaluated. */
  Resolution resolve(JsonNode predicate) {
    if (whole) {
      return ((JmesPathQuery) parts.get(0)).evaluate(predicate);
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof JmesPathQuery query) {
        Resolution r = query.evaluate(predicate);
        if (r.failed()) {
          return r;
        }
        out.append(JsonText.plain(r.value()));
      } else {
        out.append((String) part);
      }
    }
    return Resolution.of(TextNode.valueOf(out.toString()));
  }

  /**
   * Finds the {@code }}} that closes an expression starting at {@code from}, skipping braces of
   * JMESPath multi-select hashes and anything inside string or JSON literals; -1 if there is none.
   */
  private static int closingBraces(String text, int from) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0 && text.startsWith("}}", i)) {
          return i;
        }
        depth = Math.max(0, depth - 1);
      }
    }
    return -1;
  }
}
