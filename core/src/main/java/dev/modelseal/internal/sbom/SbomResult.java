package dev.modelseal.internal.sbom;

import java.util.List;
import java.util.Objects;
import org.cyclonedx.model.Bom;

/**
 * The outcome of checking a BOM that is well-formed, within limits and schema-valid: the parsed BOM
 * and every rule violation found (empty when the BOM satisfies the rules).
 *
 * <p>{@link Bom} is cyclonedx-core-java's mutable model, exposed because the BOM itself is the point;
 * callers must treat it as read-only.
 *
 * @param bom the parsed BOM
 * @param specVersion the CycloneDX version the BOM declares and was validated against, e.g. "1.6"
 * @param violations one message per violation, each naming the component, what was expected and
 *     what was found
 */
public record SbomResult(Bom bom, String specVersion, List<String> violations) {

  /** Copies the violations; all components are required. */
  public SbomResult {
    Objects.requireNonNull(bom, "bom");
    Objects.requireNonNull(specVersion, "specVersion");
    violations = List.copyOf(violations);
  }
}
