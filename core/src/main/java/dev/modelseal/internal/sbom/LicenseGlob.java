package dev.modelseal.internal.sbom;

import dev.modelseal.internal.Globs;
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
    this.pattern = Pattern.compile(Globs.toRegex(glob), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
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
