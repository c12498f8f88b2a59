package dev.modelseal.testkit;

/**
 * The in-toto {@code predicateType} URIs that cosign's {@code --type} values and other common
 * tools produce (formats notes §3, §5).
 */
public final class PredicateTypes {
  /** cosign {@code --type custom} (its default): predicate wrapped by {@link Predicates#cosignCustom}. */
  public static final String COSIGN_CUSTOM = "https://cosign.sigstore.dev/attestation/v1";
  /** cosign {@code --type vuln}. */
  public static final String COSIGN_VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";
  /** cosign {@code --type cyclonedx}: the CycloneDX BOM itself is the predicate (not wrapped). */
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";
  /** What very old cosign used for CycloneDX, with the BOM wrapped in {@code Data}. */
  public static final String CYCLONEDX_LEGACY = "https://cyclonedx.org/schema";
  /** cosign {@code --type spdxjson}. */
  public static final String SPDX = "https://spdx.dev/Document";
  /** cosign {@code --type slsaprovenance}. */
  public static final String SLSA_PROVENANCE_V0_2 = "https://slsa.dev/provenance/v0.2";
  /** cosign {@code --type slsaprovenance1}; GitHub artifact attestations. */
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
  /** OpenSSF Model Signing v1.0 signatures. */
  public static final String MODEL_SIGNING_V1_0 = "https://model_signing/signature/v1.0";

  private PredicateTypes() {}
}
