package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(FakeSigstoreExtension.class)
class DeliveryUnitTest {
  private static final Instant NOW = Instant.parse("2026-10-15T10:00:00Z");
  /** One instance with a fixed clock, so two units differ only in keys, signatures and planted defects. */
  private static FakeSigstore fixed;
  private static DeliveryUnit good;

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void writeGoodUnit() {
    fixed = FakeSigstore.create(Clock.fixed(NOW, ZoneOffset.UTC));
    good = fixed.deliveryUnit().write(shared.resolve("good"));
  }

  @Test
  void writesEveryFileWithTheDocumentedNames() throws Exception {
    try (Stream<Path> files = Files.list(good.directory())) {
      assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
          "model.onnx", "model.onnx.bundle", "model.onnx.attest.bundle", "model.onnx.sbom.bundle",
          "metadata.json", "trusted_root.json");
    }
    assertThat(good.model()).isEqualTo(good.directory().resolve("model.onnx"));
    assertThat(good.signature()).contains(good.directory().resolve("model.onnx.bundle"));
    assertThat(good.attestation()).contains(good.directory().resolve("model.onnx.attest.bundle"));
    assertThat(good.sbom()).contains(good.directory().resolve("model.onnx.sbom.bundle"));
    assertThat(good.metadata()).contains(good.directory().resolve("metadata.json"));
    assertThat(good.trustedRoot()).contains(good.directory().resolve("trusted_root.json"));
    assertThat(good.identity()).contains(DeliveryUnit.IDENTITY);
    assertThat(good.issuer()).contains(DeliveryUnit.ISSUER);
    assertThat(good.publicKeyPem()).isEmpty();
    assertThat(good.tamper()).isEqualTo(AttestationTamper.NONE);
  }

  @Test
  void metadataNamesThePiecesRelatively() {
    JsonNode metadata = BundleJson.read(good.metadata().orElseThrow());

    assertThat(metadata).isEqualTo(BundleJson.parse(("{\"mediaType\":\"application/vnd.modelseal.delivery+json;version=1\","
        + "\"model\":\"model.onnx\",\"signature\":\"model.onnx.bundle\","
        + "\"attestations\":[\"model.onnx.attest.bundle\"],\"sbom\":\"model.onnx.sbom.bundle\"}")
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void modelIsTinyOnnxAndSignatureCoversIt() throws Exception {
    byte[] model = Files.readAllBytes(good.model());

    assertThat(model).isEqualTo(TinyOnnx.create().bytes());
    assertThat(good.modelSha256Hex()).isEqualTo(HexFormat.of().formatHex(Sha256.of(model)));
    JsonNode signature = BundleJson.read(good.signature().orElseThrow());
    assertThat(signature.at("/messageSignature/messageDigest/digest").asText())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(Sha256.of(model)));
    assertThat(Files.readString(good.trustedRoot().orElseThrow())).isEqualTo(fixed.trustedRootJson());
  }

  @Test
  void attestationWrapsTheDefaultPredicateAsCosignCustom() {
    JsonNode statement = statement(good.attestation());

    assertThat(statement.get("_type").asText()).isEqualTo(StatementType.V1.uri());
    assertThat(statement.at("/subject/0/name").asText()).isEqualTo("model.onnx");
    assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(good.modelSha256Hex());
    assertThat(statement.get("predicateType").asText()).isEqualTo(PredicateTypes.COSIGN_CUSTOM);
    assertThat(statement.get("predicate").fieldNames()).toIterable().containsExactly("Data", "Timestamp");
    assertThat(statement.at("/predicate/Data").asText()).isEqualTo(DeliveryUnit.DEFAULT_PREDICATE)
        .isEqualTo("{\"eval\":{\"accuracy\":0.91,\"safety_pass_rate\":0.995},\"training\":{\"run\":\"run-42\","
            + "\"data_version\":\"2026-10\"},\"reviewers\":[\"alice@example.com\"]}");
    assertThat(statement.at("/predicate/Timestamp").asText()).isEqualTo("2026-10-15T10:00:00Z");
  }

  @Test
  void sbomIsAnUnwrappedValidMlBomOfTheModel() throws Exception {
    JsonNode statement = statement(good.sbom());

    assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(good.modelSha256Hex());
    assertThat(statement.get("predicateType").asText()).isEqualTo(PredicateTypes.CYCLONEDX);
    JsonNode bom = statement.get("predicate");
    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.at("/components/0/type").asText()).isEqualTo("machine-learning-model");
    assertThat(bom.at("/components/0/name").asText()).isEqualTo("model.onnx");
    assertThat(bom.at("/components/0/hashes/0/content").asText()).isEqualTo(good.modelSha256Hex());
    assertThat(bom.at("/metadata/timestamp").asText()).isEqualTo("2026-10-15T10:00:00Z");
    assertThat(schemaErrors(bom)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = AttestationTamper.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void eachTamperChangesExactlyWhatItSays(AttestationTamper tamper) throws Exception {
    DeliveryUnit bad = fixed.deliveryUnit().tamper(tamper).write(dir);

    assertThat(bad.tamper()).isEqualTo(tamper);
    byte[] expectedModel = Files.readAllBytes(good.model());
    if (tamper == AttestationTamper.FLIPPED_MODEL_BYTE) {
      expectedModel[expectedModel.length / 2] ^= 0x01;
    }
    assertThat(Files.readAllBytes(bad.model())).isEqualTo(expectedModel);
    assertThat(bad.modelSha256Hex()).as("the digest the evidence signs").isEqualTo(good.modelSha256Hex());
    assertThat(BundleJson.read(bad.metadata().orElseThrow())).isEqualTo(BundleJson.read(good.metadata().orElseThrow()));
    assertThat(BundleJson.read(bad.signature().orElseThrow()).at("/messageSignature/messageDigest"))
        .isEqualTo(BundleJson.read(good.signature().orElseThrow()).at("/messageSignature/messageDigest"));

    ObjectNode expectedAttestation = statement(good.attestation()).deepCopy();
    ObjectNode expectedSbom = withoutSerial(statement(good.sbom()));
    ObjectNode bom = (ObjectNode) expectedSbom.get("predicate");
    String other = HexFormat.of().formatHex(Sha256.of(AttestationTamper.OTHER_CONTENT.getBytes(StandardCharsets.UTF_8)));
    switch (tamper) {
      case WRONG_SUBJECT -> ((ObjectNode) expectedAttestation.at("/subject/0/digest")).put("sha256", other);
      case WRONG_PREDICATE_TYPE -> expectedAttestation.put("predicateType", AttestationTamper.OTHER_PREDICATE_TYPE);
      case FAILING_PREDICATE -> ((ObjectNode) expectedAttestation.get("predicate")).put("Data",
          DeliveryUnit.DEFAULT_PREDICATE.replace("\"accuracy\":0.91", "\"accuracy\":0.80"));
      case SBOM_WITHOUT_DATASET_LICENSES -> {
        for (JsonNode component : bom.get("components")) {
          if (component.get("type").asText().equals("data")) {
            ((ObjectNode) component).remove("licenses");
          }
        }
      }
      case SBOM_DENIED_LICENSE -> ((ObjectNode) bom.at("/components/1/licenses/0/license")).put("id", "CC-BY-NC-4.0");
      case SBOM_MODEL_HASH_MISMATCH -> ((ObjectNode) bom.at("/components/0/hashes/0")).put("content", other);
      case FLIPPED_MODEL_BYTE -> { } // the evidence is the good unit's
      default -> throw new AssertionError(tamper);
    }
    assertThat(statement(bad.attestation())).isEqualTo(expectedAttestation);
    assertThat(withoutSerial(statement(bad.sbom()))).isEqualTo(expectedSbom);
    assertThat(schemaErrors(statement(bad.sbom()).get("predicate"))).as("a tampered SBOM is still schema-valid").isEmpty();
  }

  @Test
  void failingPredicateReadsAsAccuracyPointEight() {
    DeliveryUnit bad = fixed.deliveryUnit().tamper(AttestationTamper.FAILING_PREDICATE).write(dir);

    JsonNode user = BundleJson.parse(statement(bad.attestation()).at("/predicate/Data").asText().getBytes(StandardCharsets.UTF_8));
    assertThat(user.at("/eval/accuracy").decimalValue()).isEqualByComparingTo("0.80");
    assertThat(user.at("/eval/safety_pass_rate").decimalValue()).isEqualByComparingTo("0.995");
  }

  @Test
  void replacesPredicateBomNameAndModel() throws Exception {
    byte[] content = "not really a model".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(Sha256.of(content));
    MlBom bom = MlBom.builder("weights.bin", sha).dataset("web-crawl", "CC-BY-NC-4.0").build();

    DeliveryUnit unit = fixed.deliveryUnit().modelName("weights.bin").model(content)
        .predicate("{\"eval\":{\"accuracy\":0.5}}").bom(bom).write(dir);

    assertThat(unit.model()).isEqualTo(dir.resolve("weights.bin")).hasBinaryContent(content);
    assertThat(unit.signature()).contains(dir.resolve("weights.bin.bundle"));
    assertThat(statement(unit.attestation()).at("/predicate/Data").asText()).isEqualTo("{\"eval\":{\"accuracy\":0.5}}");
    assertThat(statement(unit.attestation()).at("/subject/0/name").asText()).isEqualTo("weights.bin");
    assertThat(statement(unit.sbom()).get("predicate"))
        .isEqualTo(BundleJson.parse(bom.jsonBytes()));
    assertThat(BundleJson.read(unit.metadata().orElseThrow()).get("sbom").asText()).isEqualTo("weights.bin.sbom.bundle");
  }

  @Test
  void skippedPiecesAreNeitherWrittenNorNamed() throws Exception {
    DeliveryUnit unit = fixed.deliveryUnit().withoutSignature().withoutAttestation().withoutTrustedRoot().write(dir);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("model.onnx", "model.onnx.sbom.bundle", "metadata.json");
    }
    assertThat(unit.signature()).isEmpty();
    assertThat(unit.attestation()).isEmpty();
    assertThat(unit.trustedRoot()).isEmpty();
    JsonNode metadata = BundleJson.read(unit.metadata().orElseThrow());
    assertThat(metadata.has("signature")).isFalse();
    assertThat(metadata.get("attestations")).isEmpty();
    assertThat(metadata.get("sbom").asText()).isEqualTo("model.onnx.sbom.bundle");

    DeliveryUnit bare = fixed.deliveryUnit().withoutSbom().withoutMetadata().write(dir.resolve("bare"));
    assertThat(bare.sbom()).isEmpty();
    assertThat(bare.metadata()).isEmpty();
    assertThat(dir.resolve("bare/metadata.json")).doesNotExist();
  }

  @Test
  void refusesATamperWhosePieceIsSkipped() {
    assertThatThrownBy(() -> fixed.deliveryUnit().withoutSbom().tamper(AttestationTamper.SBOM_DENIED_LICENSE).write(dir))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> fixed.deliveryUnit().withoutAttestation().tamper(AttestationTamper.WRONG_SUBJECT).write(dir))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> fixed.deliveryUnit().modelName("../escape")).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Every bundle of every unit is validly signed and logged; only WRONG_SUBJECT's attestation names
   * another artifact, and FLIPPED_MODEL_BYTE's model is no longer what any bundle signs.
   */
  @ParameterizedTest
  @EnumSource(AttestationTamper.class)
  void sigstoreJsAcceptsEveryBundleButAWrongSubject(AttestationTamper tamper, FakeSigstore sigstore) {
    SigstoreJs js = SigstoreJs.require();
    DeliveryUnit unit = sigstore.deliveryUnit().tamper(tamper).write(dir);

    for (Path bundle : List.of(unit.signature().orElseThrow(), unit.attestation().orElseThrow(), unit.sbom().orElseThrow())) {
      SigstoreJs.Result result = js.verifyIdentity(bundle, unit.trustedRoot().orElseThrow(), unit.model(),
          unit.identity().orElseThrow(), unit.issuer().orElseThrow());

      if (tamper == AttestationTamper.FLIPPED_MODEL_BYTE) {
        assertThat(result.exitCode()).as(bundle + ": " + result.output()).isEqualTo(1);
      } else if (tamper == AttestationTamper.WRONG_SUBJECT && bundle.equals(unit.attestation().orElseThrow())) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("no in-toto subject has sha256");
      } else {
        assertThat(result.exitCode()).as(bundle + ": " + result.output()).isZero();
      }
    }
  }

  @Test
  void sigstoreJavaAcceptsEveryBundle(FakeSigstore sigstore) throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().signer(sigstore.signer("ci@example.com", "https://ci.example").withTimestamp(true))
        .write(dir);

    for (Optional<Path> bundle : List.of(unit.signature(), unit.attestation(), unit.sbom())) {
      SigstoreJava.verify(unit.model(), bundle.orElseThrow(), unit.trustedRoot().orElseThrow(),
          "ci@example.com", "https://ci.example");
    }
  }

  @Test
  void keySignedUnitVerifiesWithTheKey(FakeSigstore sigstore) {
    SigstoreJs js = SigstoreJs.require();
    KeySigner signer = sigstore.keySigner();
    DeliveryUnit unit = sigstore.deliveryUnit().signer(signer).write(dir);
    Path key = signer.writePublicKey(dir.resolve("keys/cosign.pub"));

    assertThat(unit.publicKeyPem()).contains(signer.publicKeyPem());
    assertThat(unit.identity()).isEmpty();
    for (Optional<Path> bundle : List.of(unit.signature(), unit.attestation(), unit.sbom())) {
      SigstoreJs.Result result = js.verifyKey(bundle.orElseThrow(), unit.trustedRoot().orElseThrow(), unit.model(), key);
      assertThat(result.exitCode()).as(result.output()).isZero();
    }
  }

  private static ObjectNode statement(Optional<Path> bundle) {
    JsonNode json = BundleJson.read(bundle.orElseThrow());
    return (ObjectNode) BundleJson.parse(BundleJson.base64(json.at("/dsseEnvelope/payload")));
  }

  private static ObjectNode withoutSerial(ObjectNode sbomStatement) {
    ObjectNode copy = sbomStatement.deepCopy();
    JsonNode serial = copy.at("/predicate/serialNumber");
    assertThat(serial.asText()).startsWith("urn:uuid:");
    ((ObjectNode) copy.get("predicate")).set("serialNumber", TextNode.valueOf("normalized"));
    return copy;
  }

  private static List<?> schemaErrors(JsonNode bom) throws Exception {
    return new JsonParser().validate(bom.toString().getBytes(StandardCharsets.UTF_8), Version.VERSION_16);
  }
}
