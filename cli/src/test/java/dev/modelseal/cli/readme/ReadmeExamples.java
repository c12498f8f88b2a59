package dev.modelseal.cli.readme;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerifier;
import dev.modelseal.Policy;
import dev.modelseal.PolicyFiles;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedArtifact;
import dev.modelseal.VerifiedModel;
import dev.modelseal.djl.DjlLoader;
import dev.modelseal.djl.FloatVectorTranslator;
import dev.modelseal.spi.EvidenceLocator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The Java snippets of README.md, compiled and run by {@link ReadmeExamplesTest}; the regions
 * between {@code snippet:} and {@code end:} markers must equal the README's code blocks
 * ({@link ReadmeSnippetsTest}).
 */
final class ReadmeExamples {
  private ReadmeExamples() {}

  static float[] inferenceService(Path modelFile, Path policyFile, float[] x) throws Exception {
    // snippet:inference-service
    Policy policy = PolicyFiles.read(policyFile);                 // identities, conditions, SBOM rules
    try (VerifiedModel model = VerifiedModel.load(modelFile, policy); // throws if anything fails
         ZooModel<float[], float[]> zoo = DjlLoader.zooModel(
             model, DjlLoader.ONNX_RUNTIME, new FloatVectorTranslator("x"));
         Predictor<float[], float[]> predictor = zoo.newPredictor()) {
      return predictor.predict(x);                               // ran on exactly the verified bytes
    }
    // end:inference-service
  }

  static String platformTeam(Path modelFile, Path clusterPolicy, Path trustedRoot) throws Exception {
    // snippet:platform-team
    Policy policy = PolicyFiles.fromKyverno(clusterPolicy, TrustRoot.fromJson(trustedRoot));
    try (VerifiedModel model = VerifiedModel.load(modelFile, policy)) {
      return model.signer() + " " + model.predicate("custom").orElseThrow();
    }
    // end:platform-team
  }

  static float[] frameworkIntegrator(Path modelFile, Path evidenceDir, Policy policy, float[] x)
      throws Exception {
    // snippet:framework-integrator
    EvidenceLocator registryCache = model -> new EvidenceLocator.Evidence(
        List.of(evidenceDir.resolve("signature.sigstore.json")),
        List.of(evidenceDir.resolve("attestation.sigstore.json")),
        List.of(evidenceDir.resolve("sbom.sigstore.json")));
    LoadOptions options = LoadOptions.builder()
        .evidenceLocator(registryCache)      // where the evidence is; all of it is still verified
        .progress((done, total) -> { })     // e.g. feed your own progress reporting
        .build();
    try (VerifiedModel model = VerifiedModel.load(modelFile, policy, options);
         Model djl = DjlLoader.load(model, DjlLoader.ONNX_RUNTIME); // from verified bytes
         Predictor<float[], float[]> predictor = djl.newPredictor(new FloatVectorTranslator("x"))) {
      return predictor.predict(x);
    }
    // end:framework-integrator
  }

  static String directoryModel(Path modelDir, Policy policy) throws Exception {
    // snippet:directory-model
    ModelVerifier verifier = ModelVerifier.of(policy);            // build once, share across threads
    try (VerifiedModel model = verifier.load(modelDir)) {         // modelDir/model.sig
      VerifiedArtifact files = model.artifact();                  // every signed file, by relative name
      try (InputStream config = model.openStream("config.json")) { // exactly the verified bytes
        return files.files().keySet() + " " + new String(config.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    // end:directory-model
  }
}
