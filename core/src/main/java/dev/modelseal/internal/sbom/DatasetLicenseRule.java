package dev.modelseal.internal.sbom;

import java.util.List;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.component.ModelCard;
import org.cyclonedx.model.component.data.ComponentData;
import org.cyclonedx.model.component.data.DatasetChoice;

/**
 * Requires a license on every dataset: each {@code data} component must declare at least one, and
 * each dataset a model card lists in {@code modelParameters.datasets} must be a reference that
 * resolves to exactly one {@code data} component (which then must be licensed itself).
 *
 * <p>An inline dataset is always reported: in CycloneDX 1.6 the inline form ({@code componentData})
 * has no {@code licenses} property, so its license cannot be stated, let alone checked; the fix is to
 * declare the dataset as a {@code data} component and reference it by bom-ref. A reference that
 * resolves to nothing in this BOM (for instance a BOM-Link into another BOM) is reported too, since
 * its license cannot be checked here. Reads {@code modelCard} from the cyclonedx model and {@code
 * licenses} from the tree ({@link DeclaredLicenses}). Components under a {@code pedigree} are not
 * part of what the BOM describes and are not required to be licensed.
 */
final class DatasetLicenseRule implements BomRule {

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    for (BomComponent data : bom.components().ofType(Component.Type.DATA)) {
      if (DeclaredLicenses.of(data.node()).isEmpty()) {
        violations.add(
            data.label() + ": expected at least one license (licenses[].license.id, .name or an"
                + " expression) on this dataset, found none");
      }
    }
    for (BomComponent model : bom.components().ofType(Component.Type.MACHINE_LEARNING_MODEL)) {
      for (DatasetChoice dataset : datasetsOf(model.model())) {
        checkModelDataset(bom.components(), model, dataset, violations);
      }
    }
  }

  private static List<DatasetChoice> datasetsOf(Component model) {
    ModelCard card = model.getModelCard();
    if (card == null
        || card.getModelParameters() == null
        || card.getModelParameters().getDatasets() == null) {
      return List.of();
    }
    return card.getModelParameters().getDatasets();
  }

  private static void checkModelDataset(
      BomComponents components, BomComponent model, DatasetChoice dataset, List<String> violations) {
    if (dataset.getRef() == null) {
      ComponentData inline = dataset.getComponentData();
      String name = inline == null ? null : inline.getName();
      violations.add(
          model.label() + ": expected each modelCard dataset to reference a licensed data"
              + " component, found inline dataset '" + name + "', which cannot carry a license");
      return;
    }
    List<BomComponent> targets = components.withBomRef(dataset.getRef());
    if (targets.size() != 1 || !targets.get(0).is(Component.Type.DATA)) {
      violations.add(
          model.label() + ": expected modelCard dataset ref '" + dataset.getRef()
              + "' to resolve to exactly one data component, found " + describe(targets));
    }
  }

  private static String describe(List<BomComponent> targets) {
    if (targets.isEmpty()) {
      return "no component with that bom-ref";
    }
    if (targets.size() > 1) {
      return targets.size() + " components with that bom-ref";
    }
    return targets.get(0).label() + " of type '" + targets.get(0).model().getType().getTypeName()
        + "'";
  }
}
