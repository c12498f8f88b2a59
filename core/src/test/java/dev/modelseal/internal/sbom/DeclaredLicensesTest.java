package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.internal.sbom.DeclaredLicenses.Declared;
import dev.modelseal.internal.sbom.DeclaredLicenses.Kind;
import org.junit.jupiter.api.Test;

class DeclaredLicensesTest {

  @Test
  void collectsIdsNamesAndExpressionsInDocumentOrderSkippingBlanks() {
    DeclaredLicenses licenses =
        DeclaredLicenses.of(
            parse(
                """
                {"licenses": [
                  {"license": {"id": "Apache-2.0"}},
                  {"license": {"name": "  "}},
                  {"license": {"name": " Custom Terms "}},
                  {"expression": "MIT OR CC-BY-4.0"}
                ]}
                """));

    assertThat(licenses.declared())
        .containsExactly(
            new Declared(Kind.ID, "Apache-2.0"),
            new Declared(Kind.NAME, "Custom Terms"),
            new Declared(Kind.EXPRESSION, "MIT OR CC-BY-4.0"));
  }

  @Test
  void isEmptyWithoutLicenses() {
    assertThat(DeclaredLicenses.of(parse("{\"name\": \"x\"}")).isEmpty()).isTrue();
    assertThat(DeclaredLicenses.of(parse("{\"licenses\": []}")).isEmpty()).isTrue();
  }
}
