package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks MlBom output against cyclonedx-core-java 12.2.0's bundled JSON schemas, and its content. */
class MlBomTest {
  private static final String SHA = "ab".repeat(32);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(MlBom.SpecVersion.class)
  void typicalBomValidatesAgainstItsSpecVersion(MlBom.SpecVersion version) throws Exception {
    MlBom bom = MlBom.typical("model.onnx", SHA).specVersion(version).build();

    assertThat(errors(bom, version)).isEmpty();
    assertThat(BundleJson.parse(bom.jsonBytes()).get("specVersion").asText()).isEqualTo(version.text());
  }

  @Test
  void everyOptionStillValidates() throws Exception {
    List<MlBom> boms = List.of(
        MlBom.builder("m", SHA).build(),
        MlBom.typical("m", SHA).withoutDatasetLicenses().build(),
        MlBom.typical("m", SHA).dataset("scraped-web", "CC-BY-NC-4.0").build(),
        MlBom.typical("m", SHA).dataset(MlBom.Dataset.of("internal", MlBom.License.name("ACME internal data licence"))).build(),
        MlBom.typical("m", SHA).dataset(MlBom.Dataset.of("no-license", MlBom.License.id("MIT")).withoutLicense()).build(),
        MlBom.typical("m", SHA).clearLibraries().clearPerformanceMetrics()
            .approach("self-supervised").task("text-generation").architectureFamily("transformer")
            .modelArchitecture("GPT-2").modelVersion("2.1").performanceMetric("f1", "0.88").build());

    for (MlBom bom : boms) {
      assertThat(errors(bom, Version.VERSION_16)).as(bom.json()).isEmpty();
    }
  }

  /** Guards the tests above against a validator that accepts anything. */
  @Test
  void schemaCatchesAnInvalidModelCard() throws Exception {
    MlBom bom = MlBom.typical("m", SHA).approach("guesswork").build();

    assertThat(errors(bom, Version.VERSION_16)).isNotEmpty();
    assertThat(errors(MlBom.typical("m", SHA).build(), Version.VERSION_14)).as("1.6 content is not 1.4").isNotEmpty();
  }

  @Test
  void modelComponentCarriesHashAndModelCard() throws Exception {
    MlBom bom = MlBom.typical("model.onnx", SHA).modelVersion("3.0").build();

    Bom parsed = new JsonParser().parse(bom.jsonBytes());
    Component model = parsed.getComponents().get(0);
    assertThat(model.getType()).isEqualTo(Component.Type.MACHINE_LEARNING_MODEL);
    assertThat(model.getName()).isEqualTo("model.onnx");
    assertThat(model.getVersion()).isEqualTo("3.0");
    assertThat(model.getHashes()).singleElement()
        .satisfies(hash -> assertThat(hash.getAlgorithm()).isEqualTo("SHA-256"))
        .satisfies(hash -> assertThat(hash.getValue()).isEqualTo(SHA));
    JsonNode json = BundleJson.parse(bom.jsonBytes());
    JsonNode parameters = json.at("/components/0/modelCard/modelParameters");
    assertThat(parameters.at("/approach/type").asText()).isEqualTo("supervised");
    assertThat(parameters.get("task").asText()).isEqualTo("classification");
    assertThat(parameters.get("architectureFamily").asText()).isEqualTo("linear");
    assertThat(parameters.get("modelArchitecture").asText()).isEqualTo("MatMul+Add");
    assertThat(parameters.findValuesAsText("ref"))
        .containsExactly("dataset:modelseal-train-2026-10", "dataset:modelseal-eval-2026-10");
    assertThat(json.at("/components/0/modelCard/quantitativeAnalysis/performanceMetrics/0/type").asText())
        .isEqualTo("accuracy");
    assertThat(json.at("/components/0/modelCard/quantitativeAnalysis/performanceMetrics/0/value").asText())
        .isEqualTo("0.91");
  }

