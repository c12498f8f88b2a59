package dev.modelseal.internal.sbom;

/**
 * A case-insensitive glob over a whole license term: {@code *} matches any run of characters,
 * {@code ?} one character, everything else itself; matching takes at most glob length times term
 * length steps, whatever the term (no regex backtracking on untrusted text).
 *
 * <p>Case is folded per code point (upper, then lower case), as {@code
 * String.equalsIgnoreCase} does per character.
 */
final class LicenseGlob {

  private final String glob;
  private final int[] pattern;

  LicenseGlob(String glob) {
    this.glob = glob;
    this.pattern = fold(glob);
  }

  /** Tells whether the whole term matches the glob. */
  boolean matches(String term) {
    int[] text = fold(term);
    // The classic single-backtrack wildcard match: on a mismatch, resume after the last '*' with
    // one more character consumed by it. Each '*' restart advances the text, so the work is
    // bounded by pattern length times text length.
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length) {
      if (p < pattern.length && (pattern[p] == '?' || pattern[p] == text[t])) {
        p++;
        t++;
      } else if (p < pattern.length && pattern[p] == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length && pattern[p] == '*') {
      p++;
    }
    return p == pattern.length;
  }

  private static int[] fold(String s) {
    return s.codePoints().map(cp -> Character.toLowerCase(Character.toUpperCase(cp))).toArray();
  }

  @Override
  public String toString() {
    return glob;
  }
}
