package dev.modelseal.internal.policyfile;

import dev.modelseal.AttestationRequirement;
import dev.modelseal.EnforcementMode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.TrustRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Kyverno {@code ClusterPolicy} or {@code Policy} ({@code kyverno.io/v1} or
 * {@code v2beta1}) with {@code verifyImages} rules into a {@link Policy}: attestors become allowed
 * identities and keys, {@code attestations} become required attestations with the same
 * conditions and, when they name their own attestors, only those signers, and the failure actions
 * become the enforcement mode. Entries are never merged into one allow-list: a model file has no
 * image reference to tell them apart, so entries with other signers or {@code imageReferences}
 * than the first are refused.
 *
 * <p>Fields that only concern Kubernetes admission (matching, webhooks, digests, registries) are
 * ignored. Fields whose meaning ModelSeal cannot honour are refused rather than ignored when
 * ignoring them could admit a model Kyverno would refuse: skipped transparency-log or SCT checks,
 * certificate attestors, custom roots and log keys, KMS and Secret keys, annotations, certificate
 * extensions, attestor sets that need several signers, {@code required: false}, and namespace
 * overrides.
 *
 * <p>The SBOM rules, which Kyverno has no field for, may ride along in the annotation
 * {@value #SBOM_ANNOTATION}, whose value is the {@code sbom} section of the ModelSeal format.
 */
public final class KyvernoPolicyReader {
  /** The annotation that carries ModelSeal SBOM rules in a Kyverno policy. */
  public static final String SBOM_ANNOTATION = "modelseal.dev/sbom";
  /** The {@code apiVersion} values read. */
  public static final Set<String> API_VERSIONS = Set.of("kyverno.io/v1", "kyverno.io/v2beta1");
  private static final Set<String> KINDS = Set.of("ClusterPolicy", "Policy");

  private static final Logger LOG = LoggerFactory.getLogger(KyvernoPolicyReader.class);

  private static final Set<String> TOP_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final Set<String> SPEC_IGNORED = Set.of("applyRules", "failurePolicy", "emitWarning",
      "admission", "background", "schemaValidation", "webhookTimeoutSeconds",
      "mutateExistingOnPolicyUpdate", "generateExistingOnPolicyUpdate", "generateExisting",
      "useServerSideApply", "webhookConfiguration");
  private static final Set<String> SPEC_FIELDS = union(SPEC_IGNORED,
      Set.of("rules", "validationFailureAction", "validationFailureActionOverrides"));
  private static final Set<String> RULE_IGNORED = Set.of("name", "context", "match", "exclude",
      "imageExtractors", "preconditions", "celPreconditions", "mutate", "validate", "generate",
      "skipBackgroundRequests", "reportProperties");
  private static final Set<String> RULE_FIELDS = union(RULE_IGNORED, Set.of("verifyImages"));
  /** {@code verifyImages[]} fields of both versions. */
  private static final Set<String> IMAGE_FIELDS = Set.of("failureAction", "type", "imageReferences",
      "skipImageReferences", "attestors", "attestations", "repository", "mutateDigest", "verifyDigest",
      "validate", "required", "imageRegistryCredentials", "useCache");
  /** Deprecated {@code verifyImages[]} fields that only {@code kyverno.io/v1} has. */
  private static final Set<String> IMAGE_FIELDS_V1 = union(IMAGE_FIELDS, Set.of("image", "key", "roots",
      "subject", "issuer", "additionalExtensions", "annotations", "cosignOCI11"));
  private static final Set<String> ATTESTATION_FIELDS =
      Set.of("name", "type", "predicateType", "attestors", "conditions");

  private KyvernoPolicyReader() {}

  /** True when {@code apiVersion} names a Kyverno policy group. */
  public static boolean isKyverno(String apiVersion) {
    return apiVersion != null && apiVersion.startsWith("kyverno.io/");
  }

  /** Builds the policy {@code document} describes, checked against {@code trustRoot}. */
  public static Policy read(PolicyDocument document, TrustRoot trustRoot) throws ModelVerificationException {
    PolicyNode root = PolicyNode.root(document.root(), document.source());
    String apiVersion = root.has("apiVersion") ? root.string("apiVersion") : null;
    if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
      throw root.error("apiVersion", (apiVersion == null ? "missing" : "unknown value '" + apiVersion + "'")
          + " (expected one of " + String.join(", ", sorted(API_VERSIONS)) + ")");
    }
    String kind = root.has("kind") ? root.string("kind") : null;
    if (kind == null || !KINDS.contains(kind)) {
      throw root.error("kind", (kind == null ? "missing" : "unknown value '" + kind + "'")
          + " (expected ClusterPolicy or Policy)");
    }
    root.allowOnly(TOP_FIELDS);
    boolean v1 = apiVersion.equals("kyverno.io/v1");

    PolicyNode spec = root.get("spec").requireObject();
    spec.allowOnly(SPEC_FIELDS);
    ignored(spec, SPEC_IGNORED);
    List<PolicyNode> overrides = spec.list("validationFailureActionOverrides");
    if (!overrides.isEmpty()) {
      throw spec.error("validationFailureActionOverrides", "not supported: a model has no namespace, so"
          + " per-namespace actions cannot be applied; set validationFailureAction (or"
          + " verifyImages[].failureAction) instead");
    }
    String specAction = failureAction(spec, "validationFailureAction");

    Policy.Builder policy = Policy.builder().trustRoot(trustRoot);
    Signers signers = new Signers();
    List<AttestationRequirement> attestations = new ArrayList<>();
    boolean enforce = false;
    int images = 0;
    Entry first = null;
    for (PolicyNode rule : spec.get("rules").elements()) {
      rule.allowOnly(RULE_FIELDS);
      ignored(rule, RULE_IGNORED);
      for (PolicyNode image : rule.list("verifyImages")) {
        images++;
        image.allowOnly(v1 ? IMAGE_FIELDS_V1 : IMAGE_FIELDS);
        String action = failureAction(image, "failureAction");
        String effective = action != null ? action : specAction;
        // Kyverno defaults to Audit; ModelSeal is strict by default, so AUDIT must be written out.
        enforce |= effective == null || effective.equalsIgnoreCase("Enforce");
        Entry entry = readImage(image, v1, signers, attestations);
        if (first == null) {
          first = entry;
        } else if (!entry.signers().sameAs(first.signers()) || !entry.references().equals(first.references())) {
          // Kyverno applies each entry to the images its imageReferences match and requires every
          // entry that applies (AND); merging their signers into one list would be an OR.
          throw image.error("this verifyImages entry " + (entry.references().equals(first.references())
              ? "allows other signers than the first one" : "matches other imageReferences "
              + entry.references() + " than the first one " + first.references())
              + ": Kyverno tells entries apart by the image they apply to, and a model file has no"
              + " image reference, so ModelSeal cannot tell which entry applies; write one entry (or"
              + " entries with the same imageReferences and attestors) per policy file");
        }
      }
    }
    if (images == 0) {
      throw spec.error("rules", "no rule has verifyImages: there is nothing ModelSeal can apply to a model");
    }
    if (signers.isEmpty()) {
      throw spec.error("rules", "no attestor allows a signer: add a keyless or keys entry under"
          + " verifyImages[].attestors (a policy that accepts anyone does not exist)");
    }
    signers.applyTo(policy);
    attestations.forEach(policy::requireAttestation);
    policy.mode(enforce ? EnforcementMode.ENFORCE : EnforcementMode.AUDIT);
    PolicyNode sbom = sbomAnnotation(root, document);
    if (sbom != null) {
      policy.requireSbom(SbomSection.read(sbom));
    }
    return policy.build();
  }

  /** What tells a verifyImages entry apart: the signers it allows and the images it matches. */
  private record Entry(Signers signers, List<String> references) {}

  private static Entry readImage(PolicyNode image, boolean v1, Signers all,
      List<AttestationRequirement> attestations) throws ModelVerificationException {
    String type = image.optString("type");
    if (type != null && !type.equals("Cosign") && !type.equals("SigstoreBundle")) {
      throw image.error("type", type.equals("Notary")
          ? "Notary signatures are not supported; ModelSeal verifies Sigstore (Cosign) evidence"
          : "unknown value '" + type + "' (expected Cosign or SigstoreBundle)");
    }
    List<String> references = new ArrayList<>(image.strings("imageReferences"));
    references.add("skip:" + String.join(",", image.strings("skipImageReferences")));
    image.optString("repository");
    for (String flag : List.of("mutateDigest", "verifyDigest", "useCache", "cosignOCI11")) {
      image.optBoolean(flag, true);
    }
    if (!image.optBoolean("required", true)) {
      throw image.error("required", "false cannot be honoured: ModelSeal loads a model only when its"
          + " evidence verifies; remove it (the default is true)");
    }
    PolicyNode credentials = image.opt("imageRegistryCredentials");
    if (credentials != null) {
      credentials.requireObject();
    }
    PolicyNode validate = image.opt("validate");
    if (validate != null && !(validate.json().isObject() && validate.json().isEmpty())) {
      throw validate.error("not supported: deny conditions across attestations cannot be evaluated;"
          + " write them as attestations[].conditions");
    }

    Signers imageSigners = KyvernoAttestors.read(image.opt("attestors"));
    if (v1) {
      KyvernoAttestors.legacy(image, imageSigners);
    }
    Signers attestationSigners = new Signers();
    for (PolicyNode attestation : image.list("attestations")) {
      attestation.allowOnly(ATTESTATION_FIELDS);
      attestation.optString("name");
      AttestationRequirement requirement = AttestationEntry.read(attestation);
      Signers own = KyvernoAttestors.read(attestation.opt("attestors"));
      // An attestation's own attestors are the only ones that may sign it, not the image's.
      attestations.add(own.isEmpty() ? requirement : requirement.signedBy(own.identities(), own.keys()));
      attestationSigners.addAll(own);
    }
    if (!imageSigners.isEmpty()) {
      List<String> extra = attestationSigners.notIn(imageSigners);
      if (!extra.isEmpty()) {
        throw image.error("attestations", "an attestation attestor allows " + String.join(", ", extra)
            + ", which verifyImages[].attestors does not; ModelSeal has one list of signers for the"
            + " model and all its evidence, so allowing it here would also let it sign the model");
      }
    }
    Signers entry = new Signers();
    entry.addAll(imageSigners);
    entry.addAll(attestationSigners);
    all.addAll(entry);
    return new Entry(entry, references);
  }

  /** The action written in {@code field}, or null when absent. */
  private static String failureAction(PolicyNode node, String field) throws ModelVerificationException {
    String action = node.optString(field);
    if (action != null && !Set.of("Enforce", "Audit", "enforce", "audit").contains(action)) {
      throw node.error(field, "unknown value '" + action + "' (expected Enforce or Audit)");
    }
    return action;
  }

  private static PolicyNode sbomAnnotation(PolicyNode root, PolicyDocument document)
      throws ModelVerificationException {
    PolicyNode metadata = root.opt("metadata");
    if (metadata == null) {
      return null;
    }
    metadata.requireObject();
    PolicyNode annotations = metadata.opt("annotations");
    if (annotations == null) {
      return null;
    }
    annotations.requireObject();
    if (!annotations.has(SBOM_ANNOTATION)) {
      return null;
    }
    PolicyNode value = annotations.get(SBOM_ANNOTATION);
    String path = annotations.path() + "[\"" + SBOM_ANNOTATION + "\"]";
    PolicyDocument parsed = PolicyDocument.parse(value.text(), document.source() + " " + path,
        document.baseDir());
    return PolicyNode.at(parsed.root(), path, document.source());
  }

  private static void ignored(PolicyNode node, Set<String> harmless) {
    if (LOG.isDebugEnabled()) {
      for (String name : node.fieldNames()) {
        if (harmless.contains(name)) {
          LOG.debug("{}: {}{} ignored: it only concerns Kubernetes admission", node.source(),
              node.path().isEmpty() ? "" : node.path() + ".", name);
        }
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
