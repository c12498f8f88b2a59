package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;

/**
 * Every component of a BOM, in document order: {@code metadata.component}, then {@code
 * components}, each followed by its nested {@code components}; guarantees that each model object is
 * paired with the very JSON node it was bound from, or fails.
 *
 * <p>The pairing walks the model and the tree side by side and checks that each pair agrees on type
 * and name, so rules can read what the model exposes and fall back to the tree for what it does not.
 * If cyclonedx-core-java ever bound components differently from the document, rules checked on the
 * model alone could miss some, so that case is rejected rather than guessed around. {@code
 * metadata.tools.components} describe the tools that wrote the BOM, not the product, and are not
 * included.
 */
final class BomComponents {

  private final List<BomComponent> all;
  private final Map<String, List<BomComponent>> byBomRef;

  private BomComponents(List<BomComponent> all) {
    this.all = List.copyOf(all);
    Map<String, List<BomComponent>> index = new HashMap<>();
    for (BomComponent component : all) {
      String ref = component.model().getBomRef();
      if (ref != null) {
        index.computeIfAbsent(ref, r -> new ArrayList<>()).add(component);
      }
    }
    this.byBomRef = index;
  }

  /**
   * Pairs the model's components with the tree's.
   *
   * @throws SbomException if the model and the tree disagree on which components exist
   */
  static BomComponents of(JsonNode tree, Bom bom) throws SbomException {
    List<BomComponent> all = new ArrayList<>();
    JsonNode metadataComponent = tree.path("metadata").path("component");
    Component metadataModel = bom.getMetadata() == null ? null : bom.getMetadata().getComponent();
    if (metadataComponent.isObject() != (metadataModel != null)) {
      throw disagree("/metadata/component");
    }
    if (metadataModel != null) {
      add(all, metadataModel, metadataComponent, "/metadata/component");
    }
    walk(all, bom.getComponents(), tree.path("components"), "/components");
    return new BomComponents(all);
  }

  private static void add(
      List<BomComponent> all, Component model, JsonNode node, String pointer)
      throws SbomException {
    boolean sameType =
        model.getType() != null && model.getType().getTypeName().equals(node.path("type").asText());
    if (!sameType || !node.path("name").asText().equals(model.getName())) {
      throw disagree(pointer);
    }
    all.add(new BomComponent(model, node, pointer));
    walk(all, model.getComponents(), node.path("components"), pointer + "/components");
  }

  private static void walk(
      List<BomComponent> all, List<Component> models, JsonNode nodes, String pointer)
      throws SbomException {
    int modelCount = models == null ? 0 : models.size();
    int nodeCount = nodes.isArray() ? nodes.size() : 0;
    if (modelCount != nodeCount) {
      throw disagree(pointer);
    }
    for (int i = 0; i < modelCount; i++) {
      Component model = models.get(i);
      JsonNode node = nodes.get(i);
      if (model == null || !node.isObject()) {
        throw disagree(pointer + "/" + i);
      }
      add(all, model, node, pointer + "/" + i);
    }
  }

  private static SbomException disagree(String pointer) {
    return new SbomException(
        Reason.UNPARSEABLE,
        "cyclonedx-core-java bound the components at '" + pointer
            + "' differently from the document; refusing to check rules on a partial model");
  }

  /** Returns all components in document order. */
  List<BomComponent> all() {
    return all;
  }

  /** Returns the components of the given type in document order. */
  List<BomComponent> ofType(Component.Type type) {
    return all.stream().filter(c -> c.is(type)).toList();
  }

  /**
   * Returns every component with the given bom-ref; more than one means the BOM breaks the
   * uniqueness the specification demands of bom-refs, and a caller resolving a reference must not
   * pick one.
   */
  List<BomComponent> withBomRef(String bomRef) {
    return List.copyOf(byBomRef.getOrDefault(bomRef, List.of()));
  }
}
