package dev.modelseal.djl;

import dev.modelseal.VerifiedArtifact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.TinyOnnx;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real inference on ONNX Runtime from verified bytes, offline, with no path re-opened. */
class OnnxRuntimeLoadingTest {
  private static final float[] X = {1, 2, 3};
  private static final TinyOnnx VERIFIED = TinyOnnx.create();
  /** Same size and layout as the default model, other weights: what an attacker swaps in. */
  private static final TinyOnnx SWAPPED =
      TinyOnnx.of(new float[][] {{9, 9}, {9, 9}, {9, 9}}, new float[] {100, 100});

  @TempDir Path dir;

  private static float[] predict(ZooModel<float[], float[]> model) throws Exception {
    try (Predictor<float[], float[]> predictor = model.newPredictor()) {
      return predictor.predict(X);
    }
  }

  @Test
  void runsTheVerifiedModelOfASignedDeliveryUnit() throws Exception {
    DeliveryUnit unit = DeliveryUnit.builder(FakeSigstore.create()).write(dir);
    try (VerifiedModel verified = VerifiedModel.load(unit.model(), Signed.policyFor(unit));
        ZooModel<float[], float[]> model =
            DjlLoader.zooModel(verified, DjlLoader.ONNX_RUNTIME, new FloatVectorTranslator(TinyOnnx.INPUT))) {
      assertThat(model.getName()).isEqualTo("model");
      assertThat(predict(model)).containsExactly(VERIFIED.expectedOutput(X));
      assertThat(predict(model)).containsExactly(2.375f, 3.75f);
    }
  }

