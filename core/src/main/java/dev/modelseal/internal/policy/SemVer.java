package dev.modelseal.internal.policy;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict Semantic Versioning 2.0.0 version ({@code 1.2.3-rc.1+build}) with SemVer precedence, as
 * Kyverno's numeric operators compare version strings (pkg/engine/variables/operator/numeric.go uses
 * {@code github.com/blang/semver/v4} {@code Parse}: no {@code v} prefix, all three parts required).
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the dot-separated pre-release identifiers, empty for a release
 */
record SemVer(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease)
    implements Comparable<SemVer> {

  private static final String NUMBER = "(0|[1-9]\\d{0,19})";
  private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final Pattern SHAPE = Pattern.compile(NUMBER + "\\." + NUMBER + "\\." + NUMBER
      + "(?:-(" + IDENTIFIERS + "))?(?:\\+" + IDENTIFIERS + ")?");
  private static final Pattern NUMERIC = Pattern.compile("\\d+");

  SemVer {
    preRelease = List.copyOf(preRelease);
  }

  /** Parses a strict SemVer string; empty when it is not one (e.g. {@code v1.2.3} or {@code 1.2}). */
  static Optional<SemVer> parse(String text) {
    if (text.length() > Numbers.MAX_TEXT) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    for (String id : pre) {
      if (NUMERIC.matcher(id).matches() && id.length() > 1 && id.charAt(0) == '0') {
        return Optional.empty();
      }
    }
    return Optional.of(new SemVer(
        new BigInteger(m.group(1)), new BigInteger(m.group(2)), new BigInteger(m.group(3)), pre));
  }

  @Override
  public int compareTo(SemVer other) {
    int c = major.compareTo(other.major);
    if (c == 0) {
      c = minor.compareTo(other.minor);
    }
    if (c == 0) {
      c = patch.compareTo(other.patch);
    }
    return c != 0 ? c : comparePreRelease(preRelease, other.preRelease);
  }

  // SemVer 2.0.0 §11: a release outranks its pre-releases; identifiers compare left to right,
  // numeric ones numerically and below alphanumeric ones; a longer equal prefix wins.
  private static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareIdentifier(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean aNumeric = NUMERIC.matcher(a).matches();
    boolean bNumeric = NUMERIC.matcher(b).matches();
    if (aNumeric && bNumeric) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
