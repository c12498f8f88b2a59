package dev.modelseal.testkit;

/**
 * The Rekor v1 entry type that logs an attestation's DSSE envelope. Message signatures always use
 * {@code hashedrekord 0.0.1}.
 */
public enum AttestationEntryKind {
  /**
   * {@code dsse 0.0.1}: envelope hash, payload hash and the signatures with their verifiers; what
   * current clients upload, and what Sigstore bundles get by default.
   */
  DSSE,
  /**
   * {@code intoto 0.0.2} as Rekor logs it: the envelope's payload type and signatures (each {@code
   * sig} double base64, {@code publicKey} base64 PEM), the envelope hash and the payload hash,
   * without the payload, which Rekor drops when it canonicalizes the entry. Older cosign uploaded
   * this type; legacy cosign bundles get it by default.
   */
  INTOTO,
  /**
   * {@code intoto 0.0.2} with the envelope's payload kept (double base64), i.e. the entry as cosign
   * proposes it before Rekor canonicalizes it. Verifiers must not rely on the payload being there.
   */
  INTOTO_WITH_PAYLOAD
}
