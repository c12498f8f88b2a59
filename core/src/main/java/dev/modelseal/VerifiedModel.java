package dev.modelseal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.bundle.SignedEvidence.EmbeddedKey;
import dev.modelseal.internal.bundle.SignedEvidence.MessageSignature;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.delivery.DeliveryUnit;
import dev.modelseal.internal.delivery.EvidenceFiles;
import dev.modelseal.internal.digest.ModelContent;
import dev.modelseal.internal.digest.ModelReader;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.x509.PublicKeys;
import dev.modelseal.spi.EvidenceLocator;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.cyclonedx.model.Bom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model whose evidence verified under a policy, holding exactly the bytes that were hashed. The
 * only way to get one is {@link #load}: it checks every signature bundle before anything is handed
 * out, reads the model once, and never re-opens its path, so the bytes a loader gets are the bytes
 * that were verified. On any failure it throws and nothing is returned.
 */
public final class VerifiedModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VerifiedModel.class);
  private final Path path;
  private final Digests digests;
  private final List<VerifiedSignature> signatures;
  private final List<VerifiedAttestation> attestations;
  private final Bom sbom;
  private final ModelContent content;
  private final VerificationReport report;

  private VerifiedModel(Path path, Digests digests, List<VerifiedSignature> verified, int signatureCount,
      PolicyEvaluator.Result policyResult, List<Check> auditMarks, ModelContent content) {
    this.path = path;
    this.digests = digests;
    this.signatures = List.copyOf(verified.subList(0, signatureCount));
    this.attestations = List.copyOf(policyResult.attestations());
    this.sbom = policyResult.sbom();
    this.content = content;
    List<Check> all = new ArrayList<>();
    all.add(new Check("content", Check.Status.PASSED,
        "read once: " + content.size() + " bytes, " + digests));
    for (VerifiedSignature s : verified) {
      all.add(new Check("bundle", Check.Status.PASSED, s.source()));
      all.addAll(s.checks());
    }
    all.addAll(policyResult.checks());
    all.addAll(auditMarks);
    this.report = new VerificationReport(all);
  }

  /** Verifies {@code model} with the evidence found next to it, kept in memory. */
  public static VerifiedModel load(Path model, Policy policy) throws ModelVerificationException {
    return load(model, policy, LoadOptions.defaults());
  }

  /**
   * Verifies {@code model} under {@code policy}: the signature bundle ({@code <model>.bundle} or
   * {@code .sigstore.json}), attestations ({@code .attest.bundle}) and SBOM ({@code .sbom.bundle}),
   * plus whatever a {@code metadata.json}, the explicit bundle or an evidence locator adds. All
   * evidence present is verified; the model is read once for all of it.
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
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(options, "options");
    return FailClosed.run(model, Reason.INTERNAL_ERROR, () -> verify(model, policy, options));
  }

  private static VerifiedModel verify(Path model, Policy policy, LoadOptions options)
      throws ModelVerificationException {
    if (Files.isDirectory(model)) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT,
          model + ": is a directory; only single-file models are supported so far");
    }
    // Explicit, located and discovered evidence are united: a caller can point at more evidence,
    // never hide evidence that sits next to the model.
    DeliveryUnit discovered = DeliveryUnit.discover(model);
    EvidenceLocator.Evidence located = options.evidenceLocator().isPresent()
        ? locate(options.evidenceLocator().get(), model)
        : new EvidenceLocator.Evidence(List.of(), List.of(), List.of());
    List<Path> signatureFiles = DeliveryUnit.union(
        DeliveryUnit.union(options.bundle().map(List::of).orElse(List.of()), located.signatures()),
        discovered.signatures());
    if (signatureFiles.isEmpty()) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE,
          model + ": no signature found; expected " + DeliveryUnit.expectedNames(model, "signature")
              + " next to it (or named by " + DeliveryUnit.METADATA + "), or an explicit bundle");
    }
    List<Path> attestationFiles = DeliveryUnit.union(located.attestations(), discovered.attestations());
    List<Path> sbomFiles = DeliveryUnit.union(located.sboms(), discovered.sboms());
    EvidenceFiles.Parsed parsed = EvidenceFiles.read(signatureFiles, attestationFiles, sbomFiles);
    List<SignedEvidence> evidence = parsed.evidence();
    ModelReader.Result read =
        ModelReader.read(model, algorithmsNeeded(evidence, policy), options.snapshotDirectory().orElse(null),
            options.progress());
    Digests digests = new Digests(read.digests());
    try {
      List<VerifiedSignature> verified = new ArrayList<>();
      List<ModelVerificationException.Failure> violations = new ArrayList<>();
      for (SignedEvidence ev : evidence) {
        VerifiedSignature v = EvidenceVerifier.verify(ev, digests, policy);
        verified.add(v);
        violations.addAll(v.violations());
      }
      PolicyEvaluator.Result result = PolicyEvaluator.evaluate(model, verified, policy, digests);
      violations.addAll(result.violations());
      List<Check> marks = Verdict.settle(violations, policy.mode(), model.toString());
      LOG.debug("verified {} ({}) with {} evidence files", model, digests, evidence.size());
      return new VerifiedModel(model, digests, verified, parsed.signatureCount(), result, marks, read.content());
    } catch (ModelVerificationException | RuntimeException | Error e) {
      // Nothing is handed out on a failure, so nothing may stay behind either (a snapshot file).
      read.content().close();
      throw e;
    }
  }

  /**
   * Asks the caller's locator; whatever goes wrong in it (an exception, a null answer) refuses the
   * model as missing evidence: the locator's failure is not ModelSeal's bug nor a fault of the model.
   */
  private static EvidenceLocator.Evidence locate(EvidenceLocator locator, Path model)
      throws ModelVerificationException {
    EvidenceLocator.Evidence evidence;
    try {
      evidence = locator.locate(model);
    } catch (RuntimeException | StackOverflowError e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE,
          model + ": the evidence locator " + locator.getClass().getName() + " failed: " + e, e);
    }
    if (evidence == null) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE,
          model + ": the evidence locator " + locator.getClass().getName() + " returned no evidence (null)");
    }
    return evidence;
  }

  /**
   * SHA-256 always, plus whatever hash the signing keys and message digests use, plus every known
   * algorithm an in-toto subject lists: each digest a subject gives for the model must match, so
   * each must be computed (a sha512-only subject too), and so must every hash an ML-BOM lists. The
   * statements are read here unverified,
   * only to learn which hashes to compute; one that does not parse is refused later, after its
   * signature is checked.
   */
  static Set<String> algorithmsNeeded(List<SignedEvidence> evidence, Policy policy) {
    Set<String> algs = new LinkedHashSet<>();
    algs.add("SHA-256");
    for (SignedEvidence ev : evidence) {
      List<PublicKey> keys = new ArrayList<>();
      if (ev.material() instanceof CertificateChain c) {
        keys.add(c.leaf().getPublicKey());
      } else if (ev.material() instanceof EmbeddedKey k) {
        keys.add(k.key());
      } else {
        keys.addAll(policy.keys());
      }
      for (PublicKey k : keys) {
        String h = PublicKeys.hashFor(k);
        if (h != null) {
          algs.add(h);
        }
      }
      if (ev.content() instanceof MessageSignature ms && ms.digestAlgorithm() != null) {
        Optional.ofNullable(HashNames.fromProtobuf(ms.digestAlgorithm())).ifPresent(algs::add);
      }
      if (ev.content() instanceof DsseEnvelope env) {
        try {
          Statement statement = Statement.parse(env.payloadType(), env.payload().toArray(), ev.source());
          for (String name : statement.digestAlgorithms()) {
            Optional.ofNullable(HashNames.fromLowerCase(name)).ifPresent(algs::add);
          }
          if (Predicates.isSbom(statement.predicateType()) && statement.predicate() != null) {
            // CycloneDX spells hash algorithms as the JCA does; the model component's are checked.
            for (JsonNode alg : statement.predicate().findValues("alg")) {
              if (alg.isTextual() && HashNames.lowerCase().containsValue(alg.asText())) {
                algs.add(alg.asText());
              }
            }
          }
        } catch (ModelVerificationException e) {
          // Refused with its reason when the evidence is verified.
        }
      }
    }
    return algs;
  }

  /** The path the model was read from (informational: it is never read again). */
  public Path path() {
    return path;
  }

  public Digests digests() {
    return digests;
  }

  /** The signer of the (first) signature bundle. */
  public Signer signer() {
    return signatures.get(0).signer();
  }

  /** The earliest verified signing time of the (first) signature bundle. */
  public Instant signingTime() {
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

  /** Every check made, in order. */
  public VerificationReport report() {
    return report;
  }

  public long size() {
    return content.size();
  }

  /** A fresh stream over the verified bytes. */
  public InputStream openStream() {
    return content.openStream();
  }

  /** Read-only views of the verified bytes, in order (several for large models). */
  public List<ByteBuffer> buffers() {
    return content.buffers();
  }

  /** Releases the content; a snapshot file is deleted. */
  @Override
  public void close() {
    content.close();
  }
}
