package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.MODEL_DIGEST;
import static dev.modelseal.internal.sbom.BomFixtures.MODEL_DIGESTS;
import static dev.modelseal.internal.sbom.BomFixtures.bytes;
import static dev.modelseal.internal.sbom.BomFixtures.components;
import static dev.modelseal.internal.sbom.BomFixtures.dataset;
import static dev.modelseal.internal.sbom.BomFixtures.library;
import static dev.modelseal.internal.sbom.BomFixtures.licenseExpression;
import static dev.modelseal.internal.sbom.BomFixtures.licenseId;
import static dev.modelseal.internal.sbom.BomFixtures.licenseName;
import static dev.modelseal.internal.sbom.BomFixtures.minimalBom;
import static dev.modelseal.internal.sbom.BomFixtures.mlBom;
import static dev.modelseal.internal.sbom.BomFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SbomCheckerTest {

  private static final List<String> CARD_FIELDS =
      List.of(
          "modelParameters.task",
          "modelParameters.approach.type",
          "modelParameters.architectureFamily",
          "modelParameters.datasets",
          "quantitativeAnalysis.performanceMetrics");

  private static SbomResult check(ObjectNode bom) throws SbomException {
    return SbomChecker.check(bytes(bom), SbomRules.defaults(), MODEL_DIGESTS);
  }

  private static SbomResult check(ObjectNode bom, SbomRules rules) throws SbomException {
    return SbomChecker.check(bytes(bom), rules, MODEL_DIGESTS);
  }

  private static SbomRules noMlRules() {
    return new SbomRules(false, false, List.of(), List.of(), SbomLimits.defaults());
  }

  @Test
  void realisticMlBomSatisfiesStrictRules() throws SbomException {
    SbomRules strict =
        new SbomRules(true, true, List.of("*-NC-*", "research-only"), CARD_FIELDS,
            SbomLimits.defaults());

    SbomResult result = check(mlBom(), strict);

    assertThat(result.violations()).isEmpty();
    assertThat(result.specVersion()).isEqualTo("1.6");
    assertThat(result.bom().getComponents())
        .extracting(Component::getType)
        .containsExactly(
            Component.Type.MACHINE_LEARNING_MODEL, Component.Type.DATA, Component.Type.LIBRARY);
    assertThat(
            result.bom().getComponents().get(0).getModelCard().getQuantitativeAnalysis()
                .getPerformanceMetrics().get(0).getValue())
        .isEqualTo("0.91");
  }

  @Test
  void rejectsMalformedModelDigestArgument() {
    for (Map<String, String> digests :
        List.of(
            Map.of("SHA-256", "abc"),
            Map.<String, String>of(),
            Map.of("MD5", "ab".repeat(16)),
            Map.of("SHA-512", MODEL_DIGEST))) {
      assertThatThrownBy(() -> SbomChecker.check(bytes(mlBom()), SbomRules.defaults(), digests))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class ModelComponent {

    @Test
    void passesWhenModelComponentIsNested() throws SbomException {
      ObjectNode bom = mlBom();
      ObjectNode modelNode = model(bom);
      components(bom).remove(0);
      ObjectNode library = (ObjectNode) components(bom).get(1);
      library.putArray("components").add(modelNode);

      SbomResult result = check(bom);

      assertThat(result.violations()).isEmpty();
    }

    @Test
    void passesWhenModelIsTheMetadataComponent() throws SbomException {
      ObjectNode bom = mlBom();
      ObjectNode modelNode = model(bom);
      components(bom).remove(0);
      ((ObjectNode) bom.get("metadata")).set("component", modelNode);
      ((ArrayNode) bom.get("dependencies")).remove(0);

      SbomResult result = check(bom);

      assertThat(result.violations()).isEmpty();
    }

    @Test
    void reportsBomWithoutModelComponent() throws SbomException {
      ObjectNode bom = mlBom();
      components(bom).remove(0);
      ((ArrayNode) bom.get("dependencies")).remove(1);

      SbomResult result = check(bom);

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("machine-learning-model")
          .contains("found none");
    }

    @Test
    void isNotRequiredWhenDisabled() throws SbomException {
      ObjectNode bom = mlBom();
      components(bom).remove(0);

      SbomResult result = check(bom, noMlRules());

      assertThat(result.violations()).isEmpty();
    }
  }

  @Nested
  class ModelDigest {

    @Test
    void acceptsMatchingDigestInAnyCase() throws SbomException {
      ObjectNode bom = mlBom();
      ((ObjectNode) model(bom).withArray("hashes").get(0))
          .put("content", MODEL_DIGEST.toUpperCase(Locale.ROOT));

      assertThat(check(bom).violations()).isEmpty();
    }

    @Test
    void reportsMismatchNamingComponentExpectedAndFound() throws SbomException {
      ObjectNode bom = mlBom();
      String other = "ff".repeat(32);
      ((ObjectNode) model(bom).withArray("hashes").get(0)).put("content", other);

      SbomResult result = check(bom, noMlRules());

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "model-1", "expected " + MODEL_DIGEST, "found " + other);
    }

    @Test
    void reportsEveryMismatchingSha256EvenWhenOneMatches() throws SbomException {
      ObjectNode bom = mlBom();
      String other = "ee".repeat(32);
      model(bom).withArray("hashes").addObject().put("alg", "SHA-256").put("content", other);

      SbomResult result = check(bom, noMlRules());

      assertThat(result.violations()).singleElement().asString().contains("found " + other);
    }

    @Test
    void reportsWrongSha512NextToRightSha256() throws SbomException {
      ObjectNode bom = mlBom();
      String sha512 = "ab".repeat(64);
      String wrong = "cd".repeat(64);
      model(bom).withArray("hashes").addObject().put("alg", "SHA-512").put("content", wrong);

      SbomResult result =
          SbomChecker.check(
              bytes(bom), noMlRules(), Map.of("SHA-256", MODEL_DIGEST, "SHA-512", sha512));

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "SHA-512 hash does not match", "expected " + sha512,
              "found " + wrong);
    }

    @Test
    void acceptsEveryListedHashWhenEachMatches() throws SbomException {
      ObjectNode bom = mlBom();
      String sha512 = "ab".repeat(64);
      model(bom).withArray("hashes").addObject().put("alg", "SHA-512").put("content", sha512);

      SbomResult result =
          SbomChecker.check(
              bytes(bom), noMlRules(), Map.of("SHA-256", MODEL_DIGEST, "SHA-512", sha512));

      assertThat(result.violations()).isEmpty();
    }

    @Test
    void acceptsSha512OnlyBomForModelHashedWithSha512() throws SbomException {
      ObjectNode bom = mlBom();
      String sha512 = "ab".repeat(64);
      model(bom).putArray("hashes").addObject().put("alg", "SHA-512").put("content", sha512);

      SbomResult result = SbomChecker.check(bytes(bom), noMlRules(), Map.of("SHA-512", sha512));

      assertThat(result.violations()).isEmpty();
    }

    @Test
    void reportsHashInAnAlgorithmTheModelWasNotHashedWith() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).withArray("hashes").addObject().put("alg", "SHA-512").put("content", "ab".repeat(64));

      SbomResult result = check(bom, noMlRules());

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "SHA-512", "hashed with SHA-256 only", "cannot be checked");
    }

    @Test
    void reportsHashInAnAlgorithmTheVerifierDoesNotCheck() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).withArray("hashes").addObject().put("alg", "SHA-1").put("content", "ab".repeat(20));

      SbomResult result = check(bom, noMlRules());

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "SHA-1", "does not check");
    }

    @Test
    void ignoresHashesOfAPedigreeAncestorModel() throws SbomException {
      ObjectNode bom = mlBom();
      ObjectNode base = model(bom).putObject("pedigree").putArray("ancestors").addObject();
      base.put("type", "machine-learning-model").put("name", "bert-base");
      base.putArray("hashes").addObject().put("alg", "SHA-256").put("content", "ee".repeat(32));

      assertThat(check(bom).violations()).isEmpty();
    }

    @Test
    void acceptsModelComponentWithoutHashes() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).remove("hashes");

      assertThat(check(bom).violations()).isEmpty();
    }

    @Test
    void ignoresHashesOfNonModelComponents() throws SbomException {
      // The dataset's own SHA-256 differs from the model digest and must not be compared.
      assertThat(check(mlBom()).violations()).isEmpty();
    }
  }

  @Nested
  class DatasetLicenses {

    @Test
    void acceptsNamedLicenseAndExpression() throws SbomException {
      ObjectNode bom = mlBom();
      dataset(bom).set("licenses", licenseName("Example Data License"));
      ObjectNode second = dataset(mlBom()).deepCopy();
      second.put("bom-ref", "dataset-2").put("name", "second-corpus");
      second.set("licenses", licenseExpression("CC-BY-4.0 AND MIT"));
      components(bom).add(second);

      assertThat(check(bom).violations()).isEmpty();
    }

    @Test
    void reportsDataComponentWithoutLicense() throws SbomException {
      ObjectNode bom = mlBom();
      dataset(bom).remove("licenses");

      SbomResult result = check(bom);

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("reviews-corpus", "dataset-1", "expected at least one license", "found none");
    }

    @Test
    void reportsInlineModelCardDataset() throws SbomException {
      ObjectNode bom = mlBom();
      ArrayNode datasets =
          (ArrayNode) model(bom).at("/modelCard/modelParameters/datasets");
      datasets.addObject().put("type", "dataset").put("name", "scraped-forum-posts");

      SbomResult result = check(bom);

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "inline dataset 'scraped-forum-posts'");
    }

    @Test
    void reportsModelCardDatasetRefThatResolvesToNothing() throws SbomException {
      ObjectNode bom = mlBom();
      ((ObjectNode) model(bom).at("/modelCard/modelParameters/datasets/0"))
          .put("ref", "dataset-missing");

      SbomResult result = check(bom);

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "'dataset-missing'", "no component with that bom-ref");
    }

    @Test
    void reportsModelCardDatasetRefToNonDataComponent() throws SbomException {
      ObjectNode bom = mlBom();
      ((ObjectNode) model(bom).at("/modelCard/modelParameters/datasets/0"))
          .put("ref", "pkg:maven/ai.djl/api@0.31.0");

      SbomResult result = check(bom);

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "of type 'library'");
    }

    @Test
    void reportsModelCardDatasetRefWithDuplicatedBomRef() throws SbomException {
      ObjectNode bom = mlBom();
      ObjectNode duplicate = dataset(bom).deepCopy();
      duplicate.put("name", "impostor-corpus");
      components(bom).add(duplicate);

      SbomResult result = check(bom);

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("'dataset-1'", "2 components with that bom-ref");
    }

    @Test
    void isNotRequiredWhenDisabled() throws SbomException {
      ObjectNode bom = mlBom();
      dataset(bom).remove("licenses");

      SbomRules rules = new SbomRules(true, false, List.of(), List.of(), SbomLimits.defaults());

      assertThat(check(bom, rules).violations()).isEmpty();
    }
  }

  @Nested
  class DeniedLicenses {

    private SbomRules denying(String... globs) {
      return new SbomRules(true, true, List.of(globs), List.of(), SbomLimits.defaults());
    }

    @Test
    void nonCommercialGlobDeniesCcByNc() throws SbomException {
      ObjectNode bom = mlBom();
      dataset(bom).set("licenses", licenseId("CC-BY-NC-4.0"));

      SbomResult result = check(bom, denying("*-NC-*"));

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("reviews-corpus", "dataset-1", "'*-NC-*'", "'CC-BY-NC-4.0'");
    }

    @Test
    void allowsLicensesNotMatchingAnyGlob() throws SbomException {
      assertThat(check(mlBom(), denying("*-NC-*", "research-only", "GPL-*")).violations())
          .isEmpty();
    }

    @Test
    void matchesLicenseNamesCaseInsensitively() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).set("licenses", licenseName("Research-Only"));

      SbomResult result = check(bom, denying("research-only"));

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "'Research-Only'");
    }

    @Test
    void matchesEachTermOfAnExpression() throws SbomException {
      ObjectNode bom = mlBom();
      library(bom).set("licenses", licenseExpression("(MIT OR CC-BY-NC-SA-4.0)"));

      SbomResult result = check(bom, denying("*-nc-*"));

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("'api'", "'CC-BY-NC-SA-4.0'");
    }

    @Test
    void checksNestedAndMetadataComponents() throws SbomException {
      ObjectNode bom = mlBom();
      ((ObjectNode) bom.at("/metadata/component")).set("licenses", licenseId("CC-BY-NC-4.0"));
      ObjectNode nested = library(bom).putArray("components").addObject();
      nested.put("type", "library").put("name", "nested-lib");
      nested.set("licenses", licenseId("CC-BY-NC-ND-4.0"));

      SbomResult result = check(bom, denying("*-NC-*"));

      assertThat(result.violations())
          .hasSize(2)
          .anySatisfy(v -> assertThat(v).contains("sentiment-service", "/metadata/component"))
          .anySatisfy(v -> assertThat(v).contains("nested-lib", "/components/2/components/0"));
    }

    @Test
    void checksPedigreeAncestorsDescendantsAndVariantsRecursively() throws SbomException {
      ObjectNode bom = mlBom();
      ObjectNode pedigree = model(bom).putObject("pedigree");
      ObjectNode ancestor = pedigree.putArray("ancestors").addObject();
      ancestor.put("type", "machine-learning-model").put("name", "base-model");
      ancestor.set("licenses", licenseId("CC-BY-NC-4.0"));
      ObjectNode grandparent =
          ancestor.putObject("pedigree").putArray("ancestors").addObject();
      grandparent.put("type", "machine-learning-model").put("name", "grandparent-model");
      grandparent.set("licenses", licenseExpression("CC-BY-NC-SA-4.0"));
      ObjectNode descendant = pedigree.putArray("descendants").addObject();
      descendant.put("type", "machine-learning-model").put("name", "distilled-model");
      descendant.set("licenses", licenseName("CC BY-NC 4.0"));
      ObjectNode variant = pedigree.putArray("variants").addObject();
      variant.put("type", "machine-learning-model").put("name", "quantized-model");
      variant.set("licenses", licenseId("CC-BY-NC-ND-4.0"));
      ObjectNode metadataAncestor =
          ((ObjectNode) bom.at("/metadata/component")).putObject("pedigree").putArray("variants")
              .addObject();
      metadataAncestor.put("type", "application").put("name", "service-fork");
      metadataAncestor.set("licenses", licenseId("CC-BY-NC-4.0"));

      SbomResult result = check(bom, denying("*-NC-*"));

      assertThat(result.violations())
          .hasSize(5)
          .anySatisfy(v -> assertThat(v).contains("base-model", "/components/0/pedigree/ancestors/0"))
          .anySatisfy(
              v ->
                  assertThat(v)
                      .contains(
                          "grandparent-model",
                          "/components/0/pedigree/ancestors/0/pedigree/ancestors/0"))
          .anySatisfy(
              v -> assertThat(v).contains("distilled-model", "/components/0/pedigree/descendants/0"))
          .anySatisfy(
              v -> assertThat(v).contains("quantized-model", "/components/0/pedigree/variants/0"))
          .anySatisfy(
              v -> assertThat(v).contains("service-fork", "/metadata/component/pedigree/variants/0"));
    }

    @Test
    void checksServicesAndNestedServices() throws SbomException {
      ObjectNode bom = mlBom();
      ObjectNode service = bom.putArray("services").addObject();
      service.put("bom-ref", "inference-api").put("name", "inference-api");
      service.set("licenses", licenseId("CC-BY-NC-4.0"));
      ObjectNode nested = service.putArray("services").addObject();
      nested.put("name", "tokenizer-api");
      nested.set("licenses", licenseName("Creative Commons Attribution-NonCommercial 4.0 International"));

      SbomResult result = check(bom, denying("*-NC-*"));

      assertThat(result.violations())
          .hasSize(2)
          .anySatisfy(
              v -> assertThat(v).contains("service 'inference-api'", "'/services/0'", "CC-BY-NC-4.0"))
          .anySatisfy(
              v ->
                  assertThat(v)
                      .contains(
                          "service 'tokenizer-api'",
                          "/services/0/services/0",
                          "read as 'CC-BY-NC-4.0'"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "CC BY-NC 4.0",
          "CC BY NC 4.0",
          "CC_BY_NC_4.0",
          "CC\u00a0BY-NC\u00a04.0",
          "cc-by-nc-4.0",
          "Creative Commons Attribution-NonCommercial 4.0 International",
          "Creative Commons Attribution Non Commercial 4.0 International",
          "Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)"
        })
    void deniesNonCommercialCreativeCommonsByTheNamesPeopleWrite(String name)
        throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).set("licenses", licenseName(name));

      for (String glob : List.of("*-NC-*", "CC-BY-NC-*")) {
        assertThat(check(bom, denying(glob)).violations())
            .as("%s denied by %s", name, glob)
            .singleElement()
            .asString()
            .contains("sentiment-bert", "'" + glob + "'");
      }
    }

    @Test
    void deniesGnuLicensesByTheirFullNames() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).set("licenses", licenseName("GNU General Public License v3.0"));
      library(bom).set("licenses", licenseName("GNU Affero General Public License version 3 or later"));

      SbomResult result = check(bom, denying("GPL-3.0-only", "AGPL-3.0-or-later"));

      assertThat(result.violations())
          .hasSize(2)
          .anySatisfy(v -> assertThat(v).contains("sentiment-bert", "read as 'GPL-3.0-only'"))
          .anySatisfy(v -> assertThat(v).contains("'api'", "read as 'AGPL-3.0-or-later'"));
    }

    @Test
    void deniesNamesFromTheSpdxListAndCycloneDxMapping() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).set("licenses", licenseName("The Apache Software License, Version 2.0"));
      dataset(bom).set("licenses", licenseId("MIT"));
      library(bom).set("licenses", licenseName("BSD Zero Clause License"));

      SbomResult result = check(bom, denying("Apache-2.0", "0BSD"));

      assertThat(result.violations())
          .hasSize(2)
          .anySatisfy(v -> assertThat(v).contains("sentiment-bert", "read as 'Apache-2.0'"))
          .anySatisfy(v -> assertThat(v).contains("'api'", "read as '0BSD'"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "MIT OR\u00a0CC-BY-NC-4.0",
          "MIT\u2003OR CC-BY-NC-4.0",
          "MIT AND\u200bCC-BY-NC-4.0",
          "\ufeffCC-BY-NC-4.0",
          "MIT OR (CC-BY-NC-4.0",
          "MIT OR"
        })
    void reportsExpressionsThatAreNotSpdxInsteadOfSkippingTheirTerms(String expression)
        throws SbomException {
      ObjectNode bom = mlBom();
      library(bom).set("licenses", licenseExpression(expression));

      SbomResult result = check(bom, denying("CC-BY-NC-*"));

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("'api'", "expected a valid SPDX license expression", "cannot be checked");
    }

    @Test
    void matchesExceptionsAndDeprecatedPlusForms() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).set("licenses", licenseExpression("GPL-2.0+ WITH Classpath-exception-2.0"));

      assertThat(check(bom, denying("GPL-2.0-or-later")).violations())
          .singleElement()
          .asString()
          .contains("read as 'GPL-2.0-or-later'");
      assertThat(check(bom, denying("Classpath-*")).violations()).hasSize(1);
      assertThat(check(bom, denying("GPL-2.0-only")).violations()).isEmpty();
    }
  }

  @Nested
  class ModelCardFields {

    private SbomRules requiring(String... paths) {
      return new SbomRules(true, true, List.of(), List.of(paths), SbomLimits.defaults());
    }

    @Test
    void acceptsPresentFields() throws SbomException {
      assertThat(check(mlBom(), requiring(CARD_FIELDS.toArray(String[]::new))).violations())
          .isEmpty();
    }

    @Test
    void acceptsIndexedPath() throws SbomException {
      SbomResult result =
          check(mlBom(), requiring("quantitativeAnalysis.performanceMetrics.0.value"));

      assertThat(result.violations()).isEmpty();
    }

    @Test
    void reportsMissingField() throws SbomException {
      SbomResult result = check(mlBom(), requiring("considerations.ethicalConsiderations"));

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "model-1", "modelCard.considerations.ethicalConsiderations");
    }

    @Test
    void reportsEmptyField() throws SbomException {
      ObjectNode bom = mlBom();
      ((ObjectNode) model(bom).at("/modelCard/quantitativeAnalysis"))
          .putArray("performanceMetrics");
      ((ObjectNode) model(bom).at("/modelCard/modelParameters")).put("task", " ");

      SbomResult result =
          check(bom, requiring("quantitativeAnalysis.performanceMetrics", "modelParameters.task"));

      assertThat(result.violations()).hasSize(2).allSatisfy(v -> assertThat(v).contains("model-1"));
    }

    @Test
    void reportsModelWithoutModelCard() throws SbomException {
      ObjectNode bom = mlBom();
      model(bom).remove("modelCard");

      SbomResult result = check(bom, requiring("modelParameters.task"));

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("sentiment-bert", "no modelCard");
    }

    @Test
    void rejectsMalformedPathInRules() {
      assertThatThrownBy(() -> requiring("modelParameters..task"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("modelParameters..task");
    }
  }

  @Nested
  class SpecVersions {

    @Test
    void reportsOlderVersionWhenMlRulesAreEnabled() throws SbomException {
      SbomResult result = check(minimalBom("1.4"));

      assertThat(result.specVersion()).isEqualTo("1.4");
      assertThat(result.violations())
          .anySatisfy(v -> assertThat(v).contains("require specVersion 1.6", "found 1.4"));
    }

    @Test
    void reportsVersion15WhenMlRulesAreEnabled() throws SbomException {
      SbomRules fieldsOnly =
          new SbomRules(false, false, List.of(), List.of("modelParameters.task"),
              SbomLimits.defaults());

      SbomResult result = check(minimalBom("1.5"), fieldsOnly);

      assertThat(result.violations())
          .singleElement()
          .asString()
          .contains("require specVersion 1.6", "found 1.5");
    }

    @Test
    void acceptsOlderVersionWithoutMlRules() throws SbomException {
      for (String version : List.of("1.2", "1.3", "1.4", "1.5")) {
        assertThat(check(minimalBom(version), noMlRules()).violations()).isEmpty();
      }
    }

    @Test
    void validatesAgainstTheDeclaredVersionsSchema() {
      // "machine-learning-model" only exists from 1.5 on.
      ObjectNode bom = minimalBom("1.4");
      ((ObjectNode) components(bom).get(0)).put("type", "machine-learning-model");

      assertThatThrownBy(() -> check(bom))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("CycloneDX 1.4")
          .hasMessageContaining("/components/0/type")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.SCHEMA_INVALID);
    }

    @Test
    void rejectsVersionWithoutJsonFormat() {
      assertThatThrownBy(() -> check(minimalBom("1.1")))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("1.1")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.UNSUPPORTED_SPEC_VERSION);
    }

    @Test
    void rejectsUnknownVersion() {
      assertThatThrownBy(() -> check(minimalBom("1.7")))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("'1.7'")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.UNSUPPORTED_SPEC_VERSION);
    }

    @Test
    void rejectsMissingVersion() {
      ObjectNode bom = mlBom();
      bom.remove("specVersion");

      assertThatThrownBy(() -> check(bom))
          .isInstanceOf(SbomException.class)
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.UNSUPPORTED_SPEC_VERSION);
    }

    @Test
    void rejectsNonStringVersion() {
      ObjectNode bom = mlBom();
      bom.put("specVersion", 1.6);

      assertThatThrownBy(() -> check(bom))
          .isInstanceOf(SbomException.class)
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.UNSUPPORTED_SPEC_VERSION);
    }
  }

  @Nested
  class UnusableInput {

    @Test
    void rejectsSchemaInvalidBomWithLocation() {
      ObjectNode bom = mlBom();
      dataset(bom).put("type", "dataset");

      assertThatThrownBy(() -> check(bom))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("at '/components/1/type'")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.SCHEMA_INVALID);
    }

    @Test
    void rejectsBadHashContentWithLocation() {
      ObjectNode bom = mlBom();
      ((ObjectNode) model(bom).withArray("hashes").get(0)).put("content", "not-hex");

      assertThatThrownBy(() -> check(bom))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("/components/0/hashes/0/content");
    }

    @Test
    void limitsTheNumberOfListedSchemaErrors() {
      ObjectNode bom = mlBom();
      ArrayNode components = components(bom);
      for (int i = 0; i < 10; i++) {
        components.addObject().put("type", "bogus-" + i).put("name", "c" + i);
      }

      assertThatThrownBy(() -> check(bom))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("more)");
    }

    @Test
    void rejectsMalformedJson() {
      byte[] truncated = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", ".getBytes();

      assertThatThrownBy(() -> SbomChecker.check(truncated, SbomRules.defaults(), MODEL_DIGESTS))
          .isInstanceOf(SbomException.class)
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void rejectsEveryTruncationOfAValidBom() {
      byte[] whole = bytes(mlBom());
      for (int cut = 0; cut < whole.length; cut += whole.length / 40) {
        byte[] truncated = java.util.Arrays.copyOf(whole, cut);

        assertThatThrownBy(() -> SbomChecker.check(truncated, SbomRules.defaults(), MODEL_DIGESTS))
            .as("truncated to %d bytes", cut)
            .isInstanceOf(SbomException.class)
            .extracting(e -> ((SbomException) e).reason())
            .isEqualTo(Reason.MALFORMED_JSON);
      }
    }

    @Test
    void rejectsHugeBomBeforeParsing() {
      byte[] huge = new byte[(int) SbomLimits.defaults().maxBytes() + 1];
      java.util.Arrays.fill(huge, (byte) '[');

      assertThatThrownBy(() -> SbomChecker.check(huge, SbomRules.defaults(), MODEL_DIGESTS))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("over the limit of 16777216 bytes")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void rejectsHundredThousandDeepNestingWithoutError() {
      String deep =
          "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"x\":"
              + "[".repeat(100_000) + "]".repeat(100_000) + "}";

      assertThatThrownBy(
              () -> SbomChecker.check(deep.getBytes(), SbomRules.defaults(), MODEL_DIGESTS))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("deeper than the limit of 64")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void rejectsDeeplyNestedComponentsWithoutError() {
      int levels = 50_000;
      StringBuilder json =
          new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"");
      for (int i = 0; i < levels; i++) {
        json.append(",\"components\":[{\"type\":\"library\",\"name\":\"n").append(i).append('"');
      }
      json.append("}]".repeat(levels)).append('}');

      assertThatThrownBy(
              () ->
                  SbomChecker.check(
                      json.toString().getBytes(), SbomRules.defaults(), MODEL_DIGESTS))
          .isInstanceOf(SbomException.class)
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void rejectsTooManyComponentsUnderDefaultLimits() {
      StringBuilder json =
          new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
      for (int i = 0; i <= SbomLimits.defaults().maxComponents(); i++) {
        json.append(i == 0 ? "" : ",").append("{\"type\":\"library\",\"name\":\"c").append(i)
            .append("\"}");
      }
      json.append("]}");

      assertThatThrownBy(
              () ->
                  SbomChecker.check(
                      json.toString().getBytes(), SbomRules.defaults(), MODEL_DIGESTS))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("limit of 50000")
          .hasMessageContaining("/components/50000")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.TOO_MANY_COMPONENTS);
    }

    @Test
    void countsNestedComponentsTowardsTheLimit() {
      ObjectNode bom = mlBom();
      library(bom).putArray("components").addObject().put("type", "library").put("name", "n");
      // The fixture holds four: metadata.tools.components[0] and the three top-level components.
      SbomRules rules =
          new SbomRules(true, true, List.of(), List.of(), new SbomLimits(1 << 20, 64, 4));

      assertThatThrownBy(() -> check(bom, rules))
          .isInstanceOf(SbomException.class)
          .hasMessageContaining("/components/2/components/0")
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.TOO_MANY_COMPONENTS);
    }

    @Test
    void acceptsBomExactlyAtTheLimits() throws SbomException {
      byte[] bom = bytes(mlBom());
      SbomRules rules =
          new SbomRules(true, true, List.of(), List.of(), new SbomLimits(bom.length, 64, 4));

      assertThat(SbomChecker.check(bom, rules, MODEL_DIGESTS).violations()).isEmpty();
    }
  }
}
