package dev.modelseal.testkit;

import java.nio.file.Path;

/**
 * A model with its Sigstore bundle and trusted root on disk, plus the identity and issuer a
 * consumer's policy expects; {@link #tamper} names the one defect planted in the evidence.
 *
 * @param model the model file ({@code model.bin})
 * @param signature its signature, a v0.3 Sigstore bundle ({@code model.bin.sigstore.json}); named as
 *     {@link DeliveryUnit#signature()} is
 * @param trustedRoot the trusted root of the {@link FakeSigstore} that made it ({@code trusted_root.json})
 * @param identity the certificate identity a policy should require (the good one, even when the
 *     bundle was signed by another)
 * @param issuer the OIDC issuer a policy should require (the good one)
 * @param tamper the defect planted, or {@link Tamper#NONE}
 */
public record Fixture(Path model, Path signature, Path trustedRoot, String identity, String issuer, Tamper tamper) {}
