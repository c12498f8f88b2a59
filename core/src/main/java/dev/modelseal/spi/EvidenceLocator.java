package dev.modelseal.spi;

import dev.modelseal.ModelVerificationException;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells {@code VerifiedModel.load} where a model's evidence is, for frameworks that keep bundles
 * somewhere other than next to the model (a registry cache, an OCI layout, a database export).
 * Locating is not trusting: every file returned is verified exactly like a discovered one, and a
 * locator can only add evidence to check, never skip a check. A locator that throws (checked or
 * not, a stack overflow included) or returns null refuses the model with {@code
 * Reason.MISSING_EVIDENCE}; the limits on evidence (count, sizes) apply to what it returns too.
 */
@FunctionalInterface
public interface EvidenceLocator {
  /** The evidence for {@code model}; the signature list must not be empty for the load to pass. */
  Evidence locate(Path model) throws ModelVerificationException;

  /** Signature bundles, attestation bundles and SBOM attestation bundles, in the order to verify. */
  record Evidence(List<Path> signatures, List<Path> attestations, List<Path> sboms) {
    public Evidence {
      signatures = List.copyOf(signatures);
      attestations = List.copyOf(attestations);
      sboms = List.copyOf(sboms);
    }
  }
}
