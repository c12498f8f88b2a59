package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ComponentWrapper;
import org.cyclonedx.model.Pedigree;

/**
 * Every component and service of a BOM, in document order: {@code metadata.component}, then {@code
 * components}, each followed by its nested {@code components} and then by the components of its
 * {@code pedigree} ({@code ancestors}, {@code descendants}, {@code variants}, recursively); then
 * {@code services} with their nested services. Guarantees that each component's model object is
 * paired with the very JSON node it was bound from, or fails.
 *
 * <p>The pairing walks the model and the tree side by side and checks that each pair agrees on type
 * and name, so rules can read what the model exposes and fall back to the tree for what it does not.
 * If cyclonedx-core-java ever bound components differently from the document, rules checked on the
 * model alone could miss some, so that case is rejected rather than guessed around. Services are
 * read from the tree only: no rule reads their model. {@code metadata.tools} describe the tools
 * that wrote the BOM, not the product, and {@code formulation} how it was made; neither is
 * included.
 *
 * <p>Bounded: every element walked is an element of a {@code components}, {@code ancestors}, {@code
 * descendants}, {@code variants} or {@code services} array, which {@link BomJsonReader} counts
 * against {@link SbomLimits#maxComponents()} before the tree is built; the recursion is no deeper
 * than the JSON nesting, capped by {@link SbomLimits#maxDepth()}. Each element is visited once.
 */
final class BomComponents {

  private static final List<String> PEDIGREE_LISTS = List.of("ancestors", "descendants", "variants");

  private final List<BomComponent> all;
  private final List<BomService> services;
  private final Map<String, List<BomComponent>> byBomRef;

  private BomComponents(List<BomComponent> all, List<BomService> services) {
    this.all = List.copyOf(all);
    this.services = List.copyOf(services);
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
   * Pairs the model's components with the tree's and collects the tree's services.
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
      add(all, metadataModel, metadataComponent, "/metadata/component", false);
    }
    walk(all, bom.getComponents(), tree.path("components"), "/components", false);
    List<BomService> services = new ArrayList<>();
    walkServices(services, tree.path("services"), "/services");
    return new BomComponents(all, services);
  }

  private static void add(
      List<BomComponent> all, Component model, JsonNode node, String pointer, boolean pedigree)
      throws SbomException {
    boolean sameType =
        model.getType() != null && model.getType().getTypeName().equals(node.path("type").asText());
    if (!sameType || !node.path("name").asText().equals(model.getName())) {
      throw disagree(pointer);
    }
    all.add(new BomComponent(model, node, pointer, pedigree));
    walk(all, model.getComponents(), node.path("components"), pointer + "/components", pedigree);
    // The lists are compared one by one (a null model list is an empty one), so a pedigree holding
    // only commits or notes need not be bound for the pairing to hold.
    JsonNode pedigreeNode = node.path("pedigree");
    Pedigree pedigreeModel = model.getPedigree();
    List<ComponentWrapper> lists =
        pedigreeModel == null
            ? Arrays.asList(null, null, null)
            : Arrays.asList(
                pedigreeModel.getAncestors(),
                pedigreeModel.getDescendants(),
                pedigreeModel.getVariants());
    for (int i = 0; i < PEDIGREE_LISTS.size(); i++) {
      String list = PEDIGREE_LISTS.get(i);
      ComponentWrapper wrapper = lists.get(i);
      walk(
          all,
          wrapper == null ? null : wrapper.getComponents(),
          pedigreeNode.path(list),
          pointer + "/pedigree/" + list,
          true);
    }
  }

  private static void walk(
      List<BomComponent> all,
      List<Component> models,
      JsonNode nodes,
      String pointer,
      boolean pedigree)
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
      add(all, model, node, pointer + "/" + i, pedigree);
    }
  }

  private static void walkServices(List<BomService> services, JsonNode nodes, String pointer) {
    if (!nodes.isArray()) {
      return;
    }
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      if (node.isObject()) {
        services.add(new BomService(node, pointer + "/" + i));
        walkServices(services, node.path("services"), pointer + "/" + i + "/services");
      }
    }
  }

  private static SbomException disagree(String pointer) {
    return new SbomException(
        Reason.UNPARSEABLE,
        "cyclonedx-core-java bound the components at '" + pointer
            + "' differently from the document; refusing to check rules on a partial model");
  }

  /** Returns all components in document order, pedigree components included. */
  List<BomComponent> all() {
    return all;
  }

  /**
   * Returns the components of the given type in document order, leaving out pedigree components:
   * an ancestor model is not the model the BOM describes, and its hashes are not this model's.
   */
  List<BomComponent> ofType(Component.Type type) {
    return all.stream().filter(c -> !c.pedigree() && c.is(type)).toList();
  }

  /** Returns every service in document order, nested services included. */
  List<BomService> services() {
    return services;
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
