package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code {{ }}} expression: a bounded, pre-compiled JMESPath query evaluated with the attestation
 * predicate as its root, where a path that is not found is a failure rather than {@code null}.
 *
 * <p>Guarantees: expressions longer than {@value #MAX_LENGTH} characters or nested deeper than
 * {@value #MAX_NESTING} levels are rejected when compiled, so neither parsing nor evaluation can
 * exhaust the stack; evaluation never throws. As in Kyverno (pkg/engine/internal/utils.go
 * {@code EvaluateConditions} adds the predicate itself to the JMESPath context), the root is the
 * predicate; a leading {@code predicate} identifier is additionally accepted as an alias for the root
 * when the predicate has no top-level {@code predicate} field, because tutorials write it that way.
 * Only the standard JMESPath functions are available, not Kyverno's custom ones.
 */
final class JmesPathQuery {

  /** Longest accepted expression, in characters. */
  static final int MAX_LENGTH = 1024;
  /** Deepest accepted nesting of brackets, parentheses, braces and {@code !} negations. */
  static final int MAX_NESTING = 32;

  private static final JmesPath<JsonNode> RUNTIME = new JacksonRuntime();
  private static final Pattern PREDICATE_ALIAS = Pattern.compile("predicate(?![A-Za-z0-9_]).*",
      Pattern.DOTALL);

  private final String text;
  private final Expression<JsonNode> compiled;
  private final Optional<PlainPath> plainPath;
  private final boolean usesPredicateAlias;

  private JmesPathQuery(String text, Expression<JsonNode> compiled) {
    this.text = text;
    this.compiled = compiled;
    this.plainPath = PlainPath.parse(text);
    this.usesPredicateAlias = PREDICATE_ALIAS.matcher(text).matches();
  }

  /**
   * Compiles a trimmed expression.
   *
   * @throws IllegalArgumentException if it is empty, too long, too deeply nested or not JMESPath
   */
  static JmesPathQuery compile(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty {{ }} expression");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("expression is " + text.length()
          + " characters long; the limit is " + MAX_LENGTH);
    }
    if (nesting(text) > MAX_NESTING) {
      throw new IllegalArgumentException("expression '" + text + "' is nested deeper than "
          + MAX_NESTING + " levels");
    }
    try {
      return new JmesPathQuery(text, RUNTIME.compile(text));
    } catch (RuntimeException | StackOverflowError e) {
      // The nesting cap makes a stack overflow unreachable in practice; it stays a policy error.
      throw new IllegalArgumentException("invalid JMESPath expression '" + text + "': "
          + e.getMessage(), e);
    }
  }

  /** Returns the expression as written (trimmed). */
  String text() {
    return text;
  }

  /**
   * Evaluates the expression against the predicate; never throws.
   *
   * <p>A result of {@code null} is a failure ("not found"), except for a plain field path that ends
   * at an explicit JSON {@code null}, which resolves to {@code null}.
   */
  Resolution evaluate(JsonNode predicate) {
    JsonNode root = usesPredicateAlias && !(predicate.isObject() && predicate.has("predicate"))
        ? withPredicateAlias(predicate) : predicate;
    JsonNode result;
    try {
      result = compiled.search(root);
    } catch (RuntimeException | StackOverflowError e) {
      // JMESPath functions (to_string, sort, ==) recurse over the data; a hostile, very deep
      // predicate must become a failed condition, not a crash of the verifier.
      return Resolution.failed(text + ": cannot be evaluated: " + describe(e));
    }
    if (result != null && !result.isNull() && !result.isMissingNode()) {
      return Resolution.of(result);
    }
    if (plainPath.isPresent()) {
      return plainPath.get().walk(root).filter(JsonNode::isNull).isPresent()
          ? Resolution.of(NullNode.getInstance())
          : Resolution.failed(text + ": not found in the predicate");
    }
    return Resolution.failed(text + ": evaluated to null (a value it reads is not in the predicate)");
  }

  /** A shallow copy of the predicate with one more field, {@code predicate}, pointing at itself. */
  private static JsonNode withPredicateAlias(JsonNode predicate) {
    ObjectNode alias = JsonNodeFactory.instance.objectNode();
    if (predicate instanceof ObjectNode object) {
      alias.setAll(object);
    }
    alias.set("predicate", predicate);
    return alias;
  }

  private static String describe(Throwable e) {
    return e instanceof StackOverflowError ? "the predicate is nested too deeply" : e.getMessage();
  }

  /** Counts the deepest bracket nesting plus negations outside string and JSON literals. */
  private static int nesting(String text) {
    int depth = 0;
    int deepest = 0;
    int negations = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == '!' && (i + 1 == text.length() || text.charAt(i + 1) != '=')) {
        negations++;
      }
    }
    return deepest + negations;
  }
}
