package dev.modelseal.internal.sbom;

import java.util.List;

/**
 * Reports every component (nested and metadata component included) that declares a license term
 * matching a denied glob; see {@link DeclaredLicenses} for which terms are matched.
 */
final class DeniedLicenseRule implements BomRule {

  private final List<LicenseGlob> denied;

  DeniedLicenseRule(List<String> deniedGlobs) {
    this.denied = deniedGlobs.stream().map(LicenseGlob::new).toList();
  }

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    for (BomComponent component : bom.components().all()) {
      for (String term : DeclaredLicenses.of(component.model()).terms()) {
        denied.stream()
            .filter(glob -> glob.matches(term))
            .findFirst()
            .ifPresent(
                glob ->
                    violations.add(
                        component.label() + ": expected no license matching denied pattern '"
                            + glob + "', found license '" + term + "'"));
      }
    }
  }
}
