package dev.modelseal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.bundle.BundleParser;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.EmbeddedKey;
import dev.modelseal.internal.bundle.SignedEvidence.MessageSignature;
import dev.modelseal.internal.delivery.DeliveryUnit;
import dev.modelseal.internal.delivery.Evidence;
import dev.modelseal.internal.delivery.EvidenceFiles;
import dev.modelseal.internal.digest.ModelContent;
import dev.modelseal.internal.digest.ModelReader;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.oms.OmsDirectory;
import dev.modelseal.internal.oms.OmsFiles;
import dev.modelseal.internal.oms.OmsManifest;
import dev.modelseal.internal.sbom.SignedFileDigest;
import dev.modelseal.internal.x509.PublicKeys;
import dev.modelseal.spi.EvidenceLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies models under one {@link Policy}: built once, immutable and thread-safe, shared by a
 * service for every model it loads. It owns the whole pipeline; {@link VerifiedModel#load} and
 * {@link BundleVerifier} are conveniences over it.
 *
 * <p>The pipeline, in order: find the evidence (explicit, located, discovered: united, so a caller
 * can add evidence but never hide any), read it within its bounds, each file with its role; learn
 * from it which digests to compute; read the model once, computing them and keeping the bytes; the
 * integrity steps for each piece of evidence ({@code EvidenceVerifier}, in the Sigstore client
 * specification's order); then the policy step, the only place where identities, keys,
 * attestation conditions and SBOM rules are judged; then the verdict: ENFORCE refuses on any
 * violation, AUDIT admits policy violations and marks the model as {@link
 * VerificationStatus#ADMITTED_WITH_VIOLATIONS}. On any failure nothing is returned and nothing
 * kept stays behind.
 */
public final class ModelVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(ModelVerifier.class);

  private final Policy policy;

  private ModelVerifier(Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A verifier that applies {@code policy} to every model it verifies. */
  public static ModelVerifier of(Policy policy) {
    return new ModelVerifier(policy);
  }

  public Policy policy() {
    return policy;
  }

  /** {@link #load(Path, LoadOptions)} with the defaults: evidence next to the model, bytes in memory. */
  public VerifiedModel load(Path model) throws ModelVerificationException {
    return load(model, LoadOptions.defaults());
  }

  /**
   * Verifies {@code model} with its evidence and returns it with exactly the bytes that were
   * verified. See {@link VerifiedModel#load(Path, Policy, LoadOptions)} for where evidence is
   * found and the bounds that apply. Only {@link ModelVerificationException} leaves this method
   * (an unexpected failure inside it is {@link Reason#INTERNAL_ERROR}), apart from the {@link
   * NullPointerException} of a null argument.
   */
  public VerifiedModel load(Path model, LoadOptions options) throws ModelVerificationException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    return FailClosed.run(model, Reason.INTERNAL_ERROR, () -> {
      Outcome o = verifyFile(model, options, true);
      return new VerifiedModel(o.verification(), o.artifact(), o.content());
    });
  }

  /** {@link #check(Path, LoadOptions)} with the evidence next to the model. */
  public Verification check(Path model) throws ModelVerificationException {
    return check(model, LoadOptions.defaults());
  }

  /**
   * Verifies {@code model} exactly as {@link #load(Path, LoadOptions)} does, with the same verdict
   * and report, but keeps none of its bytes: each file is hashed as a stream, in a few blocks of
   * heap whatever its size, so nothing is kept and nothing can be loaded afterwards. For a caller
   * that only decides (a CLI, an admission check); {@code options}' {@code snapshotDirectory} is
   * not used. The same exceptions as {@code load} leave it.
   */
  public Verification check(Path model, LoadOptions options) throws ModelVerificationException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    return FailClosed.run(model, Reason.INTERNAL_ERROR, () -> verifyFile(model, options, false).verification());
  }

  /**
   * What a verification produced: the facts, and when the bytes were kept, the files holding them
   * and what releases them; both null for {@link #check}.
   */
  private record Outcome(Verification verification, VerifiedArtifact artifact, AutoCloseable content) {}

  /**
   * Verifies one signature bundle over {@code digests}, for callers that never hold the artifact.
   * See {@link BundleVerifier#verify(Path, Digests, Policy)}.
   */
  public VerifiedSignature verifyBundle(Path bundle, Digests digests) throws ModelVerificationException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(digests, "digests");
    requireSignatureOnly();
    return FailClosed.run(bundle, Reason.MALFORMED_BUNDLE,
        () -> verifyBundle(bundle, new Evidence(Evidence.Role.SIGNATURE, BundleParser.parse(bundle)), digests));
  }

  /**
   * Verifies one signature bundle over the file {@code artifact}, read once and not kept. See
   * {@link BundleVerifier#verify(Path, Path, Policy)}.
   */
  public VerifiedSignature verifyBundle(Path bundle, Path artifact) throws ModelVerificationException {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(artifact, "artifact");
    requireSignatureOnly();
    return FailClosed.run(bundle, Reason.MALFORMED_BUNDLE, () -> {
      Evidence evidence = new Evidence(Evidence.Role.SIGNATURE, BundleParser.parse(bundle));
      Digests digests = new Digests(ModelReader.digest(artifact, algorithmsNeeded(List.of(evidence))));
      return verifyBundle(bundle, evidence, digests);
    });
  }

  private void requireSignatureOnly() {
    if (!policy.attestations().isEmpty() || policy.sbom().isPresent()) {
      throw new IllegalArgumentException("this policy requires attestations or an SBOM; verify the"
          + " model with VerifiedModel.load, which applies those rules, rather than one bundle");
    }
  }

  private VerifiedSignature verifyBundle(Path bundle, Evidence evidence, Digests digests)
      throws ModelVerificationException {
    VerifiedSignature v = EvidenceVerifier.verify(evidence, digests, policy);
    PolicyEvaluator.Result judged = PolicyEvaluator.evaluateSigners(bundle, List.of(v), policy, digests);
    List<Check> marks = Verdict.settle(judged.violations(), policy.mode(), bundle.toString());
    List<Check> extra = new ArrayList<>(judged.checks());
    extra.addAll(marks);
    return v.withChecks(extra);
  }

  private Outcome verifyFile(Path model, LoadOptions options, boolean keep) throws ModelVerificationException {
    if (Files.notExists(model)) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, model + ": the model does not exist (no such"
          + " file or directory)");
    }
    // Decided once: the names handed out never depend on a second look at the path.
    if (Files.isDirectory(model)) {
      DeliveryUnit discovered = DeliveryUnit.discoverDirectory(model);
      return verifyManifested(model, true, gatherDirectory(model, discovered, options), discovered.deliveryFile(),
          options, keep);
    }
    List<Evidence> evidence = gather(model, options);
    if (evidence.stream().anyMatch(e -> e.role() == Evidence.Role.MANIFEST)) {
      return verifyManifested(model, false, evidence, Optional.empty(), options, keep);
    }
    Set<String> algorithms = algorithmsNeeded(evidence);
    ModelContent content = null;
    Digests digests;
    long size;
    if (keep) {
      ModelReader.Result read = ModelReader.read(model, algorithms, options.snapshotDirectory().orElse(null),
          options.progress());
      content = read.content();
      digests = new Digests(read.digests());
      size = content.size();
    } else {
      ModelReader.Streamed read = ModelReader.stream(model, algorithms, options.progress());
      digests = new Digests(read.digests());
      size = read.size();
    }
    try {
      List<VerifiedSignature> verified = new ArrayList<>();
      for (Evidence ev : evidence) {
        verified.add(EvidenceVerifier.verify(ev, digests, policy));
      }
      PolicyEvaluator.Result judged = PolicyEvaluator.evaluate(model, verified, policy, digests);
      List<Check> marks = Verdict.settle(judged.violations(), policy.mode(), model.toString());
      LOG.debug("verified {} ({}) with {} evidence files", model, digests, evidence.size());
      String name = fileName(model);
      CheckedFile checked = new CheckedFile(name, size, Optional.of("sha256:" + digests.sha256()));
      List<Check> report = new ArrayList<>();
      report.add(new Check("content", Check.Status.PASSED, "read once: " + size + " bytes, " + digests));
      report.addAll(evidenceChecks(verified));
      report.addAll(judged.checks());
      report.addAll(marks);
      Verification verification = new Verification(model, digests, verified, judged, report, Map.of(name, checked));
      if (!keep) {
        return new Outcome(verification, null, null);
      }
      VerifiedArtifact artifact = new VerifiedArtifact(VerifiedArtifact.baseName(name),
          Map.of(name, new VerifiedFile(checked, content)), judged.violations());
      return new Outcome(verification, artifact, content);
    } catch (ModelVerificationException | RuntimeException | Error e) {
      // Nothing is handed out on a failure, so nothing may stay behind either (a snapshot file).
      if (content != null) {
        content.close();
      }
      throw e;
    }
  }

  /**
   * A model signed with OpenSSF Model Signing: a directory, or a single file with a {@code model.sig}
   * given for it. The signature is verified before a byte of the model is read (its manifest says
   * what to read), then the attestations about the digest it signs, then the policy; in ENFORCE
   * mode a violation refuses the model before it is hashed. Then every file is hashed, in parallel,
   * once, keeping the bytes, and compared with the manifest.
   */
  private Outcome verifyManifested(Path model, boolean directory, List<Evidence> evidence,
      Optional<Path> deliveryFile, LoadOptions options, boolean keep) throws ModelVerificationException {
    List<Evidence> manifests = evidence.stream().filter(e -> e.role() == Evidence.Role.MANIFEST).toList();
    if (manifests.size() != 1) {
      throw new ModelVerificationException(Reason.MALFORMED_BUNDLE, model + ": " + manifests.size()
          + " OpenSSF Model Signing signatures (" + manifests + "); a model has exactly one");
    }
    for (Evidence e : evidence) {
      if (e.role() == Evidence.Role.SIGNATURE) {
        throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, e.source() + ": a Sigstore signature of"
            + " the file beside its OpenSSF Model Signing signature " + manifests.get(0).source() + "; verify the"
            + " model with one of them (the other names another digest)");
      }
    }
    ManifestVerifier.Result signed = ManifestVerifier.verify(manifests.get(0), policy);
    Digests digests = signed.signature().digests();
    List<VerifiedSignature> verified = new ArrayList<>();
    verified.add(signed.signature());
    for (Evidence e : evidence) {
      if (e.role() != Evidence.Role.MANIFEST) {
        verified.add(EvidenceVerifier.verify(e, digests, policy));
      }
    }
    PolicyEvaluator.Result judged =
        PolicyEvaluator.evaluate(model, verified, policy, digests, signedFiles(model, signed.manifest()));
    if (policy.mode() == EnforcementMode.ENFORCE
        || judged.violations().stream().anyMatch(f -> !f.reason().isPolicyViolation())) {
      Verdict.settle(judged.violations(), policy.mode(), model.toString()); // refuses before any hashing
    }
    OmsFiles files = OmsDirectory.verify(model, signed.manifest(), hashing(evidence, deliveryFile, options, keep));
    try {
      List<Check> marks = Verdict.settle(judged.violations(), policy.mode(), model.toString());
      Map<String, VerifiedFile> byName = new LinkedHashMap<>();
      Map<String, CheckedFile> checked = new LinkedHashMap<>();
      boolean wholeFile = signed.manifest().method() == OmsManifest.Method.FILES;
      for (OmsFiles.VerifiedFile f : files.files()) {
        String name = directory ? f.name() : fileName(model);
        CheckedFile file = new CheckedFile(name, f.size(),
            wholeFile ? Optional.of(f.algorithm() + ":" + f.digestHex()) : Optional.empty());
        checked.put(name, file);
        if (keep) {
          byName.put(name, new VerifiedFile(file, f.content()));
        }
      }
      List<Check> report = new ArrayList<>(evidenceChecks(verified));
      report.add(new Check("content", Check.Status.PASSED, "read once: " + files.files().size() + " files, "
          + files.totalBytes() + " bytes, each as the manifest lists it (" + signed.manifest().method() + ", "
          + signed.manifest().hashType().omsName() + ")"));
      report.addAll(judged.checks());
      report.addAll(marks);
      LOG.debug("verified {} ({} files, {}) with {} evidence files", model, checked.size(), digests, evidence.size());
      Verification verification = new Verification(model, digests, verified, judged, report, checked);
      if (!keep) {
        return new Outcome(verification, null, null);
      }
      String name = directory ? fileName(model) : VerifiedArtifact.baseName(fileName(model));
      return new Outcome(verification, new VerifiedArtifact(name, byName, judged.violations()), files);
    } catch (ModelVerificationException | RuntimeException | Error e) {
      files.close();
      throw e;
    }
  }

  /** Each verified piece of evidence, then the checks it passed. */
  private static List<Check> evidenceChecks(List<VerifiedSignature> verified) {
    List<Check> checks = new ArrayList<>();
    for (VerifiedSignature v : verified) {
      checks.add(new Check("bundle", Check.Status.PASSED, v.source() + " (" + v.role() + ")"));
      checks.addAll(v.checks());
    }
    return checks;
  }

  /**
   * The signed digest of each file by the name the model hands it out under; a file signed in
   * shards has none ({@link SignedFileDigest#SHARDED}).
   */
  private static Map<String, SignedFileDigest> signedFiles(Path model, OmsManifest manifest) {
    Map<String, SignedFileDigest> out = new LinkedHashMap<>();
    for (OmsManifest.Resource r : manifest.resources()) {
      String name = r.path().equals(".") ? fileName(model) : r.path();
      out.put(name, manifest.method() == OmsManifest.Method.FILES
          ? new SignedFileDigest(manifest.hashType().omsName(), r.digest().hex()) : SignedFileDigest.SHARDED);
    }
    return out;
  }

  /**
   * How a manifested model is hashed: evidence files are never part of it (nor a ModelSeal {@code
   * metadata.json}), the caller's ignores and {@code ignoreUnsignedFiles} apply, and the bytes go to
   * memory or to the snapshot directory.
   */
  private static OmsDirectory.Options hashing(List<Evidence> evidence, Optional<Path> deliveryFile,
      LoadOptions options, boolean keep) {
    Set<Path> excluded = new LinkedHashSet<>();
    for (Evidence e : evidence) {
      excluded.add(Path.of(e.source()).toAbsolutePath().normalize());
    }
    deliveryFile.ifPresent(f -> excluded.add(f.toAbsolutePath().normalize()));
    Path snapshots = keep ? options.snapshotDirectory().orElse(null) : null;
    OmsDirectory.Keep mode = !keep ? OmsDirectory.Keep.NONE
        : snapshots == null ? OmsDirectory.Keep.MEMORY : OmsDirectory.Keep.SNAPSHOT;
    return new OmsDirectory.Options(options.ignorePaths(), options.ignoreUnsignedFiles(), excluded, mode, snapshots,
        options.progress());
  }

  /**
   * The evidence of a model directory: its OpenSSF Model Signing signature ({@code model.sig}, or
   * the explicit bundle instead), plus the attestations and SBOMs in it, in {@code metadata.json} or
   * from the locator.
   */
  private static List<Evidence> gatherDirectory(Path dir, DeliveryUnit discovered, LoadOptions options)
      throws ModelVerificationException {
    EvidenceLocator.Evidence located = options.evidenceLocator().isPresent()
        ? locate(options.evidenceLocator().get(), dir)
        : new EvidenceLocator.Evidence(List.of(), List.of(), List.of());
    List<Path> signature = DeliveryUnit.union(
        options.bundle().map(List::of).orElse(discovered.signatures()), located.signatures());
    if (signature.isEmpty()) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, dir + ": no model signature found;"
          + " expected " + dir.resolve(DeliveryUnit.MODEL_SIGNATURE) + " (OpenSSF Model Signing, as"
          + " model_signing sign writes it) or an explicit one (LoadOptions.bundle, --signature)");
    }
    return EvidenceFiles.read(Evidence.Role.MANIFEST, signature,
        DeliveryUnit.union(located.attestations(), discovered.attestations()),
        DeliveryUnit.union(located.sboms(), discovered.sboms()));
  }

  /** The path's last element; the path is only a label here, it is never opened again. */
  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null || name.toString().isEmpty() ? "model" : name.toString();
  }

  /**
   * Explicit, located and discovered evidence, united and read within bounds, each with its role.
   */
  private static List<Evidence> gather(Path model, LoadOptions options) throws ModelVerificationException {
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
    return EvidenceFiles.read(signatureFiles,
        DeliveryUnit.union(located.attestations(), discovered.attestations()),
        DeliveryUnit.union(located.sboms(), discovered.sboms()));
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
   * statements are parsed here, once, before they are verified, only to learn which hashes to
   * compute; one that does not parse is refused later, after its signature is checked.
   */
  Set<String> algorithmsNeeded(List<Evidence> evidence) {
    Set<String> algs = new LinkedHashSet<>();
    algs.add("SHA-256");
    for (Evidence e : evidence) {
      List<PublicKey> keys = new ArrayList<>();
      if (e.signed().material() instanceof CertificateChain c) {
        keys.add(c.leaf().getPublicKey());
      } else if (e.signed().material() instanceof EmbeddedKey k) {
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
      if (e.signed().content() instanceof MessageSignature ms && ms.digestAlgorithm() != null) {
        Optional.ofNullable(HashNames.fromProtobuf(ms.digestAlgorithm())).ifPresent(algs::add);
      }
      try {
        Optional<Statement> statement = e.statement();
        if (statement.isPresent()) {
          addStatementAlgorithms(statement.get(), algs);
        }
      } catch (ModelVerificationException refused) {
        // Refused with its reason when the evidence is verified.
      }
    }
    return algs;
  }

  private static void addStatementAlgorithms(Statement statement, Set<String> algs) {
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
  }
}
