package dev.modelseal;

import dev.modelseal.internal.bundle.BundleParser;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.digest.ModelReader;
import java.nio.file.Path;
import java.util.List;
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
   * log entries, timestamps, certificate and identity. A policy that requires attestations or an
   * SBOM is refused with {@link IllegalArgumentException}: those rules judge a whole delivery unit
   * and need {@link VerifiedModel#load}, and silently skipping them would accept too much.
   */
  public static VerifiedSignature verify(Path bundle, Digests digests, Policy policy)
      throws ModelVerificationException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(digests, "digests");
    requireSignatureOnly(policy);
    return FailClosed.run(bundle, Reason.MALFORMED_BUNDLE,
        () -> verify(bundle, BundleParser.parse(bundle), digests, policy));
  }

  /**
   * Verifies {@code bundle} over the file {@code artifact}, exactly as {@link #verify(Path, Digests,
   * Policy)} does over its digests: the file is read once to compute the digests the bundle needs,
   * nothing is kept, and no other evidence (nothing next to the file, no {@code metadata.json}) is
   * looked at. This is the sigstore-conformance client's file form.
   */
  public static VerifiedSignature verify(Path bundle, Path artifact, Policy policy)
      throws ModelVerificationException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(artifact, "artifact");
    requireSignatureOnly(policy);
    return FailClosed.run(bundle, Reason.MALFORMED_BUNDLE, () -> {
      SignedEvidence evidence = BundleParser.parse(bundle);
      Digests digests =
          new Digests(ModelReader.digest(artifact, VerifiedModel.algorithmsNeeded(List.of(evidence), policy)));
      return verify(bundle, evidence, digests, policy);
    });
  }

  private static void requireSignatureOnly(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    if (!policy.attestations().isEmpty() || policy.sbom().isPresent()) {
      throw new IllegalArgumentException("this policy requires attestations or an SBOM; verify the"
          + " model with VerifiedModel.load, which applies those rules, rather than one bundle");
    }
  }

  private static VerifiedSignature verify(Path bundle, SignedEvidence evidence, Digests digests, Policy policy)
      throws ModelVerificationException {
    VerifiedSignature v = EvidenceVerifier.verify(evidence, digests, policy);
    List<Check> marks = Verdict.settle(v.violations(), policy.mode(), bundle.toString());
    return marks.isEmpty() ? v : v.withChecks(marks);
  }
}
