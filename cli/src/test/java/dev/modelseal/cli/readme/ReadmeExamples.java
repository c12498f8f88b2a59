package dev.modelseal.cli.readme;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerifier;
import dev.modelseal.Policy;
import dev.modelseal.PolicyFiles;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedArtifact;
import dev.modelseal.VerifiedModel;
import dev.modelseal.djl.VerifiedModels;
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

  /** x (one vector) in, y out. */
  static final class VectorTranslator implements NoBatchifyTranslator<float[], float[]> {
    @Override
    public NDList processInput(TranslatorContext ctx, float[] x) {
      var array = ctx.getNDManager().create(new float[][] {x});
      array.setName("x");
      return new NDList(array);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
      return list.singletonOrThrow().toFloatArray();
    }
  }

  static float[] inferenceService(Path modelFile, Path policyFile, float[] x) throws Exception {
    // snippet:inference-service
    Policy policy = PolicyFiles.read(policyFile);                 // identities, conditions, SBOM rules
    try (VerifiedModel model = VerifiedModel.load(modelFile, policy); // throws if anything fails
         ZooModel<float[], float[]> zoo = VerifiedModels.zooModel(
             model, VerifiedModels.ONNX_RUNTIME, new VectorTranslator());
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
         Model djl = VerifiedModels.load(model, VerifiedModels.ONNX_RUNTIME); // from verified bytes
         Predictor<float[], float[]> predictor = djl.newPredictor(new VectorTranslator())) {
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
