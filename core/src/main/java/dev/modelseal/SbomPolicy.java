package dev.modelseal;

import dev.modelseal.internal.sbom.SbomLimits;
import dev.modelseal.internal.sbom.SbomRules;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CycloneDX ML-BOM attestation must show. Defaults: a {@code machine-learning-model}
 * component must exist (its SHA-256 hashes, where given, must equal the model's digest) and every
 * {@code data} component must carry a license; no license is denied, no model-card field required.
 */
public final class SbomPolicy {
  private final SbomRules rules;

  private SbomPolicy(SbomRules rules) {
    this.rules = rules;
  }

  /** The defaults described above. */
  public static SbomPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  SbomRules rules() {
    return rules;
  }

  /** Builds an {@link SbomPolicy}. */
  public static final class Builder {
    private boolean requireModelComponent = true;
    private boolean requireDatasetLicenses = true;
    private final List<String> deniedLicenses = new ArrayList<>();
    private final List<String> requiredModelCardFields = new ArrayList<>();
    private SbomLimits limits = SbomLimits.defaults();

    private Builder() {}

    public Builder requireModelComponent(boolean required) {
      this.requireModelComponent = required;
      return this;
    }

    /** Whether every dataset ({@code data} component) must carry a license (default true). */
    public Builder requireDatasetLicenses(boolean required) {
      this.requireDatasetLicenses = required;
      return this;
    }

    /** Refuses components whose license id, name or expression matches a glob, e.g. {@code *-NC-*}. */
    public Builder denyLicenses(String... globs) {
      deniedLicenses.addAll(List.of(globs));
      return this;
    }

    /** Requires dotted model-card paths, e.g. {@code modelParameters.task}, to be present. */
    public Builder requireModelCardFields(String... paths) {
      requiredModelCardFields.addAll(List.of(paths));
      return this;
    }

    /** Bounds on the untrusted BOM: bytes, JSON nesting depth, number of components. */
    public Builder limits(long maxBytes, int maxDepth, int maxComponents) {
      this.limits = new SbomLimits(maxBytes, maxDepth, maxComponents);
      return this;
    }

    public SbomPolicy build() {
      return new SbomPolicy(new SbomRules(requireModelComponent, requireDatasetLicenses,
          List.copyOf(deniedLicenses), List.copyOf(requiredModelCardFields), limits));
    }
  }
}
