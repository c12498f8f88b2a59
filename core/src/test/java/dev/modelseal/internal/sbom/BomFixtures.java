package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds CycloneDX BOM fixtures in code, as Jackson trees that tests mutate before serializing. */
final class BomFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  /** SHA-256 the fixtures' model component lists; tests pass it as the verified model digest. */
  static final String MODEL_DIGEST =
      "4f0fbd0a3e6d0c5b2f1a7c9e8d6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b";

  /** The fixtures' model digests by algorithm, as the checker takes them: SHA-256 only. */
  static final Map<String, String> MODEL_DIGESTS = Map.of("SHA-256", MODEL_DIGEST);

  static final String DATASET_DIGEST =
      "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

  private static final String ML_BOM =
      """
      {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
        "version": 1,
        "metadata": {
          "timestamp": "2025-01-15T10:00:00Z",
          "tools": { "components": [ { "type": "application", "name": "modelseal-testkit", "version": "0.1.0" } ] },
          "component": { "type": "application", "bom-ref": "app", "name": "sentiment-service", "version": "1.0.0" }
        },
        "components": [
          {
            "type": "machine-learning-model",
            "bom-ref": "model-1",
            "name": "sentiment-bert",
            "version": "2.1.0",
            "supplier": { "name": "Example AI" },
            "purl": "pkg:huggingface/example/sentiment-bert@2.1.0",
            "hashes": [ { "alg": "SHA-256", "content": "%s" } ],
            "licenses": [ { "license": { "id": "Apache-2.0" } } ],
            "modelCard": {
              "bom-ref": "model-1-card",
              "modelParameters": {
                "approach": { "type": "supervised" },
                "task": "text-classification",
                "architectureFamily": "transformer",
                "modelArchitecture": "BertForSequenceClassification",
                "datasets": [ { "ref": "dataset-1" } ],
                "inputs": [ { "format": "string" } ],
                "outputs": [ { "format": "string" } ]
              },
              "quantitativeAnalysis": {
                "performanceMetrics": [ { "type": "accuracy", "value": "0.91", "slice": "test split" } ]
              },
              "considerations": {
                "users": [ "support teams" ],
                "useCases": [ "ticket triage" ],
                "technicalLimitations": [ "English only" ]
              }
            }
          },
          {
            "type": "data",
            "bom-ref": "dataset-1",
            "name": "reviews-corpus",
            "version": "2024.06",
            "hashes": [ { "alg": "SHA-256", "content": "%s" } ],
            "licenses": [ { "license": { "id": "Apache-2.0" } } ],
            "data": [
              {
                "type": "dataset",
                "name": "reviews-corpus",
                "classification": "public",
                "description": "Product reviews labelled by sentiment",
                "contents": { "url": "https://example.com/datasets/reviews" },
                "governance": { "owners": [ { "organization": { "name": "Example AI" } } ] }
              }
            ]
          },
          {
            "type": "library",
            "bom-ref": "pkg:maven/ai.djl/api@0.31.0",
            "group": "ai.djl",
            "name": "api",
            "version": "0.31.0",
            "purl": "pkg:maven/ai.djl/api@0.31.0",
            "licenses": [ { "license": { "id": "Apache-2.0" } } ]
          }
        ],
        "dependencies": [
          { "ref": "app", "dependsOn": [ "model-1", "pkg:maven/ai.djl/api@0.31.0" ] },
          { "ref": "model-1", "dependsOn": [ "dataset-1" ] }
        ]
      }
      """
          .formatted(MODEL_DIGEST, DATASET_DIGEST);

  private BomFixtures() {}

  /** A realistic CycloneDX 1.6 ML-BOM: a model with a model card, its licensed dataset, a library. */
  static ObjectNode mlBom() {
    return (ObjectNode) parse(ML_BOM);
  }

  /** The components array of a fixture. */
  static ArrayNode components(ObjectNode bom) {
    return (ArrayNode) bom.get("components");
  }

  /** The fixture's model component. */
  static ObjectNode model(ObjectNode bom) {
    return (ObjectNode) components(bom).get(0);
  }

  /** The fixture's dataset component. */
  static ObjectNode dataset(ObjectNode bom) {
    return (ObjectNode) components(bom).get(1);
  }

  /** The fixture's library component. */
  static ObjectNode library(ObjectNode bom) {
    return (ObjectNode) components(bom).get(2);
  }

  /** A minimal valid BOM of the given version with one library component. */
  static ObjectNode minimalBom(String specVersion) {
    return (ObjectNode)
        parse(
            """
            {"bomFormat": "CycloneDX", "specVersion": "%s", "version": 1,
             "components": [ {"type": "library", "bom-ref": "lib-1", "name": "lib", "version": "1.0"} ]}
            """
                .formatted(specVersion));
  }

  /** Parses JSON text from a fixture. */
  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serializes a fixture to UTF-8 bytes. */
  static byte[] bytes(JsonNode bom) {
    return bom.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A license entry with an SPDX id, as a one-element licenses array. */
  static ArrayNode licenseId(String id) {
    ArrayNode licenses = JSON.createArrayNode();
    licenses.addObject().putObject("license").put("id", id);
    return licenses;
  }

  /** A license entry with a name, as a one-element licenses array. */
  static ArrayNode licenseName(String name) {
    ArrayNode licenses = JSON.createArrayNode();
    licenses.addObject().putObject("license").put("name", name);
    return licenses;
  }

  /** An SPDX expression, as a one-element licenses array. */
  static ArrayNode licenseExpression(String expression) {
    ArrayNode licenses = JSON.createArrayNode();
    licenses.addObject().put("expression", expression);
    return licenses;
  }
}
