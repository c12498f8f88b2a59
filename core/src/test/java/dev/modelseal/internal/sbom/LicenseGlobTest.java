package dev.modelseal.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenseGlobTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*-NC-*, CC-BY-NC-4.0, true",
    "*-NC-*, cc-by-nc-sa-4.0, true",
    "*-NC-*, CC-BY-4.0, false",
    "*-NC-*, NC-1.0, false",
    "research-only, Research-Only, true",
    "research-only, research-only-v2, false",
    "GPL-?.0*, GPL-3.0-only, true",
    "GPL-?.0*, LGPL-3.0-only, false",
    "GPL-2.0+, GPL-2.0+, true",
    "GPL-2.0+, GPL-2.00, false",
    "'(MIT)', '(MIT)', true",
    "'\\Q*', '\\Qx', true",
    "*, anything, true"
  })
  void matchesWholeTermsCaseInsensitivelyWithLiteralRegexCharacters(
      String glob, String term, boolean expected) {
    assertThat(new LicenseGlob(glob).matches(term)).isEqualTo(expected);
  }

  @Test
  void matchesInTimeLinearInTheTermForPathologicalGlobs() {
    // A regex translation backtracks polynomially here (about n^7 steps for n = 20,000); the
    // single-backtrack matcher takes glob length times term length steps. The bound is generous.
    LicenseGlob glob = new LicenseGlob("*a*a*a*a*a*a*a*b");
    String term = "a".repeat(20_000);

    boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> glob.matches(term));

    assertThat(matched).isFalse();
    assertThat(glob.matches(term + "b")).isTrue();
  }

  @Test
  void foldsCaseOutsideAscii() {
    assertThat(new LicenseGlob("LICENCE-ÉTENDUE").matches("licence-étendue")).isTrue();
  }
}
