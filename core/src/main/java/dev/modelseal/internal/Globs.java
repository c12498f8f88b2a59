package dev.modelseal.internal;

import java.util.regex.Pattern;

/** Wildcard patterns as Kyverno and license rules write them: {@code *} any run, {@code ?} one character. */
public final class Globs {
  private Globs() {}

  /** The whole-string regex (literals quoted, dot matches newlines) equivalent to {@code glob}. */
  public static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder("(?s)");
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }
}