  @Test
  void loadsAPlainModelNamedAfterItsFile() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "tiny-linear.v2.onnx", VERIFIED.bytes());
        // DJL trap: closing the ZooModel closes the Model, and OrtModel.close() is not idempotent
        // (ONNX Runtime 1.21 throws on a second close), so only the ZooModel is closed.
        ZooModel<float[], float[]> zoo =
            new ZooModel<>(DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME), new FloatVectorTranslator(TinyOnnx.INPUT))) {
      Model model = zoo.getWrappedModel();
      assertThat(model.getName()).isEqualTo("tiny-linear.v2");
      assertThat(model.getBlock()).isNotNull();
      // DJL trap: a symbol block loaded from a stream reports isInitialized() == false although it
      // runs, so that check only means something for parameter files (see loadParameters).
      assertThat(model.getBlock().isInitialized()).isFalse();
      assertThat(predict(zoo)).containsExactly(VERIFIED.expectedOutput(X));
    }
  }

  @Test
  void passesEngineOptionsThrough() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", VERIFIED.bytes());
        ZooModel<float[], float[]> zoo = new ZooModel<>(DjlLoader.load(verified,
            DjlLoader.ONNX_RUNTIME, Map.of("intraOpNumThreads", "1", "optLevel", "NO_OPT")),
            new FloatVectorTranslator(TinyOnnx.INPUT))) {
      assertThat(predict(zoo)).containsExactly(VERIFIED.expectedOutput(X));
    }
  }

  /** The swap really changes what the path holds: a loader that re-opened it would run SWAPPED. */
  private float[] byPath(Path file) throws Exception {
    Model model = Model.newInstance("by-path", DjlLoader.ONNX_RUNTIME);
    try (ZooModel<float[], float[]> zoo = new ZooModel<>(model, new FloatVectorTranslator(TinyOnnx.INPUT))) {
      model.load(file);
      return predict(zoo);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void ignoresAFileSwappedInByAtomicMoveAfterVerification(boolean snapshot) throws Exception {
    LoadOptions options = snapshot
        ? LoadOptions.builder().snapshotDirectory(Files.createDirectories(dir.resolve("snap"))).build()
        : LoadOptions.defaults();
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", VERIFIED.bytes(), options)) {
      Path evil = SWAPPED.write(dir.resolve("evil.tmp"));
      Files.move(evil, dir.resolve("model.onnx"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      assertThat(byPath(dir.resolve("model.onnx"))).containsExactly(SWAPPED.expectedOutput(X));

      try (ZooModel<float[], float[]> model =
          DjlLoader.zooModel(verified, DjlLoader.ONNX_RUNTIME, new FloatVectorTranslator(TinyOnnx.INPUT))) {
        assertThat(predict(model)).containsExactly(VERIFIED.expectedOutput(X));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void ignoresAFileOverwrittenInPlaceAfterVerification(boolean snapshot) throws Exception {
    LoadOptions options = snapshot
        ? LoadOptions.builder().snapshotDirectory(Files.createDirectories(dir.resolve("snap"))).build()
        : LoadOptions.defaults();
    byte[] evil = SWAPPED.bytes();
    assertThat(evil).hasSameSizeAs(VERIFIED.bytes()).isNotEqualTo(VERIFIED.bytes());
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", VERIFIED.bytes(), options)) {
      Object inode = Files.getAttribute(dir.resolve("model.onnx"), "unix:ino");
      try (FileChannel ch = FileChannel.open(dir.resolve("model.onnx"), StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(evil), 0); // same inode, same length, new weights
      }
      assertThat(Files.getAttribute(dir.resolve("model.onnx"), "unix:ino")).isEqualTo(inode);
      assertThat(byPath(dir.resolve("model.onnx"))).containsExactly(SWAPPED.expectedOutput(X));

      try (ZooModel<float[], float[]> model =
          DjlLoader.zooModel(verified, DjlLoader.ONNX_RUNTIME, new FloatVectorTranslator(TinyOnnx.INPUT))) {
        assertThat(predict(model)).containsExactly(VERIFIED.expectedOutput(X));
      }
    }
  }

  @Test
  void keepsWorkingAfterTheVerifiedModelIsClosed() throws Exception {
    ZooModel<float[], float[]> model;
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", VERIFIED.bytes())) {
      model = DjlLoader.zooModel(verified, DjlLoader.ONNX_RUNTIME, new FloatVectorTranslator(TinyOnnx.INPUT));
    }
    try (model) {
      assertThat(predict(model)).containsExactly(VERIFIED.expectedOutput(X));
    }
  }

  @Test
  void refusesVerifiedBytesThatAreNotAnOnnxModel() throws Exception {
    byte[] notOnnx = "this was signed, but it is not a model".getBytes();
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", notOnnx)) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME));
      assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
      assertThat(e.getMessage()).startsWith("model.onnx: not a well-formed ONNX model");
    }
    byte[] truncated = Arrays.copyOf(VERIFIED.bytes(), VERIFIED.bytes().length - 5);
    try (VerifiedModel verified = Signed.model(dir.resolve("t"), "model.onnx", truncated)) {
      assertThat(catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME)).reason()).isEqualTo(Reason.MALFORMED_MODEL);
    }
  }

  @Test
  void reportsWhatOnnxRuntimeRefuses() throws Exception {
    // Well-formed protobuf, but an empty ModelProto: ONNX Runtime refuses it, and that is reported.
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", new byte[] {0x08, 0x08})) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME));
      assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
      assertThat(e.getMessage()).startsWith("model.onnx: engine OnnxRuntime refused the verified bytes");
    }
  }

  @Test
  void refusesAnEngineThatIsNotOnTheClassPath() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", VERIFIED.bytes())) {
      assertThatThrownBy(() -> DjlLoader.load(verified, "TensorFlow"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no DJL engine \"TensorFlow\"").hasMessageContaining("OnnxRuntime");
    }
  }

  @Test
  void loadsAFileOfAnArtifactByName() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "model.onnx", VERIFIED.bytes())) {
      VerifiedArtifact artifact = verified.artifact();
      try (ZooModel<float[], float[]> model = DjlLoader.zooModel(artifact, "model.onnx",
          DjlLoader.ONNX_RUNTIME, null, new FloatVectorTranslator(TinyOnnx.INPUT))) {
        assertThat(predict(model)).containsExactly(VERIFIED.expectedOutput(X));
      }
      assertThatThrownBy(() -> DjlLoader.load(artifact, "other.onnx", DjlLoader.ONNX_RUNTIME, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no file \"other.onnx\"");
    }
  }
}
