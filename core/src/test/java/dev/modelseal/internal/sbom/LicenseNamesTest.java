package dev.modelseal.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LicenseNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CC BY-NC 4.0 | CC-BY-NC-4.0",
        "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International | CC-BY-NC-SA-4.0",
        "Creative Commons Attribution Non Commercial No Derivatives 3.0 Unported | CC-BY-NC-ND-3.0",
        "CC BY-SA 4 | CC-BY-SA-4.0",
        "Attribution 4.0 International (CC BY 4.0) | CC-BY-4.0",
        "Creative Commons Zero v1.0 Universal | CC0-1.0",
        "CC0 | CC0-1.0",
        "GNU General Public License v3.0 | GPL-3.0-only",
        "GNU General Public License v3.0 or later | GPL-3.0-or-later",
        "GNU GPL v2 | GPL-2.0-only",
        "GPLv3+ | GPL-3.0-or-later",
        "GNU Lesser General Public License v2.1 | LGPL-2.1-only",
        "LGPL-3.0 | LGPL-3.0-only",
        "GNU Affero General Public License v3 | AGPL-3.0-only",
        "Apache License 2.0 | Apache-2.0",
        "Apache License, Version 2.0 | Apache-2.0",
        "The MIT License | MIT",
        "MIT License | MIT",
        "mit | MIT",
        "BSD 3-Clause \"New\" or \"Revised\" License | BSD-3-Clause",
        "Mozilla Public License 2.0 | MPL-2.0"
      })
  void recognisesCommonNames(String name, String id) {
    assertThat(LicenseNames.spdxIdsFor(name)).contains(id);
  }

  @Test
  void leavesUnknownNamesUnrecognised() {
    for (String name : List.of("research-only", "Proprietary", "Llama 3 Community License", "")) {
      assertThat(LicenseNames.spdxIdsFor(name)).as(name).isEmpty();
    }
  }

  @Test
  void doesNotReadPermissiveNamesAsNonCommercial() {
    assertThat(LicenseNames.spdxIdsFor("Creative Commons Attribution 4.0 International"))
        .containsExactly("CC-BY-4.0");
  }

  @Test
  void dashesWhitespaceAndUnderscoresAndDropsInvisibleCharacters() {
    assertThat(LicenseNames.dashed("CC\u00a0BY_NC \u2003 4.0")).isEqualTo("CC-BY-NC-4.0");
    assertThat(LicenseNames.dashed("CC-BY-N\u200bC-4.0\ufeff")).isEqualTo("CC-BY-NC-4.0");
    assertThat(LicenseNames.dashed("  research only  ")).isEqualTo("research-only");
  }
}
