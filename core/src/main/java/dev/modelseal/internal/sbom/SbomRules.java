package dev.modelseal.internal.sbom;

import java.util.List;
import java.util.Objects;

/**
 * Policy rules for a CycloneDX ML-BOM; the defaults are strict (a model component and licensed
 * datasets are required), and every loosening is an explicit argument.
 *
 * @param requireModelComponent a component of type {@code machine-learning-model} must exist
 *     (anywhere, nested components included)
 * @param requireDatasetLicenses every {@code data} component, and every dataset a model card names,
 *     must carry at least one license
 * @param deniedLicenses case-insensitive globs ({@code *} any run of characters, {@code ?} one
 *     character) matched against each SPDX id, license name and license-expression term, e.g.
 *     {@code "*-NC-*"} or {@code "research-only"}
 * @param requiredModelCardFields dotted paths under each model component's {@code modelCard} that
 *     must be present and non-empty, e.g. {@code "modelParameters.task"}; a numeric segment indexes
 *     an array
 * @param limits limits on the input document
 */
public record SbomRules(
    boolean requireModelComponent,
    boolean requireDatasetLicenses,
    List<String> deniedLicenses,
    List<String> requiredModelCardFields,
    SbomLimits limits) {

  /** Validates and copies the arguments; blank globs and malformed dotted paths are rejected. */
  public SbomRules {
    deniedLicenses = List.copyOf(deniedLicenses);
    requiredModelCardFields = List.copyOf(requiredModelCardFields);
    Objects.requireNonNull(limits, "limits");
    for (String glob : deniedLicenses) {
      if (glob.isBlank()) {
        throw new IllegalArgumentException("deniedLicenses contains a blank glob");
      }
    }
    for (String path : requiredModelCardFields) {
      ModelCardPath.parse(path);
    }
  }

  /** Returns the strict defaults: model component and dataset licenses required, nothing denied. */
  public static SbomRules defaults() {
    return new SbomRules(true, true, List.of(), List.of(), SbomLimits.defaults());
  }

  /** Tells whether any rule that only an ML-BOM (CycloneDX 1.6) can satisfy is enabled. */
  boolean hasMlRules() {
    return requireModelComponent || requireDatasetLicenses || !requiredModelCardFields.isEmpty();
  }
}
