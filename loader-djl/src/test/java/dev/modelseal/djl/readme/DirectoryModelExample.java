package dev.modelseal.djl.readme;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import dev.modelseal.EnforcementMode;
import dev.modelseal.Policy;
import dev.modelseal.VerifiedArtifact;
import dev.modelseal.VerifiedModel;
import dev.modelseal.djl.DjlLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

/** Runs model.onnx of a directory signed with OpenSSF Model Signing, configured by its config.json. */
public final class DirectoryModelExample {
  private DirectoryModelExample() {}

  /** Verifies {@code dir} ({@code dir/model.sig}), then runs {@code x} on exactly the verified files. */
  public static float[] predict(Path dir, Policy policy,
      Function<String, Translator<float[], float[]>> translatorForConfig, float[] x) throws Exception {
    try (VerifiedModel verified = VerifiedModel.load(dir, policy)) { // every file of dir, or it throws
      VerifiedArtifact artifact = verified.artifact();
      String config;
      try (InputStream in = artifact.file("config.json").orElseThrow().openStream()) {
        config = new String(in.readAllBytes(), StandardCharsets.UTF_8); // verified bytes, not the disk
      }
      try (ZooModel<float[], float[]> zoo = DjlLoader.zooModel(artifact, "model.onnx",
              DjlLoader.ONNX_RUNTIME, null, translatorForConfig.apply(config));
          Predictor<float[], float[]> predictor = zoo.newPredictor()) {
        return predictor.predict(x);
      }
    }
  }

  /**
   * A shadow deployment: AUDIT mode admits {@code dir} despite policy violations (another signer,
   * say), and the loader refuses it unless the caller accepts them, which is logged as a WARN.
   */
  public static Model shadow(Path dir, Policy policy) throws Exception {
    try (VerifiedModel verified = VerifiedModel.load(dir, policy.withMode(EnforcementMode.AUDIT))) {
      VerifiedArtifact accepted = verified.artifact().acceptViolations();
      return DjlLoader.load(accepted, "model.onnx", DjlLoader.ONNX_RUNTIME, null);
    }
  }
}
