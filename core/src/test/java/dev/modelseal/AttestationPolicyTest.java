package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeySigner;
import dev.modelseal.testkit.KeylessSigner;
import dev.modelseal.testkit.MlBom;
import dev.modelseal.testkit.PredicateTypes;
import dev.modelseal.testkit.StatementType;
import dev.modelseal.testkit.AttestationEntryKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole delivery unit (signature, attestation, SBOM) under the seed's example policy. */
class AttestationPolicyTest {
  @TempDir Path dir;
  private FakeSigstore sigstore;

  @BeforeEach
  void setUp() {
    sigstore = FakeSigstore.create();
  }

  private Policy.Builder base(DeliveryUnit unit) throws ModelVerificationException {
    return Policy.builder()
        .trustRoot(TrustRoot.fromJson(unit.trustedRoot().orElseThrow()))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER);
  }

  /** The seed's example: accuracy >= 0.85, safety pass rate >= 0.99, an ML-BOM with licensed data. */
  private Policy example(DeliveryUnit unit, EnforcementMode mode) throws ModelVerificationException {
    return base(unit)
        .requireAttestation(AttestationRequirement.builder("custom")
            .condition("{{ eval.accuracy }}", "GreaterThanOrEquals", 0.85)
            .condition("{{ predicate.eval.safety_pass_rate }}", "GreaterThanOrEquals", 0.99)
            .build())
        .requireSbom(SbomPolicy.builder().denyLicenses("*-NC-*", "research-only").build())
        .mode(mode)
        .build();
  }

  private static ModelVerificationException refused(Path model, Policy policy) {
    return refused(model, policy, LoadOptions.defaults());
  }

  private static ModelVerificationException refused(Path model, Policy policy, LoadOptions options) {
    try (VerifiedModel m = VerifiedModel.load(model, policy, options)) {
      throw new AssertionError("accepted: " + m.report().describe());
    } catch (ModelVerificationException e) {
      return e;
    }
  }

  @Test
  void theGoodUnitLoadsAndExposesPredicatesAndTheBom() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().write(dir);
    try (VerifiedModel m = VerifiedModel.load(unit.model(), example(unit, EnforcementMode.ENFORCE))) {
      assertThat(m.signatures()).hasSize(1);
      assertThat(m.attestations()).extracting(VerifiedAttestation::predicateType)
          .containsExactlyInAnyOrder(PredicateTypes.COSIGN_CUSTOM, PredicateTypes.CYCLONEDX);
      assertThat(new ObjectMapper().readTree(m.predicate("custom").orElseThrow()).at("/eval/accuracy").asDouble())
          .isEqualTo(0.91);
      assertThat(m.sbom()).isPresent();
      assertThat(m.sbom().get().getComponents()).isNotEmpty();
      assertThat(m.report().violations()).isEmpty();
      assertThat(m.report().checks()).extracting(Check::name).contains("attestation", "sbom", "subject");
      // What each condition compared is in the report, not only that all held.
      assertThat(m.report().checks()).filteredOn(c -> c.name().equals("condition")).extracting(Check::detail)
          .containsExactly(
              "eval.accuracy: found 0.91, GreaterThanOrEquals 0.85 (" + PredicateTypes.COSIGN_CUSTOM + ")",
              "predicate.eval.safety_pass_rate: found 0.995, GreaterThanOrEquals 0.99 ("
                  + PredicateTypes.COSIGN_CUSTOM + ")");
    }
  }

  @ParameterizedTest
  @EnumSource(value = AttestationTamper.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void eachAttestationTamperingIsRefusedForItsReason(AttestationTamper tamper) throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().tamper(tamper).write(dir);
    Reason expected = switch (tamper) {
      case WRONG_SUBJECT, FLIPPED_MODEL_BYTE -> Reason.DIGEST_MISMATCH;
      case WRONG_PREDICATE_TYPE -> Reason.ATTESTATION_MISSING;
      case FAILING_PREDICATE -> Reason.CONDITION_FAILED;
      case SBOM_WITHOUT_DATASET_LICENSES, SBOM_DENIED_LICENSE, SBOM_MODEL_HASH_MISMATCH -> Reason.SBOM_VIOLATION;
      case NONE -> throw new IllegalArgumentException("NONE is excluded: it must load");
    };
    ModelVerificationException e = refused(unit.model(), example(unit, EnforcementMode.ENFORCE));
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(expected);
  }

  @Test
  void aFailingConditionNamesTheKeyAndWhatWasFound() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().tamper(AttestationTamper.FAILING_PREDICATE).write(dir);
    ModelVerificationException e = refused(unit.model(), example(unit, EnforcementMode.ENFORCE));
    assertThat(e.getMessage()).contains("eval.accuracy", "0.8", "0.85", ".attest.bundle");
  }

  @Test
  void enforceListsEveryViolation() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().tamper(AttestationTamper.FAILING_PREDICATE).write(dir);
    Policy policy = base(unit)
        .requireAttestation(AttestationRequirement.builder("custom")
            .condition("{{ eval.accuracy }}", "GreaterThanOrEquals", 0.85).build())
        .requireAttestation(AttestationRequirement.of("slsaprovenance1"))
        .build();
    ModelVerificationException e = refused(unit.model(), policy);
    assertThat(e.failures()).extracting(ModelVerificationException.Failure::reason)
        .containsExactly(Reason.CONDITION_FAILED, Reason.ATTESTATION_MISSING);
    assertThat(e.getMessage()).contains("2 checks failed", "https://slsa.dev/provenance/v1");
  }

  @Test
  void auditAdmitsPolicyViolationsAndMarksThem() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().tamper(AttestationTamper.FAILING_PREDICATE).write(dir);
    try (VerifiedModel m = VerifiedModel.load(unit.model(), example(unit, EnforcementMode.AUDIT))) {
      assertThat(m.report().violations()).hasSize(1);
      assertThat(m.report().violations().get(0).detail()).contains("eval.accuracy");
      assertThat(m.report().describe()).contains("AUDIT");
    }
  }

  @Test
  void auditNeverAdmitsTamperedEvidence() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().write(dir);
    byte[] bytes = Files.readAllBytes(unit.model());
    bytes[bytes.length - 1] ^= 1;
    Files.write(unit.model(), bytes);
    assertThat(refused(unit.model(), example(unit, EnforcementMode.AUDIT)).reason()).isEqualTo(Reason.DIGEST_MISMATCH);
  }

  @Test
  void auditAdmitsAnUnexpectedSignerButReportsIt() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit()
        .signer(sigstore.signer("someone@example.org", DeliveryUnit.ISSUER)).write(dir);
    assertThat(refused(unit.model(), example(unit, EnforcementMode.ENFORCE)).reason())
        .isEqualTo(Reason.IDENTITY_MISMATCH);
    try (VerifiedModel m = VerifiedModel.load(unit.model(), example(unit, EnforcementMode.AUDIT))) {
      assertThat(m.report().violations()).extracting(Check::name).contains("policy (IDENTITY_MISMATCH)");
    }
  }

  @Test
  void missingPiecesAreNamed() throws Exception {
    DeliveryUnit noSbom = sigstore.deliveryUnit().withoutSbom().withoutMetadata().write(dir.resolve("a"));
    ModelVerificationException e = refused(noSbom.model(), example(noSbom, EnforcementMode.ENFORCE));
    assertThat(e.reason()).isEqualTo(Reason.ATTESTATION_MISSING);
    assertThat(e.getMessage()).contains("model.onnx.sbom.bundle");

    DeliveryUnit noAttestation = sigstore.deliveryUnit().withoutAttestation().withoutMetadata().write(dir.resolve("b"));
    e = refused(noAttestation.model(), example(noAttestation, EnforcementMode.ENFORCE));
    assertThat(e.reason()).isEqualTo(Reason.ATTESTATION_MISSING);
    assertThat(e.getMessage()).contains("model.onnx.attest.bundle", "https://cosign.sigstore.dev/attestation/v1");

    DeliveryUnit noSignature = sigstore.deliveryUnit().withoutSignature().withoutMetadata().write(dir.resolve("c"));
    e = refused(noSignature.model(), example(noSignature, EnforcementMode.ENFORCE));
    assertThat(e.reason()).isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(e.getMessage()).contains("model.onnx.bundle");
  }

  @Test
  void metadataJsonNamesThePiecesAndMayNotEscape() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().write(dir);
    Path metadata = unit.metadata().orElseThrow();
    try (VerifiedModel m = VerifiedModel.load(unit.model(), example(unit, EnforcementMode.ENFORCE))) {
      assertThat(m.attestations()).hasSize(2);
    }
    String good = Files.readString(metadata);
    Files.writeString(metadata, good.replace("\"model.onnx.sbom.bundle\"", "\"../model.onnx.sbom.bundle\""));
    assertThat(refused(unit.model(), example(unit, EnforcementMode.ENFORCE)).reason()).isEqualTo(Reason.UNSAFE_PATH);
    Files.writeString(metadata, good.replace("\"model.onnx.sbom.bundle\"", "\"/etc/passwd\""));
    assertThat(refused(unit.model(), example(unit, EnforcementMode.ENFORCE)).reason()).isEqualTo(Reason.UNSAFE_PATH);
    Path outside = Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName() + ".json"), "{}");
    Files.createSymbolicLink(dir.resolve("link.bundle"), outside);
    Files.writeString(metadata, good.replace("\"model.onnx.sbom.bundle\"", "\"link.bundle\""));
    assertThat(refused(unit.model(), example(unit, EnforcementMode.ENFORCE)).reason()).isEqualTo(Reason.UNSAFE_PATH);
    Files.writeString(metadata, good.replace("\"model.onnx.sbom.bundle\"", "\"gone.bundle\""));
    ModelVerificationException e = refused(unit.model(), example(unit, EnforcementMode.ENFORCE));
    assertThat(e.reason()).isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(e.getMessage()).contains("gone.bundle");
    Files.delete(outside);
    // An unrelated metadata.json (another mediaType) is ignored; the conventional names still count.
    Files.writeString(metadata, good.replace(DeliveryUnit.MEDIA_TYPE, "application/x-other"));
    try (VerifiedModel m = VerifiedModel.load(unit.model(), example(unit, EnforcementMode.ENFORCE))) {
      assertThat(m.attestations()).hasSize(2);
    }
  }

  @Test
  void evidenceNextToTheModelIsVerifiedEvenWhenNotNamed() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().write(dir);
    Path metadata = unit.metadata().orElseThrow();
    Files.writeString(metadata, Files.readString(metadata).replace(",\"sbom\":\"model.onnx.sbom.bundle\"", ""));
    sigstore.signer("intruder@example.org", DeliveryUnit.ISSUER).attest(unit.model(),
        PredicateTypes.COSIGN_CUSTOM, dev.modelseal.testkit.Predicates.cosignCustom("{\"eval\":{\"accuracy\":1}}"),
        dir.resolve("model.onnx.attest.sigstore.json"));
    Policy policy = base(unit).build();
    assertThat(refused(unit.model(), policy).reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
    Files.delete(dir.resolve("model.onnx.attest.sigstore.json"));
    sigstore.signer("intruder@example.org", DeliveryUnit.ISSUER).signBundle(unit.model());
    assertThat(refused(unit.model(), policy, LoadOptions.builder().bundle(unit.signature().orElseThrow()).build())
        .reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
  }

  @Test
  void everyAttestationFormVerifies() throws Exception {
    Path model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    String predicate = dev.modelseal.testkit.Predicates.cosignCustom("{\"eval\":{\"accuracy\":0.9},\"note\":\"naïve ✓ 模型\"}");
    KeylessSigner keyless = sigstore.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER);
    Path root = sigstore.writeTrustedRoot(dir.resolve("root.json"));
    KeySigner key = sigstore.keySigner();
    Policy policy = Policy.builder().trustRoot(TrustRoot.fromJson(root))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).allowKeyPem(key.publicKeyPem())
        .requireAttestation(AttestationRequirement.builder("custom")
            .condition("{{ eval.accuracy }}", "GreaterThan", 0.85).build())
        .build();
    Path[] forms = {
        keyless.attest(model, PredicateTypes.COSIGN_CUSTOM, predicate, dir.resolve("a1.json")),
        keyless.withStatementType(StatementType.V0_1).withAttestationEntryKind(AttestationEntryKind.INTOTO)
            .attest(model, PredicateTypes.COSIGN_CUSTOM, predicate, dir.resolve("a2.json")),
        keyless.withTimestamp(true).attest(model, PredicateTypes.COSIGN_CUSTOM, predicate, dir.resolve("a3.json")),
        keyless.attestLegacyCosign(model, PredicateTypes.COSIGN_CUSTOM, predicate, dir.resolve("a4.json")),
        key.attest(model, PredicateTypes.COSIGN_CUSTOM, predicate, dir.resolve("a5.json")),
        key.attestLegacyCosign(model, PredicateTypes.COSIGN_CUSTOM, predicate, dir.resolve("a6.json")),
    };
    keyless.signBundle(model);
    for (Path form : forms) {
      Path attest = dir.resolve("m.bin.attest.bundle");
      Files.copy(form, attest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (VerifiedModel m = VerifiedModel.load(model, policy)) {
        assertThat(m.predicate("custom").orElseThrow()).as(form.toString()).contains("naïve ✓ 模型");
      }
    }
  }

  @Test
  void subjectDigestAlgorithmsMayNotBeGivenTwice() throws Exception {
    Path model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    KeylessSigner keyless = sigstore.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER);
    keyless.signBundle(model);
    String real = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
    keyless.attestStatement("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"m.bin\","
        + "\"digest\":{\"sha256\":\"" + "00".repeat(32) + "\",\"SHA256\":\"" + real + "\"}}],"
        + "\"predicateType\":\"" + PredicateTypes.COSIGN_CUSTOM + "\",\"predicate\":{}}",
        dir.resolve("m.bin.attest.bundle"));
    Policy policy = Policy.builder().trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("r.json"))))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).build();
    assertThat(refused(model, policy).reason()).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void aPlainSignatureInTheAttestationSlotIsRefused() throws Exception {
    Path model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    KeylessSigner keyless = sigstore.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER);
    keyless.signBundle(model);
    keyless.signBundle(model, dir.resolve("m.bin.attest.bundle"));
    Policy policy = Policy.builder().trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("r.json"))))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).build();
    assertThat(refused(model, policy).reason()).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void digestOnlyVerificationRefusesPoliciesItCannotFullyApply() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().write(dir);
    Policy policy = example(unit, EnforcementMode.ENFORCE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BundleVerifier.verify(unit.attestation().orElseThrow(),
            Digests.parse("sha256:" + unit.modelSha256Hex()), policy))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VerifiedModel.load");
    assertThat(BundleVerifier.verify(unit.attestation().orElseThrow(),
        Digests.parse("sha256:" + unit.modelSha256Hex()), base(unit).build()).predicateType())
        .contains(PredicateTypes.COSIGN_CUSTOM);
  }

  @Test
  void aBomThatIsNotValidCycloneDxIsRefused() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().withoutSbom().withoutMetadata().write(dir);
    sigstore.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).attest(unit.model(), PredicateTypes.CYCLONEDX,
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"spaceship\",\"name\":\"x\"}]}",
        dir.resolve("model.onnx.sbom.bundle"));
    ModelVerificationException e = refused(unit.model(), example(unit, EnforcementMode.ENFORCE));
    assertThat(e.reason()).isEqualTo(Reason.SBOM_INVALID);
    assertThat(e.getMessage()).contains("/components/0/type");
  }

  @Test
  void anInvalidBomIsReportedEvenWhenNoSbomIsRequired() throws Exception {
    MlBom bom = MlBom.typical("model.onnx", "00".repeat(32)).build();
    DeliveryUnit unit = sigstore.deliveryUnit().bom(bom).write(dir);
    Policy noSbomRules = base(unit).build();
    try (VerifiedModel m = VerifiedModel.load(unit.model(), noSbomRules)) {
      throw new AssertionError("a BOM naming another model digest was accepted");
    } catch (ModelVerificationException e) {
      assertThat(e.reason()).isEqualTo(Reason.SBOM_VIOLATION);
    }
  }

  /** BOM edits that each hide a denied license or a wrong model hash from the old rules. */
  enum HiddenSbomViolation {
    ANCESTOR_LICENSE {
      @Override
      void apply(ObjectNode bom) {
        ObjectNode base = model(bom).putObject("pedigree").putArray("ancestors").addObject();
        base.put("type", "machine-learning-model").put("name", "base-model");
        base.putArray("licenses").addObject().putObject("license").put("id", "CC-BY-NC-4.0");
      }
    },
    SERVICE_LICENSE {
      @Override
      void apply(ObjectNode bom) {
        ObjectNode service = bom.putArray("services").addObject().put("name", "inference-api");
        service.putArray("licenses").addObject().putObject("license").put("id", "CC-BY-NC-4.0");
      }
    },
    METADATA_COMPONENT_VARIANT_LICENSE {
      @Override
      void apply(ObjectNode bom) {
        ObjectNode app = ((ObjectNode) bom.get("metadata")).putObject("component");
        app.put("type", "application").put("name", "app");
        ObjectNode fork = app.putObject("pedigree").putArray("variants").addObject();
        fork.put("type", "application").put("name", "app-fork");
        fork.putArray("licenses").addObject().put("expression", "MIT OR CC-BY-NC-SA-4.0");
      }
    },
    NBSP_IN_EXPRESSION {
      @Override
      void apply(ObjectNode bom) {
        model(bom).putArray("licenses").addObject().put("expression", "Apache-2.0 AND\u00a0research-only");
      }
    },
    CC_NAME_WITH_SPACES {
      @Override
      void apply(ObjectNode bom) {
        model(bom).putArray("licenses").addObject().putObject("license").put("name", "CC BY-NC 4.0");
      }
    },
    WRONG_SHA512_NEXT_TO_RIGHT_SHA256 {
      @Override
      void apply(ObjectNode bom) {
        ((ArrayNode) model(bom).get("hashes")).addObject().put("alg", "SHA-512").put("content", "ab".repeat(64));
      }
    };

    abstract void apply(ObjectNode bom);

    static ObjectNode model(ObjectNode bom) {
      return (ObjectNode) bom.get("components").get(0);
    }
  }

  @ParameterizedTest
  @EnumSource(HiddenSbomViolation.class)
  void sbomViolationsAnywhereInTheBomAreRefused(HiddenSbomViolation violation) throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().withoutSbom().withoutMetadata().write(dir);
    ObjectNode bom = (ObjectNode) new ObjectMapper().readTree(MlBom.typical(unit.model()).build().json());
    violation.apply(bom);
    sigstore.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).attest(unit.model(), PredicateTypes.CYCLONEDX,
        bom.toString(), dir.resolve("model.onnx.sbom.bundle"));

    ModelVerificationException e = refused(unit.model(), example(unit, EnforcementMode.ENFORCE));

    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.SBOM_VIOLATION);
    assertThat(e.failures()).singleElement().extracting(ModelVerificationException.Failure::reason)
        .isEqualTo(Reason.SBOM_VIOLATION);
  }
}
