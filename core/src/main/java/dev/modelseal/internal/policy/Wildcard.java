package dev.modelseal.internal.policy;

/**
 * Matches text against a Kyverno wildcard pattern, where {@code *} matches any run of characters
 * (including none) and {@code ?} exactly one; every other character matches itself.
 *
 * <p>Same semantics as Kyverno's ext/wildcard/match.go ({@code github.com/IGLOU-EU/go-wildcard}),
 * per its tests in ext/wildcard/match_test.go. Works on code points, iteratively, in
 * O(pattern × text) time at worst, so hostile input cannot exhaust the stack.
 */
final class Wildcard {

  private Wildcard() {}

  /** Returns whether {@code text} matches {@code pattern}. */
  static boolean match(String pattern, String text) {
    int[] p = pattern.codePoints().toArray();
    int[] t = text.codePoints().toArray();
    int pi = 0;
    int ti = 0;
    int star = -1;
    int mark = 0;
    while (ti < t.length) {
      if (pi < p.length && p[pi] == '*') {
        star = pi++;
        mark = ti;
      } else if (pi < p.length && (p[pi] == '?' || p[pi] == t[ti])) {
        pi++;
        ti++;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }

  /** Returns whether either string matches the other as a pattern, as Kyverno's In operators do. */
  static boolean matchEitherWay(String a, String b) {
    return match(a, b) || match(b, a);
  }
}
