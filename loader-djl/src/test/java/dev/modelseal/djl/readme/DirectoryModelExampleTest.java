package dev.modelseal.djl.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.modelseal.EnforcementMode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.Reason;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedModel;
import dev.modelseal.djl.DjlLoader;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.TinyOnnx;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.OmsSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's directory example is {@link DirectoryModelExample} (everything after its package
 * line), and it runs: on a signed directory, and in AUDIT mode on one signed by another identity.
 */
class DirectoryModelExampleTest {
  private static final String IDENTITY = "release@models.example";
  private static final String ISSUER = "https://issuer.example";
  private static final FakeSigstore SIGSTORE = FakeSigstore.create();
  private static final TinyOnnx MODEL = TinyOnnx.create();
  private static final float[] X = {1, 2, 3};

  @TempDir Path tmp;

  /** config.json is {@code {"offset": <float>}}, added to every output: proof the config was used. */
  private static final Function<String, Translator<float[], float[]>> OFFSET_FROM_CONFIG = config -> {
    Matcher m = Pattern.compile("\\{\"offset\":([0-9.]+)}").matcher(config);
    assertThat(m.matches()).as(config).isTrue();
    float offset = Float.parseFloat(m.group(1));
    return new NoBatchifyTranslator<>() {
      @Override
      public NDList processInput(TranslatorContext ctx, float[] x) {
        NDArray array = ctx.getNDManager().create(new float[][] {x});
        array.setName(TinyOnnx.INPUT);
        return new NDList(array);
      }

      @Override
      public float[] processOutput(TranslatorContext ctx, NDList list) {
        float[] y = list.singletonOrThrow().toFloatArray();
        for (int i = 0; i < y.length; i++) {
          y[i] += offset;
        }
        return y;
      }
    };
  };

  private Path signedDirectory(String signer) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("model"));
    MODEL.write(dir.resolve("model.onnx"));
    Files.writeString(dir.resolve("config.json"), "{\"offset\":1.0}");
    ModelSigning.files().sign(dir, OmsSigner.keyless(SIGSTORE.signer(signer, ISSUER)));
    return dir;
  }

  private Policy policy() throws Exception {
    return Policy.builder()
        .trustRoot(TrustRoot.fromJson(SIGSTORE.writeTrustedRoot(tmp.resolve("trusted_root.json"))))
        .allowIdentity(IDENTITY, ISSUER)
        .build();
  }

  @Test
  void theReadmeShowsTheExampleVerbatim() throws Exception {
    String source = Files.readString(Path.of("src/test/java/dev/modelseal/djl/readme/DirectoryModelExample.java"));
    String example = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1).strip();
    Matcher block = Pattern.compile("<!-- snippet:directory-model -->\\n```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("README.md")));
    assertThat(block.find()).as("README.md has the directory-model snippet").isTrue();
    assertThat(block.group(1).strip()).isEqualTo(example);
  }

  @Test
  void runsTheVerifiedDirectoryWithItsVerifiedConfig() throws Exception {
    Path dir = signedDirectory(IDENTITY);
    float[] y = MODEL.expectedOutput(X);
    assertThat(DirectoryModelExample.predict(dir, policy(), OFFSET_FROM_CONFIG, X))
        .containsExactly(y[0] + 1, y[1] + 1);
  }

  @Test
  void loadsAnotherSignersDirectoryOnlyInAuditModeWithTheViolationsAccepted() throws Exception {
    Path dir = signedDirectory("someone-else@models.example");
    Policy policy = policy();
    assertThat(catchThrowableOfType(ModelVerificationException.class, () -> VerifiedModel.load(dir, policy))
        .reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
    try (VerifiedModel audited = VerifiedModel.load(dir, policy.withMode(EnforcementMode.AUDIT))) {
      assertThat(catchThrowableOfType(ModelVerificationException.class, () -> DjlLoader.load(
          audited.artifact(), "model.onnx", DjlLoader.ONNX_RUNTIME, null)).reason())
          .isEqualTo(Reason.IDENTITY_MISMATCH);
    }
    Model model = DirectoryModelExample.shadow(dir, policy);
    try (ZooModel<float[], float[]> zoo = new ZooModel<>(model, OFFSET_FROM_CONFIG.apply("{\"offset\":0}"));
        Predictor<float[], float[]> predictor = zoo.newPredictor()) {
      assertThat(predictor.predict(X)).containsExactly(MODEL.expectedOutput(X));
    }
  }
}
