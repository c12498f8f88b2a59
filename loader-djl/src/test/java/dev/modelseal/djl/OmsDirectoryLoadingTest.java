package dev.modelseal.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.EnforcementMode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.Reason;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerificationStatus;
import dev.modelseal.VerifiedArtifact;
import dev.modelseal.VerifiedFile;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.TinyOnnx;
import dev.modelseal.testkit.oms.EcCurve;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.OmsKeySigner;
import dev.modelseal.testkit.oms.OmsSigner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model directory signed with OpenSSF Model Signing ({@code model.sig}: an ONNX model, its
 * {@code config.json} and tokenizer files) is verified by core and run on ONNX Runtime with every
 * file read from the verified artifact: what happens on disk after verification changes neither
 * the inference nor the configuration and tokenizer the translator reads.
 */
class OmsDirectoryLoadingTest {
  private static final String IDENTITY = "release@models.example";
  private static final String ISSUER = "https://issuer.example";
  private static final FakeSigstore SIGSTORE = FakeSigstore.create();
  private static final TinyOnnx VERIFIED = TinyOnnx.create();
  /** Same size and layout as the default model, other weights: what an attacker swaps in. */
  private static final TinyOnnx SWAPPED =
      TinyOnnx.of(new float[][] {{9, 9}, {9, 9}, {9, 9}}, new float[] {100, 100});
  private static final String CONFIG = "{\"model_type\":\"tiny-linear\",\"output_scale\":2.0}";
  private static final String TOKENIZER = "{\"vocab\":{\"one\":1.0,\"two\":2.0,\"three\":3.0}}";
  private static final String VOCAB = "one\ntwo\nthree\n";
  private static final String SENTENCE = "one two three";
  private static final float[] X = {1, 2, 3};
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private Path model;
  private TrustRoot trustRoot;

  @BeforeEach
  void writeModelDirectory() throws Exception {
    model = Files.createDirectories(tmp.resolve("tiny-linear"));
    VERIFIED.write(model.resolve("model.onnx"));
    Files.writeString(model.resolve("config.json"), CONFIG);
    Files.writeString(model.resolve("tokenizer.json"), TOKENIZER);
    Files.writeString(model.resolve("vocab.txt"), VOCAB);
    // Outside the model directory: every file inside it must be signed.
    trustRoot = TrustRoot.fromJson(SIGSTORE.writeTrustedRoot(tmp.resolve("trusted_root.json")));
  }

