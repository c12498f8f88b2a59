package dev.modelseal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.ModelVerificationException.Failure;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.delivery.DeliveryUnit;
import dev.modelseal.internal.delivery.Evidence;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.policy.Conditions;
import dev.modelseal.internal.policy.Violation;
import dev.modelseal.internal.sbom.SbomChecker;
import dev.modelseal.internal.sbom.SbomException;
import dev.modelseal.internal.sbom.SbomResult;
import dev.modelseal.internal.sbom.SbomRules;
import dev.modelseal.internal.sbom.SignedFileDigest;
import dev.modelseal.internal.sbom.SbomLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Bom;

/**
 * The policy step, the only place where the policy judges verified evidence: is each signer
 * allowed (identity or key), are the required attestations there, signed by whom they must be, and
 * do their conditions hold, does the SBOM obey its rules. Everything it is given passed the
 * integrity steps already. It only reports violations; {@link Verdict} decides (ENFORCE refuses,
 * AUDIT admits with a WARN).
 */
final class PolicyEvaluator {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a present-but-unrequired SBOM is held to: a valid CycloneDX document, nothing more. */
  private static final SbomRules VALIDATE_ONLY =
      new SbomRules(false, false, List.of(), List.of(), SbomLimits.defaults());

  /** The verified attestations, the parsed SBOM (or null), passed checks and violations. */
  record Result(List<VerifiedAttestation> attestations, Bom sbom, List<Check> checks, List<Failure> violations) {}

  private final Path model;
  private final Policy policy;
  private final Digests digests;
  private final List<Check> checks = new ArrayList<>();
  private final List<Failure> violations = new ArrayList<>();
  /** The original bytes of each SBOM predicate, by source: what the SBOM checker parses. */
  private final Map<String, byte[]> sbomBytes = new LinkedHashMap<>();

  private final Map<String, SignedFileDigest> signedFiles;

  private PolicyEvaluator(Path model, Policy policy, Digests digests, Map<String, SignedFileDigest> signedFiles) {
    this.signedFiles = signedFiles;
    this.model = model;
    this.policy = policy;
    this.digests = digests;
  }

  /** Judges every signer, then the attestation and SBOM rules. */
  static Result evaluate(Path model, List<VerifiedSignature> verified, Policy policy, Digests digests)
      throws ModelVerificationException {
    return evaluate(model, verified, policy, digests, Map.of());
  }

  /**
   * Like {@link #evaluate(Path, List, Policy, Digests)} for a directory model, whose SBOM's file
   * components must agree with {@code signedFiles} (by relative name).
   */
  static Result evaluate(Path model, List<VerifiedSignature> verified, Policy policy, Digests digests,
      Map<String, SignedFileDigest> signedFiles) throws ModelVerificationException {
    PolicyEvaluator evaluator = new PolicyEvaluator(model, policy, digests, signedFiles);
    evaluator.judgeSigners(verified);
    return evaluator.judgeAttestations(verified);
  }

  /** Judges the signers only: for one bundle verified on its own ({@link BundleVerifier}). */
  static Result evaluateSigners(Path bundle, List<VerifiedSignature> verified, Policy policy, Digests digests) {
    PolicyEvaluator evaluator = new PolicyEvaluator(bundle, policy, digests, Map.of());
    evaluator.judgeSigners(verified);
    return new Result(List.of(), null, evaluator.checks, evaluator.violations);
  }

  /**
   * Every piece of evidence must be signed by someone the policy allows: a certificate's identity
   * must match one of the policy's identities. A key-signed bundle verified only with a key the
   * policy pins (the key is trust material, checked by the integrity step), so it is allowed here.
   * A certificate when the policy allows only keys is {@link Reason#KEY_MISMATCH}, refused in
   * every mode: no identity rule exists that could admit it.
   */
  private void judgeSigners(List<VerifiedSignature> verified) {
    for (VerifiedSignature v : verified) {
      Signer signer = v.signer();
      if (!signer.isKeyless()) {
        checks.add(new Check("signer", Check.Status.PASSED, v.source() + ": key sha256:" + signer.keyId()
            + " is allowed by the policy"));
        continue;
      }
      if (policy.identities().isEmpty()) {
        violations.add(new Failure(Reason.KEY_MISMATCH, v.source()
            + ": the bundle is signed with a certificate, but the policy allows only keys"));
        continue;
      }
      List<String> subjects = signer.subject().isEmpty() ? List.of() : List.of(signer.subject());
      Identity allowed = policy.identities().stream().filter(id -> id.matches(subjects, signer.issuer()))
          .findFirst().orElse(null);
      if (allowed != null) {
        checks.add(new Check("identity", Check.Status.PASSED, v.source() + ": " + signer.subject()
            + " (issuer " + signer.issuer() + ") matches " + allowed));
      } else {
        // Who signed is a policy question, not an integrity one: recorded, so AUDIT mode can admit it.
        violations.add(new Failure(Reason.IDENTITY_MISMATCH, v.source() + ": signed by "
            + (subjects.isEmpty() ? "(no SAN)" : signer.subject()) + " (issuer " + signer.issuer()
            + "), but the policy allows only " + policy.identities()));
      }
    }
  }

