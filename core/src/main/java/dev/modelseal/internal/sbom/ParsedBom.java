package dev.modelseal.internal.sbom;

import java.util.Objects;
import org.cyclonedx.Version;

/** A schema-valid BOM as the rules see it: its declared version and its paired components. */
record ParsedBom(Version version, BomComponents components) {

  ParsedBom {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(components, "components");
  }
}
