package dev.modelseal.internal.sbom;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;

/**
 * The license terms a component declares: each SPDX id and license name, and each license term of
 * its SPDX expression (operators {@code AND}, {@code OR}, {@code WITH} and parentheses removed).
 *
 * <p>Expression terms are matched one by one, so a denied license is found even as one alternative
 * of an {@code OR}: which alternative a consumer takes is not visible in the BOM, so the stricter
 * reading is used. Reads {@code licenses} from the cyclonedx model ({@link LicenseChoice}).
 */
record DeclaredLicenses(List<String> terms) {

  private static final Set<String> OPERATORS = Set.of("AND", "OR", "WITH");

  DeclaredLicenses {
    terms = List.copyOf(terms);
  }

  /** Collects the non-blank license terms the component declares. */
  static DeclaredLicenses of(Component component) {
    Set<String> terms = new LinkedHashSet<>();
    LicenseChoice choice = component.getLicenses();
    if (choice != null) {
      if (choice.getLicenses() != null) {
        for (License license : choice.getLicenses()) {
          addIfPresent(terms, license.getId());
          addIfPresent(terms, license.getName());
        }
      }
      if (choice.getExpression() != null && choice.getExpression().getValue() != null) {
        for (String token : choice.getExpression().getValue().split("[\\s()]+")) {
          if (!OPERATORS.contains(token.toUpperCase(Locale.ROOT))) {
            addIfPresent(terms, token);
          }
        }
      }
    }
    return new DeclaredLicenses(new ArrayList<>(terms));
  }

  private static void addIfPresent(Set<String> terms, String term) {
    if (term != null && !term.isBlank()) {
      terms.add(term.strip());
    }
  }

  /** Tells whether the component declares no license at all. */
  boolean isEmpty() {
    return terms.isEmpty();
  }
}
