package dev.modelseal.internal.sbom;

import dev.modelseal.internal.sbom.DeclaredLicenses.Declared;
import dev.modelseal.internal.sbom.DeclaredLicenses.Kind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reports every component and service, wherever it sits in the BOM (see {@link BomComponents}), that
 * states a license matching a denied glob, and every license expression that is not a valid SPDX
 * expression, since its terms cannot be known.
 *
 * <p>Each license id, license name and expression term is matched as written, with whitespace and
 * underscores read as {@code -} ({@link LicenseNames#dashed}), and as each SPDX id it is recognised
 * as ({@link LicenseNames#spdxIdsFor}). Expression terms are the license ids and references and the
 * exception ids of {@link SpdxExpression}; each is matched on its own, so a denied license is found
 * even as one alternative of an {@code OR}: which alternative a consumer takes is not visible in the
 * BOM, so the stricter reading is used.
 */
final class DeniedLicenseRule implements BomRule {

  private final List<LicenseGlob> denied;

  DeniedLicenseRule(List<String> deniedGlobs) {
    this.denied = deniedGlobs.stream().map(LicenseGlob::new).toList();
  }

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    for (BomComponent component : bom.components().all()) {
      check(component.label(), DeclaredLicenses.of(component.node()), violations);
    }
    for (BomService service : bom.components().services()) {
      check(service.label(), DeclaredLicenses.of(service.node()), violations);
    }
  }

  private void check(String label, DeclaredLicenses licenses, List<String> violations) {
    for (Declared declared : licenses.declared()) {
      if (declared.kind() != Kind.EXPRESSION) {
        checkTerm(label, declared, declared.text(), violations);
        continue;
      }
      SpdxExpression expression;
      try {
        expression = SpdxExpression.parse(declared.text());
      } catch (SpdxExpression.InvalidException e) {
        violations.add(
            label + ": expected a valid SPDX license expression, found '" + declared.text()
                + "', which " + e.getMessage() + "; its licenses cannot be checked");
        continue;
      }
      for (String term : expression.licenses()) {
        checkTerm(label, declared, term, violations);
      }
      for (String term : expression.exceptions()) {
        checkTerm(label, declared, term, violations);
      }
    }
  }

  private void checkTerm(String label, Declared declared, String term, List<String> violations) {
    Set<String> readings = new LinkedHashSet<>();
    readings.add(term);
    readings.add(LicenseNames.dashed(term));
    readings.addAll(LicenseNames.spdxIdsFor(term));
    for (LicenseGlob glob : denied) {
      for (String reading : readings) {
        if (glob.matches(reading)) {
          violations.add(
              label + ": expected no license matching denied pattern '" + glob + "', found "
                  + declared.kind() + " '" + declared.text() + "'"
                  + (reading.equals(declared.text()) ? "" : " (read as '" + reading + "')"));
          return;
        }
      }
    }
  }
}
