package dev.modelseal.internal.sbom;

import java.util.List;
import org.cyclonedx.Version;

/**
 * Reports a BOM older than CycloneDX 1.6 when ML-BOM rules are enabled, because the model card and
 * dataset structures those rules read are only fully defined from 1.6 on.
 */
final class SpecVersionRule implements BomRule {

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    if (bom.version().getVersion() < Version.VERSION_16.getVersion()) {
      violations.add(
          "BOM: ML-BOM rules require specVersion 1.6, found " + bom.version().getVersionString());
    }
  }
}
