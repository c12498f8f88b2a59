package dev.modelseal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Verifies a signature bundle against an artifact digest alone ({@code sha256:<hex>}), for callers
 * that never hold the artifact: the sigstore-conformance client protocol, registries, audits. To
 * load a model, use {@link VerifiedModel#load} instead, which also keeps the verified bytes.
 */
public final class BundleVerifier {
  private BundleVerifier() {}

  /**
   * Verifies {@code bundle} (Sigstore v0.1–v0.3 or legacy cosign) over {@code digests}: signature,
   * log entries, timestamps, certificate, then the signer against the policy. A policy that requires
   * attestations or an SBOM is refused with {@link IllegalArgumentException}: those rules judge a
   * whole delivery unit and need {@link VerifiedModel#load}, and silently skipping them would accept
   * too much. The same steps as {@link ModelVerifier#verifyBundle(Path, Digests)}.
   */
  public static VerifiedSignature verify(Path bundle, Digests digests, Policy policy)
      throws ModelVerificationException {
    Objects.requireNonNull(policy, "policy");
    return ModelVerifier.of(policy).verifyBundle(bundle, digests);
  }

  /**
   * Verifies {@code bundle} over the file {@code artifact}, exactly as {@link #verify(Path, Digests,
   * Policy)} does over its digests: the file is read once to compute the digests the bundle needs,
   * nothing is kept, and no other evidence (nothing next to the file, no {@code metadata.json}) is
   * looked at. This is the sigstore-conformance client's file form.
   */
  public static VerifiedSignature verify(Path bundle, Path artifact, Policy policy)
      throws ModelVerificationException {
    Objects.requireNonNull(policy, "policy");
    return ModelVerifier.of(policy).verifyBundle(bundle, artifact);
  }
}
