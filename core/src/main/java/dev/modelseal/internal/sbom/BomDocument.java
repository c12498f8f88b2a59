package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A BOM document that passed the streaming limit checks, as a Jackson tree plus the specVersion its
 * root declares (null when absent or not a string); nothing in it is validated against a schema yet.
 */
record BomDocument(JsonNode tree, String declaredSpecVersion) {

  BomDocument {
    Objects.requireNonNull(tree, "tree");
  }
}
