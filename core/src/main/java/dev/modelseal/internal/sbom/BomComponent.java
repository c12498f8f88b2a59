package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.cyclonedx.model.Component;

/**
 * One component of a BOM, as cyclonedx-core-java's model and as the JSON node it was bound from,
 * with the JSON pointer where it sits; the two views always describe the same document object.
 *
 * @param pedigree whether the component sits under a {@code pedigree} (an ancestor, descendant or
 *     variant of another component, e.g. the base model a model was fine-tuned from), and so is not
 *     itself part of what the BOM describes
 */
record BomComponent(Component model, JsonNode node, String pointer, boolean pedigree) {

  BomComponent {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(pointer, "pointer");
  }

  /** Tells whether the component has the given type. */
  boolean is(Component.Type type) {
    return model.getType() == type;
  }

  /** Names the component for a violation message: its name, bom-ref and JSON pointer. */
  String label() {
    StringBuilder label = new StringBuilder("component '").append(model.getName()).append('\'');
    if (model.getBomRef() != null) {
      label.append(" (bom-ref '").append(model.getBomRef()).append("')");
    }
    return label.append(" at '").append(pointer).append('\'').toString();
  }
}