  @Test
  void datasetsAreDataComponentsWithLicenseHashAndDatasetEntry() {
    JsonNode json = BundleJson.parse(MlBom.typical("model.onnx", SHA).build().jsonBytes());

    JsonNode train = json.at("/components/1");
    assertThat(train.get("type").asText()).isEqualTo("data");
    assertThat(train.get("bom-ref").asText()).isEqualTo("dataset:modelseal-train-2026-10");
    assertThat(train.get("name").asText()).isEqualTo("modelseal-train-2026-10");
    assertThat(train.at("/licenses/0/license/id").asText()).isEqualTo("CC-BY-4.0");
    assertThat(train.at("/hashes/0/alg").asText()).isEqualTo("SHA-256");
    assertThat(train.at("/hashes/0/content").asText()).isEqualTo(MlBom.hexSha256("modelseal-train-2026-10"));
    assertThat(train.at("/data/0/type").asText()).isEqualTo("dataset");
    assertThat(train.at("/data/0/name").asText()).isEqualTo("modelseal-train-2026-10");
    assertThat(json.at("/components/2/licenses/0/license/id").asText()).isEqualTo("CDLA-Permissive-2.0");
    assertThat(json.at("/components/3/type").asText()).isEqualTo("library");
    assertThat(json.at("/dependencies/0/dependsOn/0").asText()).isEqualTo("library:onnxruntime@1.20.0");
  }

  @Test
  void withoutDatasetLicensesDropsOnlyTheLicenses() {
    MlBom with = MlBom.typical("m", SHA).serialNumber(UUID.randomUUID()).timestamp(Instant.EPOCH).build();
    MlBom without = with.toBuilder().withoutDatasetLicenses().build();

    JsonNode a = BundleJson.parse(with.jsonBytes());
    JsonNode b = BundleJson.parse(without.jsonBytes());
    assertThat(b.findValues("licenses")).isEmpty();
    ((com.fasterxml.jackson.databind.node.ObjectNode) a.at("/components/1")).remove("licenses");
    ((com.fasterxml.jackson.databind.node.ObjectNode) a.at("/components/2")).remove("licenses");
    assertThat(b).isEqualTo(a);
  }

  @Test
  void namedLicenseAndArbitraryIds() {
    JsonNode json = BundleJson.parse(MlBom.builder("m", SHA)
        .dataset("web", "CC-BY-NC-4.0")
        .dataset(MlBom.Dataset.of("internal", MlBom.License.name("ACME data licence")))
        .build().jsonBytes());

    assertThat(json.at("/components/1/licenses/0/license/id").asText()).isEqualTo("CC-BY-NC-4.0");
    assertThat(json.at("/components/2/licenses/0/license/name").asText()).isEqualTo("ACME data licence");
    assertThat(json.at("/components/2/licenses/0/license").has("id")).isFalse();
  }

  @Test
  void spec14HasNoMlTypesSoTheModelIsAFile() throws Exception {
    JsonNode json = BundleJson.parse(MlBom.typical("m", SHA).specVersion(MlBom.SpecVersion.V1_4).build().jsonBytes());

    assertThat(json.at("/components/0/type").asText()).isEqualTo("file");
    assertThat(json.at("/components/0/hashes/0/content").asText()).isEqualTo(SHA);
    assertThat(json.at("/components/0").has("modelCard")).isFalse();
    assertThat(json.findValues("type")).extracting(JsonNode::asText).doesNotContain("data");
  }

  @Test
  void typicalOfAFileUsesItsNameAndDigest() throws Exception {
    Path model = Files.write(dir.resolve("tiny.onnx"), TinyOnnx.create().bytes());

    MlBom bom = MlBom.typical(model).build();

    assertThat(bom.modelName()).isEqualTo("tiny.onnx");
    assertThat(bom.modelSha256Hex()).isEqualTo(HexFormat.of().formatHex(Sha256.ofFile(model)));
  }

  @Test
  void rejectsMalformedInput() {
    assertThatThrownBy(() -> MlBom.builder("m", "AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MlBom.builder("m", SHA).modelSha256Hex("00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MlBom.builder("m", SHA).dataset("d", "MIT").dataset("d", "MIT").build())
        .isInstanceOf(IllegalStateException.class);
  }

  static List<ParseException> errors(MlBom bom, MlBom.SpecVersion version) throws Exception {
    Version cdx = switch (version) {
      case V1_4 -> Version.VERSION_14;
      case V1_5 -> Version.VERSION_15;
      case V1_6 -> Version.VERSION_16;
    };
    return errors(bom, cdx);
  }

  static List<ParseException> errors(MlBom bom, Version version) throws Exception {
    return new JsonParser().validate(bom.jsonBytes(), version);
  }
}
