package dev.modelseal.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsLoadingTest {
  @TempDir Path dir;
  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager(DjlLoader.ONNX_RUNTIME);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private static byte[] sample() {
    return sample(true);
  }

  private static byte[] sample(boolean withHalf) {
    SafetensorsWriter writer = SafetensorsWriter.create()
        .metadata("format", "pt")
        .f32("layer.weight", new long[] {2, 3}, 0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f)
        .i64("step", new long[] {}, 1234567890123L)
        .add("mask", "BOOL", new long[] {3}, new byte[] {1, 0, 1})
        .add("bytes", "U8", new long[] {2}, new byte[] {(byte) 200, 7});
    if (withHalf) {
      writer.add("half", "F16", new long[] {2}, new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0}); // 1.0, -2.0
    }
    return writer.f32("empty", new long[] {0, 3}).bytes();
  }

  @Test
  void loadsEveryTensorWithItsNameShapeTypeAndValues() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "model.safetensors", sample());
        NDList arrays = DjlLoader.loadSafetensors(verified, manager)) {
      assertThat(arrays).extracting(NDArray::getName)
          .containsExactly("layer.weight", "step", "mask", "bytes", "half", "empty");
      NDArray w = arrays.get("layer.weight");
      assertThat(w.getShape()).isEqualTo(new Shape(2, 3));
      assertThat(w.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(w.toFloatArray()).containsExactly(0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f);
      assertThat(arrays.get("step").getShape()).isEqualTo(new Shape());
      assertThat(arrays.get("step").toLongArray()).containsExactly(1234567890123L);
      assertThat(arrays.get("mask").toBooleanArray()).containsExactly(true, false, true);
      assertThat(arrays.get("bytes").toUint8Array()).containsExactly(200, 7);
      assertThat(arrays.get("half").getDataType()).isEqualTo(DataType.FLOAT16);
      assertThat(arrays.get("half").toByteArray()).containsExactly(0x00, 0x3c, 0x00, 0xc0);
      assertThat(arrays.get("empty").getShape()).isEqualTo(new Shape(0, 3));
    }
  }

  @Test
  void agreesWithDjlsOwnDecoderOnAValidFile() throws Exception {
    // Without F16: DJL's decoder hands ONNX Runtime a heap buffer for it, and ONNX Runtime 1.21
    // throws ClassCastException (it wants a direct buffer for FLOAT16); ours passes a direct one.
    byte[] bytes = sample(false);
    try (VerifiedModel verified = Signed.model(dir, "model.safetensors", bytes);
        NDList ours = DjlLoader.loadSafetensors(verified, manager);
        NDList djl = NDList.decode(manager, new ByteArrayInputStream(bytes))) {
      assertThat(ours).hasSameSizeAs(djl);
      for (int i = 0; i < djl.size(); i++) {
        assertThat(ours.get(i).getName()).isEqualTo(djl.get(i).getName());
        assertThat(ours.get(i).getShape()).isEqualTo(djl.get(i).getShape());
        assertThat(ours.get(i).getDataType()).isEqualTo(djl.get(i).getDataType());
        assertThat(ours.get(i).toByteArray()).isEqualTo(djl.get(i).toByteArray());
      }
    }
  }

  /** Why validation comes first: DJL's decoder takes files the format forbids. */
  @Test
  void refusesWhatDjlsDecoderWouldAccept() throws Exception {
    String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}";
    byte[] overlapping = SafetensorsWriter.file(json, new byte[32]); // overlap, and 8 bytes nobody owns
    try (NDList djl = NDList.decode(manager, new ByteArrayInputStream(overlapping))) {
      assertThat(djl).hasSize(2);
    }
    try (VerifiedModel verified = Signed.model(dir, "model.safetensors", overlapping)) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.loadSafetensors(verified, manager));
      assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
      assertThat(e.getMessage()).isEqualTo("model.safetensors: not a valid safetensors file: tensors \"a\" [0, 16]"
          + " and \"b\" [8, 24] overlap");
    }
  }

  @Test
  void refusesValidTensorsThatDjlCannotHold() throws Exception {
    byte[] fp8 = SafetensorsWriter.create().add("q", "F8_E4M3", new long[] {2}, new byte[2]).bytes();
    try (VerifiedModel verified = Signed.model(dir, "fp8.safetensors", fp8)) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.loadSafetensors(verified, manager));
      assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
      assertThat(e.getMessage()).isEqualTo("fp8.safetensors: tensor \"q\" is F8_E4M3, which DJL has no data type for");
    }
    byte[] i16 = SafetensorsWriter.create().f32("ok", new long[] {1}, 1).add("s", "I16", new long[] {1}, new byte[2]).bytes();
    try (VerifiedModel verified = Signed.model(dir.resolve("i16"), "i16.safetensors", i16)) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.loadSafetensors(verified, manager));
      assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
      assertThat(e.getMessage()).startsWith("i16.safetensors: tensor \"s\" (I16, shape [1]) cannot be created by OnnxRuntime");
    }
  }

  @Test
  void loadsTheVerifiedTensorsWhateverTheFileBecomes() throws Exception {
    byte[] verifiedBytes = SafetensorsWriter.create().f32("w", new long[] {2}, 1, 2).bytes();
    byte[] swapped = SafetensorsWriter.create().f32("w", new long[] {2}, 666, 666).bytes();
    LoadOptions snapshot = LoadOptions.builder().snapshotDirectory(Files.createDirectories(dir.resolve("snap"))).build();
    for (LoadOptions options : new LoadOptions[] {LoadOptions.defaults(), snapshot}) {
      try (VerifiedModel verified = Signed.model(dir, "model.safetensors", verifiedBytes, options)) {
        Files.move(Files.write(dir.resolve("evil"), swapped), dir.resolve("model.safetensors"),
            StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (NDList arrays = DjlLoader.loadSafetensors(verified, manager)) {
          assertThat(arrays.get("w").toFloatArray()).containsExactly(1, 2);
        }
      }
    }
  }
}
