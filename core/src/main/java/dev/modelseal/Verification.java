package dev.modelseal;

import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.delivery.Evidence;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cyclonedx.model.Bom;

/**
 * What verifying a model established: its digests, signers, attestations, SBOM, every check made
 * and, in AUDIT mode, the violations it was admitted with. It holds no bytes of the model: {@link
 * ModelVerifier#check} returns it after hashing the model as a stream, so a verifier that never
 * loads (a CLI, an admission hook) runs in constant memory whatever the model's size. A {@link
 * VerifiedModel} carries the same facts ({@link VerifiedModel#verification()}) with the bytes.
 * Only a verifier creates one: it exists only for a model whose evidence verified.
 */
public final class Verification {
  private final Path path;
  private final Digests digests;
  private final List<VerifiedSignature> signatures;
  private final List<VerifiedAttestation> attestations;
  private final Bom sbom;
  private final List<ModelVerificationException.Failure> violations;
  private final VerificationReport report;
  private final SortedMap<String, CheckedFile> files;

  Verification(Path path, Digests digests, List<VerifiedSignature> verified, PolicyEvaluator.Result judged,
      List<Check> report, Map<String, CheckedFile> files) {
    this.path = path;
    this.digests = digests;
    this.signatures = verified.stream().filter(v -> v.role() != Evidence.Role.ATTESTATION
        && v.role() != Evidence.Role.SBOM).toList();
    this.attestations = List.copyOf(judged.attestations());
    this.sbom = judged.sbom();
    this.violations = List.copyOf(judged.violations());
    this.report = new VerificationReport(report);
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /** The path the model was read from (informational: it is never read again). */
  public Path path() {
    return path;
  }

  /**
   * The digests of the model: of the file for a single file; for a model signed with OpenSSF Model
   * Signing, of the manifest the signature signs (what attestations name as their subject).
   */
  public Digests digests() {
    return digests;
  }

  /** The signer of the (first) signature. */
  public Signer signer() {
    return signatures.get(0).signer();
  }

  /**
   * The earliest verified signing time of the (first) signature: a SET's integrated time or an RFC
   * 3161 timestamp, or for an OpenSSF Model Signing certificate signature the leaf's notBefore
   * (the time its chain was judged at); empty for a key signature without a log, which has none.
   */
  public Optional<Instant> signingTime() {
    return signatures.get(0).signingTime();
  }

  /** The transparency log index of the (first) signature bundle. */
  public OptionalLong logIndex() {
    return signatures.get(0).logIndex();
  }

  /** Every verified attestation (custom predicates, SBOM, provenance), in discovery order. */
  public List<VerifiedAttestation> attestations() {
    return attestations;
  }

  /** The predicate of the first attestation of a type (URI or cosign short name), as JSON. */
  public Optional<String> predicate(String predicateTypeOrAlias) {
    String type = Predicates.resolveType(predicateTypeOrAlias);
    return attestations.stream().filter(a -> Predicates.sameType(a.predicateType(), type))
        .findFirst().map(VerifiedAttestation::predicateJson);
  }

  /**
   * The parsed CycloneDX BOM of the SBOM attestation, if there is one. The type is
   * cyclonedx-core-java's, on purpose: it is the model of the document.
   */
  public Optional<Bom> sbom() {
    return Optional.ofNullable(sbom);
  }

  /** Every verified signature bundle, in discovery order. */
  public List<VerifiedSignature> signatures() {
    return signatures;
  }

  /**
   * {@link VerificationStatus#VERIFIED}, or {@link VerificationStatus#ADMITTED_WITH_VIOLATIONS}
   * when AUDIT mode admitted the model despite the {@link #violations()}.
   */
  public VerificationStatus status() {
    return violations.isEmpty() ? VerificationStatus.VERIFIED : VerificationStatus.ADMITTED_WITH_VIOLATIONS;
  }

  /** The policy violations AUDIT mode admitted the model with; empty when it is {@code VERIFIED}. */
  public List<ModelVerificationException.Failure> violations() {
    return violations;
  }

  /** Every check made, in order. */
  public VerificationReport report() {
    return report;
  }

  /** The verified files by relative name: one for a single-file model. */
  public SortedMap<String, CheckedFile> files() {
    return files;
  }

  /** The number of verified bytes (of all files, for a directory). */
  public long size() {
    return files.values().stream().mapToLong(CheckedFile::size).sum();
  }
}
