package dev.modelseal.internal.policyfile;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.SbomPolicy;
import dev.modelseal.internal.sbom.SbomLimits;
import dev.modelseal.internal.sbom.SbomRules;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code sbom} section of a policy file into an {@link SbomPolicy}. Omitted fields keep
 * {@link SbomPolicy}'s strict defaults (model component and dataset licenses required), so an empty
 * section means "require a CycloneDX ML-BOM under the defaults".
 */
final class SbomSection {
  static final Set<String> FIELDS = Set.of("requireModelComponent", "requireDatasetLicenses",
      "deniedLicenses", "requiredModelCardFields", "limits");
  private static final Set<String> LIMIT_FIELDS = Set.of("maxBytes", "maxDepth", "maxComponents");

  private SbomSection() {}

  static SbomPolicy read(PolicyNode sbom) throws ModelVerificationException {
    sbom.allowOnly(FIELDS);
    SbomRules defaults = SbomRules.defaults();
    SbomPolicy.Builder b = SbomPolicy.builder()
        .requireModelComponent(sbom.optBoolean("requireModelComponent", defaults.requireModelComponent()))
        .requireDatasetLicenses(sbom.optBoolean("requireDatasetLicenses", defaults.requireDatasetLicenses()));
    for (PolicyNode glob : sbom.list("deniedLicenses")) {
      if (glob.text().isBlank()) {
        throw glob.error("a license glob must not be blank");
      }
      b.denyLicenses(glob.text());
    }
    for (PolicyNode field : sbom.list("requiredModelCardFields")) {
      String path = field.text();
      try {
        new SbomRules(true, true, List.of(), List.of(path), defaults.limits());
      } catch (IllegalArgumentException e) {
        throw field.error(e.getMessage());
      }
      b.requireModelCardFields(path);
    }
    PolicyNode limits = sbom.opt("limits");
    if (limits != null) {
      limits.allowOnly(LIMIT_FIELDS);
      SbomLimits d = defaults.limits();
      b.limits(
          limits.optLong("maxBytes", 1, Long.MAX_VALUE, d.maxBytes()),
          (int) limits.optLong("maxDepth", 1, SbomLimits.MAX_DEPTH_CEILING, d.maxDepth()),
          (int) limits.optLong("maxComponents", 1, Integer.MAX_VALUE, d.maxComponents()));
    }
    return b.build();
  }
}
