package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One service of a BOM ({@code services}, nested ones included), as its JSON node and pointer. */
record BomService(JsonNode node, String pointer) {

  BomService {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(pointer, "pointer");
  }

  /** Names the service for a violation message: its name, bom-ref and JSON pointer. */
  String label() {
    StringBuilder label = new StringBuilder("service '").append(node.path("name").asText()).append('\'');
    if (node.path("bom-ref").isTextual()) {
      label.append(" (bom-ref '").append(node.path("bom-ref").asText()).append("')");
    }
    return label.append(" at '").append(pointer).append('\'').toString();
  }
}
