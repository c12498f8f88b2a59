/**
 * Signs models as OpenSSF Model Signing ({@code model_signing} 1.x, the OMS format) does, so that
 * OMS verifiers can be tested offline: {@link dev.modelseal.testkit.oms.ModelSigning} computes the
 * manifest and in-toto statement of a model directory or file ({@code files} or {@code shards},
 * SHA-256, BLAKE2b or BLAKE3) and writes {@code model.sig} with one of the three signing methods:
 * {@link dev.modelseal.testkit.oms.OmsKeySigner key}, {@link
 * dev.modelseal.testkit.oms.OmsCertificateSigner certificate} or {@link
 * dev.modelseal.testkit.oms.OmsSigner#keyless keyless} through a {@link
 * dev.modelseal.testkit.FakeSigstore}. {@link dev.modelseal.testkit.oms.ModelTamper} and the
 * signers' {@code with…} defects make the cases a verifier must reject.
 *
 * <p>All keys and CAs are generated in memory per instance. Test infrastructure, never for
 * production signing.
 */
package dev.modelseal.testkit.oms;
