/**
 * An in-process fake Sigstore (Fulcio, certificate transparency log, Rekor v1 log, RFC 3161
 * time-stamping authority, and a TUF repository that distributes its trust root) that signs and
 * attests files into real-format evidence which independent verifiers (sigstore-java,
 * sigstore-js) accept.
 *
 * <p>Start at {@link dev.modelseal.testkit.FakeSigstore}:
 *
 * <ul>
 *   <li>signatures: {@link dev.modelseal.testkit.KeylessSigner#signBundle}, {@link
 *       dev.modelseal.testkit.KeySigner#signBundle}, legacy cosign bundles, and {@link
 *       dev.modelseal.testkit.FakeSigstore#fixture fixtures} with one planted {@link
 *       dev.modelseal.testkit.Tamper defect};
 *   <li>attestations (DSSE, in-toto): {@link dev.modelseal.testkit.KeylessSigner#attest}, {@link
 *       dev.modelseal.testkit.KeySigner#attest}, {@code attestLegacyCosign}, with {@link
 *       dev.modelseal.testkit.Predicates}, {@link dev.modelseal.testkit.PredicateTypes}, {@link
 *       dev.modelseal.testkit.StatementType} and {@link dev.modelseal.testkit.AttestationEntryKind};
 *   <li>ML-BOMs: {@link dev.modelseal.testkit.MlBom}; a real ONNX model: {@link
 *       dev.modelseal.testkit.TinyOnnx};
 *   <li>a whole delivery unit (model, signature, attestation, SBOM, metadata.json, trusted root)
 *       with one planted {@link dev.modelseal.testkit.AttestationTamper defect}: {@link
 *       dev.modelseal.testkit.FakeSigstore#deliveryUnit()}.
 *   <li>a signed TUF repository on a loopback port that serves a fake Sigstore's {@code
 *       trusted_root.json}, publishes new versions and can turn hostile (expired timestamp,
 *       rollback, bad signature): {@link dev.modelseal.testkit.FakeTufRepository}.
 * </ul>
 *
 * <p>All keys are generated in memory for each instance and never leave it: the evidence is
 * trustworthy only to a verifier that is given that instance's {@code trusted_root.json}. This
 * package is test infrastructure, never for production signing.
 */
package dev.modelseal.testkit;
