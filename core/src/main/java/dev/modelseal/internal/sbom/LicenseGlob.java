package dev.modelseal.internal.sbom;

import java.util.regex.Pattern;

/**
 * A case-insensitive glob over a whole license term: {@code *} matches any run of characters,
 * {@code ?} one character, everything else itself (no regex syntax leaks through).
 */
final class LicenseGlob {

  private final String glob;
  private final Pattern pattern;

  LicenseGlob(String glob) {
    this.glob = glob;
    this.pattern = Pattern.compile(toRegex(glob), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
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

  /** Tells whether the whole term matches the glob. */
  boolean matches(String term) {
    return pattern.matcher(term).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