  /**
   * Maps a sentence to the model's input with the tokenizer's vocabulary and scales the model's
   * output by the configuration's {@code output_scale}: both come from verified files.
   */
  private record ConfiguredTranslator(Map<String, Float> vocab, float outputScale)
      implements NoBatchifyTranslator<String, float[]> {
    static ConfiguredTranslator of(VerifiedArtifact artifact) throws IOException {
      JsonNode config = json(artifact, "config.json");
      Map<String, Float> vocab = new HashMap<>();
      json(artifact, "tokenizer.json").get("vocab").fields()
          .forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().floatValue()));
      return new ConfiguredTranslator(Map.copyOf(vocab), config.get("output_scale").floatValue());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String sentence) {
      String[] words = sentence.split(" ");
      float[] x = new float[words.length];
      for (int i = 0; i < words.length; i++) {
        x[i] = vocab.get(words[i]);
      }
      NDArray array = ctx.getNDManager().create(new float[][] {x});
      array.setName(TinyOnnx.INPUT);
      return new NDList(array);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
      // In Java: ONNX Runtime arrays have no arithmetic without an alternative engine.
      return scaled(list.singletonOrThrow().toFloatArray(), outputScale);
    }
  }

  private static JsonNode json(VerifiedArtifact artifact, String name) throws IOException {
    try (InputStream in = artifact.file(name).orElseThrow().openStream()) {
      return JSON.readTree(in);
    }
  }

  private static String text(VerifiedArtifact artifact, String name) throws IOException {
    try (InputStream in = artifact.file(name).orElseThrow().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static float[] scaled(float[] y, float scale) {
    float[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] *= scale;
    }
    return out;
  }

  private static <I> float[] predict(ZooModel<I, float[]> zoo, I input) throws Exception {
    try (Predictor<I, float[]> predictor = zoo.newPredictor()) {
      return predictor.predict(input);
    }
  }

  /** The tampering is real: a loader that re-opened model.onnx would run SWAPPED. */
  private static float[] byPath(Path file) throws Exception {
    Model raw = Model.newInstance("by-path", DjlLoader.ONNX_RUNTIME);
    try (ZooModel<float[], float[]> zoo = new ZooModel<>(raw, new FloatVectorTranslator(TinyOnnx.INPUT))) {
      raw.load(file);
      return predict(zoo, X);
    }
  }

  private Policy signed(boolean keyless) {
    if (keyless) {
      ModelSigning.files().sign(model, OmsSigner.keyless(SIGSTORE.signer(IDENTITY, ISSUER)));
      return Policy.builder().trustRoot(trustRoot).allowIdentity(IDENTITY, ISSUER).build();
    }
    OmsKeySigner signer = OmsKeySigner.create(EcCurve.P256);
    ModelSigning.files().sign(model, signer);
    return Policy.builder().trustRoot(trustRoot).allowKeyPem(signer.publicKeyPem()).build();
  }

  @ParameterizedTest(name = "keyless={0}")
  @ValueSource(booleans = {true, false})
  void runsASignedDirectoryFromItsVerifiedFilesWhateverHappensOnDiskAfterwards(boolean keyless)
      throws Exception {
    Policy policy = signed(keyless);
    try (VerifiedModel verified = VerifiedModel.load(model, policy)) {
      assertThat(verified.status()).isEqualTo(VerificationStatus.VERIFIED);
      VerifiedArtifact artifact = verified.artifact();
      assertThat(artifact.name()).isEqualTo("tiny-linear");
      assertThat(artifact.files()).containsOnlyKeys("config.json", "model.onnx", "tokenizer.json", "vocab.txt");

      // After verification: model.onnx and config.json overwritten in place, tokenizer.json
      // deleted, vocab.txt replaced by a symbolic link to other content.
      try (FileChannel ch = FileChannel.open(model.resolve("model.onnx"), StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(SWAPPED.bytes()), 0);
      }
      Files.writeString(model.resolve("config.json"), "{\"model_type\":\"evil\",\"output_scale\":100.0}");
      Files.delete(model.resolve("tokenizer.json"));
      Path elsewhere = Files.writeString(tmp.resolve("evil-vocab.txt"), "evil\n");
      Files.delete(model.resolve("vocab.txt"));
      Files.createSymbolicLink(model.resolve("vocab.txt"), elsewhere);
      assertThat(byPath(model.resolve("model.onnx"))).containsExactly(SWAPPED.expectedOutput(X));
      assertThat(Files.readString(model.resolve("vocab.txt"))).isEqualTo("evil\n");

      ConfiguredTranslator translator = ConfiguredTranslator.of(artifact);
      assertThat(translator.outputScale()).isEqualTo(2.0f);
      assertThat(translator.vocab()).containsOnly(Map.entry("one", 1f), Map.entry("two", 2f), Map.entry("three", 3f));
      assertThat(text(artifact, "config.json")).isEqualTo(CONFIG);
      assertThat(text(artifact, "vocab.txt")).isEqualTo(VOCAB);
      float[] expected = scaled(VERIFIED.expectedOutput(X), 2);
      assertThat(expected).containsExactly(4.75f, 7.5f);

      try (ZooModel<String, float[]> zoo = new ZooModel<>(
          DjlLoader.load(artifact, "model.onnx", DjlLoader.ONNX_RUNTIME, null), translator)) {
        assertThat(zoo.getName()).isEqualTo("tiny-linear");
        assertThat(predict(zoo, SENTENCE)).containsExactly(expected);
      }
      try (ZooModel<String, float[]> zoo = DjlLoader.zooModel(artifact, "model.onnx",
          DjlLoader.ONNX_RUNTIME, null, translator)) {
        assertThat(predict(zoo, SENTENCE)).containsExactly(expected);
      }
    }
  }

  @Test
  void refusesToGuessWhichFileOfADirectoryToLoad() throws Exception {
    try (VerifiedModel verified = VerifiedModel.load(model, signed(true))) {
      for (ThrowingCallable call : List.<ThrowingCallable>of(
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME),
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME, null),
          () -> DjlLoader.zooModel(verified, DjlLoader.ONNX_RUNTIME, new FloatVectorTranslator(TinyOnnx.INPUT)),
          () -> DjlLoader.loadParameters(verified, DjlLoader.ONNX_RUNTIME, Linear.builder().setUnits(2).build()),
          () -> {
            try (NDManager manager = NDManager.newBaseManager(DjlLoader.ONNX_RUNTIME)) {
              DjlLoader.loadSafetensors(verified, manager);
            }
          })) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("VerifiedArtifact[tiny-linear: [config.json, model.onnx, tokenizer.json, vocab.txt]]"
                + " is a directory of 4 files: name the one to load (DjlLoader.load(verified.artifact(),"
                + " file, engine, options) and the other VerifiedArtifact and VerifiedFile methods)");
      }
    }
  }

  @Test
  void loadsADirectoryAdmittedInAuditModeOnlyOnceTheCallerAcceptsItsViolations() throws Exception {
    byte[] weights = SafetensorsWriter.create().f32("w", new long[] {2}, 0.5f, -1.5f).bytes();
    Files.write(model.resolve("weights.safetensors"), weights);
    ModelSigning.files().sign(model, OmsSigner.keyless(SIGSTORE.signer("mallory@evil.example", ISSUER)));
    Policy audit = Policy.builder().trustRoot(trustRoot).allowIdentity(IDENTITY, ISSUER).build()
        .withMode(EnforcementMode.AUDIT);
    try (VerifiedModel verified = VerifiedModel.load(model, audit);
        NDManager manager = NDManager.newBaseManager(DjlLoader.ONNX_RUNTIME)) {
      assertThat(verified.status()).isEqualTo(VerificationStatus.ADMITTED_WITH_VIOLATIONS);
      VerifiedArtifact admitted = verified.artifact();
      VerifiedFile admittedWeights = admitted.file("weights.safetensors").orElseThrow();
      List<ThrowingCallable> entryPoints = List.of(
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME),
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME, null),
          () -> DjlLoader.load(admitted, "model.onnx", DjlLoader.ONNX_RUNTIME, null),
          () -> DjlLoader.zooModel(verified, DjlLoader.ONNX_RUNTIME, new FloatVectorTranslator(TinyOnnx.INPUT)),
          () -> DjlLoader.zooModel(admitted, "model.onnx", DjlLoader.ONNX_RUNTIME, null, new FloatVectorTranslator(TinyOnnx.INPUT)),
          () -> DjlLoader.loadParameters(verified, DjlLoader.ONNX_RUNTIME, Linear.builder().setUnits(2).build()),
          () -> DjlLoader.loadSafetensors(verified, manager),
          () -> DjlLoader.loadSafetensors(admittedWeights, manager));
      for (ThrowingCallable call : entryPoints) {
        ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class, call);
        assertThat(e).as("every entry point refuses the AUDIT-admitted model").isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
        assertThat(e.getMessage()).contains("was admitted in AUDIT mode despite a policy violation")
            .contains("VerifiedArtifact.acceptViolations()");
      }

      VerifiedArtifact accepted = admitted.acceptViolations();
      assertThat(accepted.status()).isEqualTo(VerificationStatus.ADMITTED_WITH_VIOLATIONS);
      try (ZooModel<float[], float[]> zoo = new ZooModel<>(
          DjlLoader.load(accepted, "model.onnx", DjlLoader.ONNX_RUNTIME, null), new FloatVectorTranslator(TinyOnnx.INPUT))) {
        assertThat(predict(zoo, X)).containsExactly(VERIFIED.expectedOutput(X));
      }
      try (ZooModel<String, float[]> zoo = DjlLoader.zooModel(accepted, "model.onnx",
          DjlLoader.ONNX_RUNTIME, null, ConfiguredTranslator.of(accepted))) {
        assertThat(predict(zoo, SENTENCE)).containsExactly(scaled(VERIFIED.expectedOutput(X), 2));
      }
      try (NDList arrays = DjlLoader.loadSafetensors(accepted.file("weights.safetensors").orElseThrow(), manager)) {
        assertThat(arrays.singletonOrThrow().toFloatArray()).containsExactly(0.5f, -1.5f);
      }
      // Accepting makes a new artifact: the one the verifier returned still refuses.
      assertThat(catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified.artifact(), "model.onnx", DjlLoader.ONNX_RUNTIME, null))
          .reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
    }
  }
}
