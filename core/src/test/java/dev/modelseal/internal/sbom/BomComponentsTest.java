package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.mlBom;
import static dev.modelseal.internal.sbom.BomFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.sbom.SbomException.Reason;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class BomComponentsTest {

  private static Bom bind(JsonNode tree) throws ParseException {
    return new JsonParser().parse(BomFixtures.bytes(tree));
  }

  @Test
  void listsMetadataThenTopLevelThenNestedComponentsWithPointers() throws Exception {
    ObjectNode tree = mlBom();
    ((ObjectNode) tree.at("/components/2"))
        .putArray("components").addObject().put("type", "file").put("name", "f");

    BomComponents components = BomComponents.of(tree, bind(tree));

    assertThat(components.all())
        .extracting(BomComponent::pointer)
        .containsExactly(
            "/metadata/component", "/components/0", "/components/1", "/components/2",
            "/components/2/components/0");
    assertThat(components.ofType(Component.Type.MACHINE_LEARNING_MODEL))
        .singleElement()
        .extracting(c -> c.node().path("name").asText())
        .isEqualTo("sentiment-bert");
    assertThat(components.all().get(1).label())
        .isEqualTo("component 'sentiment-bert' (bom-ref 'model-1') at '/components/0'");
  }

  @Test
  void walksPedigreeComponentsAfterNestedOnesAndServicesApart() throws Exception {
    ObjectNode tree = mlBom();
    ObjectNode model = BomFixtures.model(tree);
    model.putArray("components").addObject().put("type", "file").put("name", "weights");
    ObjectNode pedigree = model.putObject("pedigree");
    ObjectNode ancestor = pedigree.putArray("ancestors").addObject();
    ancestor.put("type", "machine-learning-model").put("name", "base");
    ancestor.putObject("pedigree").putArray("variants").addObject()
        .put("type", "machine-learning-model").put("name", "base-variant");
    pedigree.putArray("descendants").addObject().put("type", "data").put("name", "derived");
    pedigree.putArray("commits").addObject().put("uid", "abc");
    ObjectNode service = tree.putArray("services").addObject().put("name", "api");
    service.putArray("services").addObject().put("name", "inner");

    BomComponents components = BomComponents.of(tree, bind(tree));

    assertThat(components.all())
        .extracting(BomComponent::pointer, BomComponent::pedigree)
        .containsExactly(
            tuple("/metadata/component", false),
            tuple("/components/0", false),
            tuple("/components/0/components/0", false),
            tuple("/components/0/pedigree/ancestors/0", true),
            tuple("/components/0/pedigree/ancestors/0/pedigree/variants/0", true),
            tuple("/components/0/pedigree/descendants/0", true),
            tuple("/components/1", false),
            tuple("/components/2", false));
    assertThat(components.ofType(Component.Type.MACHINE_LEARNING_MODEL))
        .extracting(BomComponent::pointer)
        .containsExactly("/components/0");
    assertThat(components.services())
        .extracting(BomService::label)
        .containsExactly("service 'api' at '/services/0'", "service 'inner' at '/services/0/services/0'");
  }

  @Test
  void rejectsPedigreeTheModelBoundDifferently() throws Exception {
    ObjectNode tree = mlBom();
    BomFixtures.model(tree).putObject("pedigree").putArray("ancestors").addObject()
        .put("type", "machine-learning-model").put("name", "base");
    Bom bom = bind(tree);
    bom.getComponents().get(0).getPedigree().setAncestors(null);

    assertThatThrownBy(() -> BomComponents.of(tree, bom))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("'/components/0/pedigree/ancestors'");
  }

  @Test
  void returnsEveryComponentSharingABomRef() throws Exception {
    ObjectNode tree = mlBom();
    BomFixtures.components(tree).add(BomFixtures.dataset(tree).deepCopy());

    BomComponents components = BomComponents.of(tree, bind(tree));

    assertThat(components.withBomRef("dataset-1")).hasSize(2);
    assertThat(components.withBomRef("absent")).isEmpty();
  }

  @Test
  void rejectsTreeWithMoreComponentsThanTheModel() throws Exception {
    ObjectNode tree = mlBom();
    Bom bom = bind(tree);
    BomFixtures.components(tree).addObject().put("type", "library").put("name", "extra");

    assertThatThrownBy(() -> BomComponents.of(tree, bom))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("'/components'")
        .extracting(e -> ((SbomException) e).reason())
        .isEqualTo(Reason.UNPARSEABLE);
  }

  @Test
  void rejectsPairsThatDisagreeOnNameOrType() throws Exception {
    ObjectNode tree = mlBom();
    Bom bom = bind(tree);
    ObjectNode renamed = tree.deepCopy();
    ((ObjectNode) renamed.at("/components/1")).put("name", "other");
    ObjectNode retyped = tree.deepCopy();
    ((ObjectNode) retyped.at("/components/1")).put("type", "library");

    assertThatThrownBy(() -> BomComponents.of(renamed, bom))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("'/components/1'");
    assertThatThrownBy(() -> BomComponents.of(retyped, bom))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("'/components/1'");
  }

  @Test
  void rejectsMetadataComponentMissingFromTheModel() throws Exception {
    ObjectNode tree = mlBom();
    Bom bom = bind(tree);
    bom.getMetadata().setComponent(null);

    assertThatThrownBy(() -> BomComponents.of(tree, bom))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("/metadata/component");
  }

  @Test
  void acceptsBomWithoutAnyComponents() throws Exception {
    JsonNode tree = parse("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1}");

    assertThat(BomComponents.of(tree, bind(tree)).all()).isEmpty();
  }
}
