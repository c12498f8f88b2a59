package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.MODEL_DIGEST;
import static dev.modelseal.internal.sbom.BomFixtures.MODEL_DIGESTS;
import static dev.modelseal.internal.sbom.BomFixtures.bytes;
import static dev.modelseal.internal.sbom.BomFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Test;

/**
 * Binds a BOM that uses most CycloneDX 1.6 sections, so that every custom deserializer of
 * cyclonedx-core-java runs; this guards the dependency exclusions in the pom (a class they removed
 * would fail here with NoClassDefFoundError).
 */
class BomBindingTest {

  private static final String KITCHEN_SINK =
      """
      {
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 3,
        "serialNumber": "urn:uuid:1b671687-395b-41f5-a30f-a58921a69b79",
        "metadata": {
          "timestamp": "2025-02-01T08:30:00Z",
          "lifecycles": [ { "phase": "build" } ],
          "tools": {
            "components": [ { "type": "application", "name": "trainer", "version": "1" } ],
            "services": [ { "name": "registry-scan" } ]
          },
          "authors": [ { "name": "Jane Doe", "email": "jane@example.com" } ],
          "manufacturer": { "name": "Example AI", "url": [ "https://example.com" ] },
          "supplier": { "name": "Example AI" },
          "licenses": [ { "license": { "id": "CC0-1.0" } } ],
          "properties": [ { "name": "build-id", "value": "42" } ],
          "component": { "type": "application", "bom-ref": "app", "name": "svc", "version": "1" }
        },
        "components": [
          {
            "type": "machine-learning-model", "bom-ref": "m", "name": "m", "version": "1",
            "hashes": [ { "alg": "SHA-256", "content": "%s" } ],
            "licenses": [ { "expression": "Apache-2.0 WITH LLVM-exception" } ],
            "externalReferences": [ { "type": "website", "url": "https://example.com/m" } ],
            "properties": [ { "name": "framework", "value": "pytorch" } ],
            "modelCard": {
              "modelParameters": {
                "approach": { "type": "self-supervised" }, "task": "fill-mask",
                "architectureFamily": "transformer", "datasets": [ { "ref": "d" } ]
              },
              "quantitativeAnalysis": {
                "performanceMetrics": [
                  { "type": "accuracy", "value": "0.91",
                    "confidenceInterval": { "lowerBound": "0.90", "upperBound": "0.92" } } ]
              },
              "considerations": {
                "environmentalConsiderations": {
                  "energyConsumptions": [ {
                    "activity": "training",
                    "energyProviders": [ {
                      "organization": { "name": "Grid Co" }, "energySource": "wind",
                      "energyProvided": { "value": 12.5, "unit": "kWh" } } ],
                    "activityEnergyCost": { "value": 12.5, "unit": "kWh" } } ]
                },
                "fairnessAssessments": [ { "groupAtRisk": "non-native speakers", "harms": "errors" } ]
              }
            },
            "components": [
              { "type": "file", "name": "weights.safetensors",
                "hashes": [ { "alg": "SHA-512", "content": "%s" } ] }
            ]
          },
          {
            "type": "data", "bom-ref": "d", "name": "d",
            "licenses": [ { "license": { "name": "Example Data License", "url": "https://example.com/l" } } ],
            "data": [ { "type": "dataset", "name": "d", "classification": "public",
                        "sensitiveData": [ "none" ] } ]
          },
          {
            "type": "library", "bom-ref": "pkg:maven/com.example/lib@1.0", "name": "lib",
            "group": "com.example", "version": "1.0", "purl": "pkg:maven/com.example/lib@1.0",
            "licenses": [ { "license": { "id": "MIT", "acknowledgement": "declared" } } ],
            "evidence": { "identity": [ { "field": "purl", "confidence": 1.0 } ] },
            "pedigree": { "ancestors": [ { "type": "library", "name": "lib-upstream" } ] }
          }
        ],
        "services": [ { "bom-ref": "svc-1", "name": "inference-api", "endpoints": [ "https://example.com/v1" ] } ],
        "dependencies": [
          { "ref": "app", "dependsOn": [ "m", "pkg:maven/com.example/lib@1.0" ] },
          { "ref": "m", "dependsOn": [ "d" ] }
        ],
        "compositions": [ { "aggregate": "complete", "assemblies": [ "m" ] } ],
        "vulnerabilities": [
          { "bom-ref": "v1", "id": "CVE-2024-0001", "source": { "name": "NVD" },
            "ratings": [ { "score": 7.5, "severity": "high", "method": "CVSSv31" } ],
            "cwes": [ 502 ], "description": "unsafe deserialization",
            "affects": [ { "ref": "pkg:maven/com.example/lib@1.0" } ] }
        ],
        "annotations": [ { "subjects": [ "m" ], "annotator": { "individual": { "name": "Jane" } },
                           "timestamp": "2025-02-01T09:00:00Z", "text": "reviewed" } ],
        "properties": [ { "name": "pipeline", "value": "nightly" } ]
      }
      """
          .formatted(MODEL_DIGEST, "ab".repeat(64));

  @Test
  void bindsEverySectionOfARichMlBom() throws SbomException {
    ObjectNode tree = (ObjectNode) parse(KITCHEN_SINK);

    SbomResult result =
        SbomChecker.check(
            bytes(tree),
            new SbomRules(true, true, List.of("*-NC-*"), List.of("modelParameters.task"),
                SbomLimits.defaults()),
            MODEL_DIGESTS);

    assertThat(result.violations()).isEmpty();
    Bom bom = result.bom();
    assertThat(bom.getMetadata().getComponent().getName()).isEqualTo("svc");
    assertThat(bom.getMetadata().getLicenses().getLicenses().get(0).getId()).isEqualTo("CC0-1.0");
    Component model = bom.getComponents().get(0);
    assertThat(model.getLicenses().getExpression().getValue())
        .isEqualTo("Apache-2.0 WITH LLVM-exception");
    assertThat(model.getComponents()).singleElement()
        .extracting(Component::getName).isEqualTo("weights.safetensors");
    assertThat(model.getModelCard().getModelParameters().getDatasets().get(0).getRef())
        .isEqualTo("d");
    assertThat(bom.getComponents().get(1).getLicenses().getLicenses().get(0).getName())
        .isEqualTo("Example Data License");
    assertThat(bom.getComponents().get(2).getPurl()).isEqualTo("pkg:maven/com.example/lib@1.0");
    assertThat(bom.getDependencies()).hasSize(2);
    assertThat(bom.getDependencies().get(0).getDependencies()).hasSize(2);
    assertThat(bom.getServices()).singleElement()
        .extracting(s -> s.getName()).isEqualTo("inference-api");
    assertThat(bom.getVulnerabilities()).singleElement()
        .extracting(v -> v.getId()).isEqualTo("CVE-2024-0001");
    assertThat(bom.getCompositions()).hasSize(1);
    assertThat(bom.getAnnotations()).hasSize(1);
  }
}
