package dev.modelseal;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.cyclonedx.model.Bom;

/**
 * A model whose evidence verified under a policy, holding exactly the bytes that were hashed: the
 * result of {@link ModelVerifier}. It is a pure result: it verifies nothing itself, and the only way
 * to get one is a verifier ({@link #load} is the one-line convenience). The model's path is never
 * re-opened, so the bytes a loader gets are the bytes that were verified. A model admitted in AUDIT
 * mode despite policy violations says so in {@link #status()}; loaders refuse it unless told
 * otherwise. A caller that only needs the verdict uses {@link ModelVerifier#check}, which keeps no
 * bytes; the facts both establish are {@link #verification()}.
 */
public final class VerifiedModel implements AutoCloseable {
  private final Verification verification;
  private final VerifiedArtifact artifact;
  private final AutoCloseable content;

  VerifiedModel(Verification verification, VerifiedArtifact artifact, AutoCloseable content) {
    this.verification = verification;
    this.artifact = artifact;
    this.content = content;
  }

  /** Verifies {@code model} with the evidence found next to it, kept in memory. */
  public static VerifiedModel load(Path model, Policy policy) throws ModelVerificationException {
    return load(model, policy, LoadOptions.defaults());
  }

  /**
   * Verifies {@code model} under {@code policy}: {@code ModelVerifier.of(policy).load(model,
   * options)}; a service that loads several models builds the {@link ModelVerifier} once.
   *
   * <p>Evidence: the signature bundle ({@code <model>.bundle} or {@code .sigstore.json}),
   * attestations ({@code .attest.bundle}) and SBOM ({@code .sbom.bundle}), plus whatever a {@code
   * metadata.json}, the explicit bundle or an evidence locator adds. All evidence present is
   * verified; the model is read once for all of it.
   *
   * <p>Bounded before anything is parsed: at most 32 evidence files, each a regular file of at
   * most 16 MiB, 64 MiB in all, each physical file (hard links, symlinks, repeated names) read
   * once; a {@code metadata.json} of at most 1 MiB; a model and evidence that are not regular files
   * (FIFOs, devices, directories) are refused without being opened. Kept in memory, a model larger
   * than the heap is refused with {@link Reason#MODEL_TOO_LARGE_FOR_MEMORY} before it is read: use
   * {@link LoadOptions.Builder#snapshotDirectory}. Only {@link ModelVerificationException} leaves
   * this method (an unexpected failure inside it is {@link Reason#INTERNAL_ERROR}), apart from the
   * {@link NullPointerException} of a null argument.
   */
  public static VerifiedModel load(Path model, Policy policy, LoadOptions options)
      throws ModelVerificationException {
    Objects.requireNonNull(policy, "policy");
    return ModelVerifier.of(policy).load(model, options);
  }

  /** What the verification established, without the bytes (what {@link ModelVerifier#check} returns). */
  public Verification verification() {
    return verification;
  }

  /** The path the model was read from (informational: it is never read again). */
  public Path path() {
    return verification.path();
  }

  /** See {@link Verification#digests()}. */
  public Digests digests() {
    return verification.digests();
  }

  /** The signer of the (first) signature. */
  public Signer signer() {
    return verification.signer();
  }

  /** See {@link Verification#signingTime()}. */
  public Optional<Instant> signingTime() {
    return verification.signingTime();
  }

  /** The transparency log index of the (first) signature bundle. */
  public OptionalLong logIndex() {
    return verification.logIndex();
  }

  /** Every verified attestation (custom predicates, SBOM, provenance), in discovery order. */
  public List<VerifiedAttestation> attestations() {
    return verification.attestations();
  }

  /** The predicate of the first attestation of a type (URI or cosign short name), as JSON. */
  public Optional<String> predicate(String predicateTypeOrAlias) {
    return verification.predicate(predicateTypeOrAlias);
  }

  /** See {@link Verification#sbom()}. */
  public Optional<Bom> sbom() {
    return verification.sbom();
  }

  /** Every verified signature bundle, in discovery order. */
  public List<VerifiedSignature> signatures() {
    return verification.signatures();
  }

  /**
   * {@link VerificationStatus#VERIFIED}, or {@link VerificationStatus#ADMITTED_WITH_VIOLATIONS}
   * when AUDIT mode admitted the model despite the {@link #violations()}.
   */
  public VerificationStatus status() {
    return verification.status();
  }

  /** The policy violations AUDIT mode admitted the model with; empty when it is {@code VERIFIED}. */
  public List<ModelVerificationException.Failure> violations() {
    return verification.violations();
  }

  /** The verified files by relative name, with their bytes: one for a single-file model. */
  public VerifiedArtifact artifact() {
    return artifact;
  }

  /** Every check made, in order. */
  public VerificationReport report() {
    return verification.report();
  }

  /** The number of verified bytes (of all files, for a directory). */
  public long size() {
    return verification.size();
  }

  /** A fresh stream over the verified bytes of a single-file model. */
  public InputStream openStream() {
    return single().openStream();
  }

  /** A fresh stream over the verified bytes of the file {@code relativeName}. */
  public InputStream openStream(String relativeName) {
    return artifact.file(relativeName).orElseThrow(() -> new IllegalArgumentException("the verified model has"
        + " no file " + relativeName + "; it has " + artifact.files().keySet())).openStream();
  }

  /** Read-only views of the verified bytes of a single-file model, in order (several for large models). */
  public List<ByteBuffer> buffers() {
    return single().buffers();
  }

  private VerifiedFile single() {
    if (artifact.files().size() != 1) {
      throw new IllegalStateException("the verified model has " + artifact.files().size() + " files; name"
          + " one (openStream(name), artifact().file(name))");
    }
    return artifact.files().values().iterator().next();
  }

  /** Releases the content; snapshot files are deleted. */
  @Override
  public void close() {
    try {
      content.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("could not release the verified content", e);
    }
  }
}
