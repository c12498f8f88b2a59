package dev.modelseal.testkit;

/**
 * The single defect a {@link DeliveryUnit} carries: in its model, its attestation or its SBOM;
 * everything else in the unit (signatures, certificates, log entries, the other bundles) stays
 * valid, so a verifier must reject it for exactly this reason.
 */
public enum AttestationTamper {
  /** Nothing is wrong: the unit must verify. */
  NONE,
  /**
   * One byte of the model file (the middle one) was flipped after all evidence was made over the
   * original bytes, as {@link Tamper#FLIPPED_MODEL_BYTE} does for a {@link Fixture}; {@link
   * DeliveryUnit#modelSha256Hex()} stays the digest that was signed.
   */
  FLIPPED_MODEL_BYTE,
  /**
   * The custom attestation's one subject has the model's name but the SHA-256 of other content
   * ({@link #OTHER_CONTENT}); validly signed and logged.
   */
  WRONG_SUBJECT,
  /**
   * The custom attestation's predicate is unchanged but its {@code predicateType} is {@link
   * #OTHER_PREDICATE_TYPE} instead of {@link PredicateTypes#COSIGN_CUSTOM}.
   */
  WRONG_PREDICATE_TYPE,
  /**
   * The custom attestation's predicate has {@code eval.accuracy} {@link #FAILING_ACCURACY} (0.80),
   * everything else in it as in the valid unit; signed and logged properly.
   */
  FAILING_PREDICATE,
  /** The SBOM's dataset components carry no {@code licenses}; the datasets themselves are kept. */
  SBOM_WITHOUT_DATASET_LICENSES,
  /** The SBOM's first dataset is licensed {@link #DENIED_LICENSE} (CC-BY-NC-4.0). */
  SBOM_DENIED_LICENSE,
  /**
   * The SBOM's model component states the SHA-256 of {@link #OTHER_CONTENT}; the SBOM
   * attestation's subject is still the real model.
   */
  SBOM_MODEL_HASH_MISMATCH;

  /** The predicate type {@link #WRONG_PREDICATE_TYPE} uses. */
  public static final String OTHER_PREDICATE_TYPE = "https://modelseal.test/attestation/unexpected/v1";
  /** The accuracy {@link #FAILING_PREDICATE} writes, as a JSON number literal. */
  public static final String FAILING_ACCURACY = "0.80";
  /** The license {@link #SBOM_DENIED_LICENSE} writes. */
  public static final String DENIED_LICENSE = "CC-BY-NC-4.0";
  /** The bytes whose SHA-256 stands in for the model where a digest is tampered with. */
  public static final String OTHER_CONTENT = "modelseal testkit: not the model";
}