  private Result judgeAttestations(List<VerifiedSignature> verified) throws ModelVerificationException {
    List<VerifiedAttestation> attestations = new ArrayList<>();
    for (VerifiedSignature v : verified) {
      Statement s = v.statement();
      // A model signature's manifest is what the model is, not a claim about it.
      if (s != null && v.role() != Evidence.Role.MANIFEST) {
        JsonNode predicate = Predicates.unwrap(s.predicateType(), s.predicate(), v.source());
        attestations.add(new VerifiedAttestation(v.source(), s.predicateType(), predicate, v.signer()));
        if (Predicates.isSbom(s.predicateType())) {
          sbomBytes.put(v.source(), sbomBytes(v, s, predicate));
        }
      }
    }
    for (AttestationRequirement r : policy.attestations()) {
      requireAttestation(r, attestations);
    }
    Bom bom = checkSbom(attestations);
    return new Result(attestations, bom, checks, violations);
  }

  private void requireAttestation(AttestationRequirement r, List<VerifiedAttestation> all) {
    List<VerifiedAttestation> matching =
        all.stream().filter(a -> Predicates.sameType(a.predicateType(), r.predicateType())).toList();
    if (matching.isEmpty()) {
      violations.add(new Failure(Reason.ATTESTATION_MISSING, model + ": the policy requires an attestation"
          + " of type " + r.predicateType() + ", but none was found (expected "
          + DeliveryUnit.expectedNames(model, Predicates.isSbom(r.predicateType()) ? "sbom" : "attestation")
          + " or an entry in " + DeliveryUnit.METADATA + "; found "
          + all.stream().map(VerifiedAttestation::predicateType).toList() + ")"));
      return;
    }
    List<VerifiedAttestation> allowed = matching.stream().filter(a -> r.allows(a.signer())).toList();
    if (allowed.isEmpty()) {
      boolean keys = matching.stream().noneMatch(a -> a.signer().isKeyless());
      violations.add(new Failure(keys ? Reason.KEY_MISMATCH : Reason.IDENTITY_MISMATCH, model + ": the policy"
          + " requires an attestation of type " + r.predicateType() + " signed by " + r.signersText()
          + ", but it is signed only by " + String.join(", ", matching.stream()
              .map(a -> a.signer() + " (" + a.source() + ")").toList())));
      return;
    }
    for (VerifiedAttestation a : allowed) {
      List<String> held = new ArrayList<>();
      List<Violation> failed = Conditions.evaluate(r.conditions(), a.predicate(), held::add);
      for (Violation v : failed) {
        violations.add(new Failure(Reason.CONDITION_FAILED, a.source() + ": " + r.predicateType() + ": "
            + v.message()));
      }
      if (failed.isEmpty()) {
        checks.add(new Check("attestation", Check.Status.PASSED, r.predicateType() + " by " + a.signer()
            + (r.conditions().isEmpty() ? "" : ": all conditions hold")));
        for (String comparison : held) {
          checks.add(new Check("condition", Check.Status.PASSED, comparison + " (" + r.predicateType() + ")"));
        }
      }
    }
  }

  /**
   * The SBOM as the signer wrote it: the predicate's own bytes in the signed payload, or the text of
   * a {@code Data} wrapper; only a wrapper holding an object (never seen from cosign) is written
   * back out from its tree.
   */
  private static byte[] sbomBytes(VerifiedSignature v, Statement s, JsonNode unwrapped) {
    JsonNode data = s.predicate() == null ? null : s.predicate().get("Data");
    if (unwrapped == s.predicate()) {
      return v.predicateBytes();
    }
    if (data != null && data.isTextual()) {
      return data.textValue().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return JSON.writeValueAsBytes(unwrapped);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed predicate always serializes", e);
    }
  }

  /** Every digest the model was hashed with, by JCA name, as the SBOM checker takes them. */
  private Map<String, String> digestsByAlgorithm() {
    Map<String, String> byAlgorithm = new LinkedHashMap<>();
    for (String algorithm : HashNames.lowerCase().values()) {
      digests.hex(algorithm).ifPresent(hex -> byAlgorithm.put(algorithm, hex));
    }
    return byAlgorithm;
  }

  private Bom checkSbom(List<VerifiedAttestation> all) {
    List<VerifiedAttestation> sboms = all.stream().filter(a -> Predicates.isSbom(a.predicateType())).toList();
    if (policy.sbom().isPresent() && sboms.isEmpty()) {
      violations.add(new Failure(Reason.ATTESTATION_MISSING, model + ": the policy requires a CycloneDX SBOM"
          + " attestation, but none was found (expected " + DeliveryUnit.expectedNames(model, "sbom")
          + " or an sbom entry in " + DeliveryUnit.METADATA + ")"));
      return null;
    }
    SbomRules rules = policy.sbom().map(SbomPolicy::rules).orElse(VALIDATE_ONLY);
    Bom first = null;
    for (VerifiedAttestation a : sboms) {
      byte[] bytes = sbomBytes.get(a.source());
      try {
        SbomResult r = SbomChecker.check(bytes, rules, digestsByAlgorithm(), signedFiles);
        for (String v : r.violations()) {
          violations.add(new Failure(Reason.SBOM_VIOLATION, a.source() + ": " + v));
        }
        if (r.violations().isEmpty()) {
          checks.add(new Check("sbom", Check.Status.PASSED, "CycloneDX " + r.specVersion()
              + " BOM is valid" + (policy.sbom().isPresent() ? " and obeys the SBOM rules" : "")));
        }
        if (first == null) {
          first = r.bom();
        }
      } catch (SbomException e) {
        violations.add(new Failure(Reason.SBOM_INVALID, a.source() + ": " + e.getMessage()));
      }
    }
    return first;
  }
}
