package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A dotted path under a model card, such as {@code quantitativeAnalysis.performanceMetrics}, resolved
 * on the JSON tree; a segment of digits indexes an array, any other segment names an object field.
 */
record ModelCardPath(String dotted, List<String> segments) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern INDEX = Pattern.compile("[0-9]{1,9}");

  ModelCardPath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses a dotted path.
   *
   * @throws IllegalArgumentException if the path is blank or has an empty or non-identifier segment
   */
  static ModelCardPath parse(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    for (String part : parts) {
      if (!SEGMENT.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "model card field path '" + dotted + "' has an invalid segment '" + part + "'");
      }
    }
    return new ModelCardPath(dotted, List.of(parts));
  }

  /**
   * Tells whether the path exists under {@code modelCard} and its value is non-empty: not null, not a
   * blank string, not an empty array or object. Numbers and booleans count as non-empty.
   */
  boolean isPresentIn(JsonNode modelCard) {
    JsonNode node = modelCard;
    for (String segment : segments) {
      if (node.isArray() && INDEX.matcher(segment).matches()) {
        node = node.path(Integer.parseInt(segment));
      } else {
        node = node.path(segment);
      }
    }
    if (node.isMissingNode() || node.isNull()) {
      return false;
    }
    if (node.isTextual()) {
      return !node.asText().isBlank();
    }
    if (node.isContainerNode()) {
      return !node.isEmpty();
    }
    return true;
  }
}
