package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.cyclonedx.model.Component;

/**
 * Requires each listed dotted path to be present and non-empty in the {@code modelCard} of every
 * {@code machine-learning-model} component.
 *
 * <p>Reads the JSON tree, not the cyclonedx model: the model has no generic path access, and checking
 * what the document states avoids depending on which fields the model binds.
 */
final class ModelCardFieldRule implements BomRule {

  private final List<ModelCardPath> required;

  ModelCardFieldRule(List<String> requiredPaths) {
    this.required = requiredPaths.stream().map(ModelCardPath::parse).toList();
  }

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    for (BomComponent model : bom.components().ofType(Component.Type.MACHINE_LEARNING_MODEL)) {
      JsonNode card = model.node().path("modelCard");
      for (ModelCardPath path : required) {
        if (!path.isPresentIn(card)) {
          violations.add(
              model.label() + ": expected a non-empty modelCard." + path.dotted() + ", found "
                  + (card.isObject() ? "it missing or empty" : "no modelCard"));
        }
      }
    }
  }
}
