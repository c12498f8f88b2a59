package dev.modelseal.internal.sbom;

import java.util.List;
import org.cyclonedx.model.Component;

/** Reports a BOM without any {@code machine-learning-model} component, nested ones included. */
final class ModelComponentRule implements BomRule {

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    if (bom.components().ofType(Component.Type.MACHINE_LEARNING_MODEL).isEmpty()) {
      violations.add(
          "BOM: expected a component of type 'machine-learning-model', found none among "
              + bom.components().all().size() + " components");
    }
  }
}
