package dev.modelseal.internal.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SPDX license expression parsed by the grammar of SPDX 2.3 Annex D (the same in SPDX 3.0
 * "License expression syntax"), reduced to the identifiers it names; guarantees that an expression
 * it accepts hides no term: every character is ASCII and belongs to a token of the grammar.
 *
 * <p>Grammar: {@code or := and ("OR" and)*}, {@code and := with ("AND" with)*}, {@code with :=
 * primary ["WITH" exception-id]}, {@code primary := "(" or ")" | license-id ["+"] | license-ref},
 * where an id is {@code 1*(ALPHA / DIGIT / "-" / ".")}, a reference is {@code
 * ["DocumentRef-" idstring ":"] ("LicenseRef-" | "AdditionRef-") idstring}. Operators are read in
 * any case (Annex D.2 asks producers for upper case; reading {@code or} as an operator can only
 * surface terms, never hide one). Identifiers are not checked against the SPDX list, so ids missing
 * from it are still matched by name. Tokens are separated by ASCII space, tab, CR or LF; any other
 * character (NBSP, U+2000 to U+200B, U+FEFF, any non-ASCII letter) makes the expression invalid,
 * so a term cannot be glued to or hidden behind invisible characters. Parsing is linear; length and
 * parenthesis depth are capped so that a crafted string cannot exhaust time or stack.
 *
 * @param licenses the license ids and references in document order, {@code +} kept as written
 * @param exceptions the exception ids and addition references that follow {@code WITH}
 */
record SpdxExpression(List<String> licenses, List<String> exceptions) {

  /** Longest accepted expression, in characters; real ones are far shorter. */
  static final int MAX_LENGTH = 4096;

  /** Deepest accepted nesting of parentheses. */
  static final int MAX_DEPTH = 16;

  SpdxExpression {
    licenses = List.copyOf(licenses);
    exceptions = List.copyOf(exceptions);
  }

  /** Thrown when text is not an SPDX license expression; the message says why and where. */
  static final class InvalidException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidException(String message) {
      super(message);
    }
  }

  /**
   * Parses an expression.
   *
   * @throws InvalidException if the text is over {@value #MAX_LENGTH} characters, nests parentheses
   *     deeper than {@value #MAX_DEPTH}, contains a character outside the grammar, or does not
   *     follow the grammar
   */
  static SpdxExpression parse(String text) throws InvalidException {
    if (text.length() > MAX_LENGTH) {
      throw new InvalidException(
          "is " + text.length() + " characters, over the limit of " + MAX_LENGTH);
    }
    Parser parser = new Parser(tokenize(text));
    parser.or(0);
    if (parser.position < parser.tokens.size()) {
      throw new InvalidException(
          "has '" + parser.tokens.get(parser.position) + "' where an operator or the end belongs");
    }
    return new SpdxExpression(parser.licenses, parser.exceptions);
  }

  private static List<String> tokenize(String text) throws InvalidException {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean word = isIdChar(c) || c == '+' || c == ':';
      if (word) {
        if (start < 0) {
          start = i;
        }
        continue;
      }
      if (start >= 0) {
        tokens.add(text.substring(start, i));
        start = -1;
      }
      if (c == '(' || c == ')') {
        tokens.add(String.valueOf(c));
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        throw new InvalidException(
            "contains " + describe(text.codePointAt(i)) + " at index " + i
                + ", which is not part of the SPDX expression grammar");
      }
    }
    if (start >= 0) {
      tokens.add(text.substring(start));
    }
    return tokens;
  }

  private static String describe(int codePoint) {
    String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
    String name = Character.getName(codePoint);
    return name == null ? hex : hex + " (" + name + ")";
  }

  private static boolean isIdChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.';
  }

  private static boolean isIdString(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isIdChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether the token is {@code ["DocumentRef-" idstring ":"] prefix idstring}. */
  private static boolean isReference(String token, String prefix) {
    int colon = token.indexOf(':');
    int local = 0;
    if (colon >= 0) {
      if (!startsWithIgnoreCase(token, "DocumentRef-", 0)
          || !isIdString(token, "DocumentRef-".length(), colon)) {
        return false;
      }
      local = colon + 1;
    }
    return startsWithIgnoreCase(token, prefix, local)
        && isIdString(token, local + prefix.length(), token.length());
  }

  /** A token with a reference prefix must be a whole reference, never a plain id. */
  private static boolean looksLikeReference(String token) {
    return startsWithIgnoreCase(token, "DocumentRef-", 0)
        || startsWithIgnoreCase(token, "LicenseRef-", 0)
        || startsWithIgnoreCase(token, "AdditionRef-", 0);
  }

  private static boolean startsWithIgnoreCase(String s, String prefix, int from) {
    return s.regionMatches(true, from, prefix, 0, prefix.length());
  }

  private static boolean isOperator(String token) {
    return token.equalsIgnoreCase("AND") || token.equalsIgnoreCase("OR")
        || token.equalsIgnoreCase("WITH");
  }

  /** Recursive descent over the token list; recursion happens only at parentheses. */
  private static final class Parser {
    private final List<String> tokens;
    private final List<String> licenses = new ArrayList<>();
    private final List<String> exceptions = new ArrayList<>();
    private int position;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    void or(int depth) throws InvalidException {
      and(depth);
      while (accept("OR")) {
        and(depth);
      }
    }

    private void and(int depth) throws InvalidException {
      with(depth);
      while (accept("AND")) {
        with(depth);
      }
    }

    private void with(int depth) throws InvalidException {
      boolean simple = primary(depth);
      if (accept("WITH")) {
        if (!simple) {
          throw new InvalidException("has WITH after a parenthesized expression; WITH follows a license");
        }
        String exception = next("an exception id after WITH");
        if (!(looksLikeReference(exception)
            ? isReference(exception, "AdditionRef-")
            : isIdString(exception, 0, exception.length()))) {
          throw new InvalidException("has '" + exception + "' where an exception id belongs");
        }
        exceptions.add(exception);
      }
    }

    /** Reads a parenthesized expression or a simple expression; tells whether it was simple. */
    private boolean primary(int depth) throws InvalidException {
      String token = next("a license");
      if (token.equals("(")) {
        if (depth + 1 > MAX_DEPTH) {
          throw new InvalidException("nests parentheses deeper than the limit of " + MAX_DEPTH);
        }
        or(depth + 1);
        if (!accept(")")) {
          throw new InvalidException("has an unclosed parenthesis");
        }
        return false;
      }
      if (token.equals(")") || isOperator(token)) {
        throw new InvalidException("has '" + token + "' where a license belongs");
      }
      boolean plus = token.endsWith("+");
      String id = plus ? token.substring(0, token.length() - 1) : token;
      boolean valid =
          looksLikeReference(id)
              ? !plus && isReference(id, "LicenseRef-")
              : isIdString(id, 0, id.length());
      if (!valid) {
        throw new InvalidException("has '" + token + "', which is not a license id or LicenseRef");
      }
      licenses.add(token);
      return true;
    }

    private boolean accept(String expected) {
      if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(expected)) {
        position++;
        return true;
      }
      return false;
    }

    private String next(String expected) throws InvalidException {
      if (position >= tokens.size()) {
        throw new InvalidException("ends where " + expected + " belongs");
      }
      return tokens.get(position++);
    }
  }
}
