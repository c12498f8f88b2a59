package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The licenses a component or service states in its {@code licenses} array, as written: each
 * {@code license.id}, each {@code license.name} and each {@code expression}, blanks skipped.
 *
 * <p>Reads the JSON tree, not the cyclonedx model, so that components and services are read the
 * same way and what is checked is what the document says; the array's shape is already
 * schema-valid when rules run.
 *
 * @param declared every non-blank statement in document order
 */
record DeclaredLicenses(List<Declared> declared) {

  /** Which field a statement came from. */
  enum Kind {
    ID("license id"),
    NAME("license name"),
    EXPRESSION("license expression");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** One statement: the field it came from and its text, stripped of surrounding whitespace. */
  record Declared(Kind kind, String text) {}

  DeclaredLicenses {
    declared = List.copyOf(declared);
  }

  /** Collects the statements of the {@code licenses} array of a component or service node. */
  static DeclaredLicenses of(JsonNode holder) {
    List<Declared> declared = new ArrayList<>();
    for (JsonNode entry : holder.path("licenses")) {
      JsonNode license = entry.path("license");
      add(declared, Kind.ID, license.path("id"));
      add(declared, Kind.NAME, license.path("name"));
      add(declared, Kind.EXPRESSION, entry.path("expression"));
    }
    return new DeclaredLicenses(declared);
  }

  private static void add(List<Declared> declared, Kind kind, JsonNode value) {
    if (value.isTextual() && !value.asText().isBlank()) {
      declared.add(new Declared(kind, value.asText().strip()));
    }
  }

  /** Tells whether no license is stated at all. */
  boolean isEmpty() {
    return declared.isEmpty();
  }
}
