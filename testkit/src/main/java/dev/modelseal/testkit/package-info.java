/**
 * An in-process fake Sigstore (Fulcio, certificate transparency log, Rekor v1 log and RFC 3161
 * time-stamping authority) that signs files into real-format evidence which independent
 * verifiers (sigstore-java, sigstore-js) accept.
 *
 * <p>Start at {@link dev.modelseal.testkit.FakeSigstore}. All keys are generated in memory for
 * each instance and never leave it: the evidence is trustworthy only to a verifier that is given
 * that instance's {@code trusted_root.json}. This package is test infrastructure, never for
 * production signing.
 */
package dev.modelseal.testkit;
