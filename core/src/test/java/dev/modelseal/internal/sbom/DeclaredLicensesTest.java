package dev.modelseal.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.license.Expression;
import org.junit.jupiter.api.Test;

class DeclaredLicensesTest {

  @Test
  void splitsExpressionIntoLicenseTerms() {
    Component component = new Component();
    LicenseChoice choice = new LicenseChoice();
    choice.setExpression(
        new Expression("(MIT or Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0"));
    component.setLicenses(choice);

    assertThat(DeclaredLicenses.of(component).terms())
        .containsExactly("MIT", "Apache-2.0", "GPL-2.0-only", "Classpath-exception-2.0");
  }

  @Test
  void collectsIdsAndNamesSkippingBlanksAndDuplicates() {
    Component component = new Component();
    LicenseChoice choice = new LicenseChoice();
    License id = new License();
    id.setId("Apache-2.0");
    License name = new License();
    name.setName("  ");
    License again = new License();
    again.setId("Apache-2.0");
    again.setName("Custom Terms");
    choice.addLicense(id);
    choice.addLicense(name);
    choice.addLicense(again);
    component.setLicenses(choice);

    assertThat(DeclaredLicenses.of(component).terms()).containsExactly("Apache-2.0", "Custom Terms");
  }

  @Test
  void isEmptyWithoutLicenses() {
    assertThat(DeclaredLicenses.of(new Component()).isEmpty()).isTrue();
  }
}
