package dev.modelseal.djl;

import static dev.modelseal.djl.OnnxProto.externalTensor;
import static dev.modelseal.djl.OnnxProto.linearGraph;
import static dev.modelseal.djl.OnnxProto.message;
import static dev.modelseal.djl.OnnxProto.model;
import static dev.modelseal.djl.OnnxProto.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.TinyOnnx;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExternalDataTest {
  private static final long[] W_DIMS = {3, 2};
  private static final Map<String, String> NO_OPT = Map.of("optLevel", "NO_OPT");

  @TempDir Path dir;

  private static ModelVerificationException scan(byte[] model) {
    return catchThrowableOfType(ModelVerificationException.class,
        () -> OnnxExternalData.requireNone(new ChunkedBytes(List.of(ByteBuffer.wrap(model))), "m.onnx"));
  }

  @Test
  void passesSelfContainedModels() {
    assertThat(scan(TinyOnnx.create().bytes())).isNull();
    assertThat(scan(model(linearGraph(tensor("W", W_DIMS, 1, 2, 3, 4, 5, 6))))).isNull();
  }

  /** Why the check exists: ONNX Runtime, given bytes, reads external data from a file nobody verified. */
  @Test
  void onnxRuntimeReadsExternalDataFromUnverifiedFilesWhenGivenBytes() throws Exception {
    Path unverified = Files.write(dir.resolve("weights.bin"), OnnxProto.littleEndian(1, 2, 3, 4, 5, 6));
    byte[] bytes = model(linearGraph(externalTensor("W", W_DIMS, unverified.toAbsolutePath().toString())));
    Model raw = Model.newInstance("raw", DjlLoader.ONNX_RUNTIME);
    try (ZooModel<float[], float[]> zoo = new ZooModel<>(raw, new FloatVectorTranslator(TinyOnnx.INPUT))) {
      raw.load(new ByteArrayInputStream(bytes), NO_OPT);
      try (Predictor<float[], float[]> p = zoo.newPredictor()) {
        assertThat(p.predict(new float[] {1, 1, 1})).containsExactly(9, 12); // the file's weights
      }
    }

    try (VerifiedModel verified = Signed.model(dir, "model.onnx", bytes)) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME, NO_OPT));
      assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
      assertThat(e.getMessage()).isEqualTo("model.onnx: tensor \"W\" keeps its data outside the model"
          + " (external data at \"" + unverified.toAbsolutePath() + "\"); those bytes were not verified,"
          + " so ONNX external data is not loaded");
    }
  }

  @Test
  void findsExternalDataWhereverATensorCanBe() {
    OnnxProto external = externalTensor("E", W_DIMS, "e.bin");
    OnnxProto inSubgraph = message().string(1, "cond").string(2, "y").string(4, "If")
        .message(5, message().string(1, "then_branch").varint(20, 5).message(6, message().message(5, external)));
    OnnxProto constant = message().string(2, "c").string(4, "Constant")
        .message(5, message().string(1, "value").varint(20, 4).message(5, external));
    OnnxProto tensorList = message().string(4, "Custom").message(5, message().message(10, external));
    OnnxProto sparse = message().message(1, external).message(2, tensor("i", new long[] {1}, 0));
    List<byte[]> models = List.of(
        model(linearGraph(external)),
        model(message().message(1, inSubgraph)),
        model(message().message(1, constant)),
        model(message().message(1, tensorList)),
        model(message().message(15, sparse)),
        model(message().message(1, message().message(5, message().message(11, message().message(5, external))))),
        message().varint(1, 8).message(25, message().message(7, constant)).toByteArray(),
        message().varint(1, 8).message(20, message().message(2, message().message(5, external))).toByteArray());
    for (byte[] m : models) {
      ModelVerificationException e = scan(m);
      assertThat(e).isNotNull();
      assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
      assertThat(e.getMessage()).contains("tensor \"E\"").contains("\"e.bin\"");
    }
  }

  @Test
  void refusesEitherMarkOfExternalData() {
    OnnxProto onlyLocation = message().varint(1, 3).varint(2, 1).string(8, "W").varint(14, 1);
    OnnxProto onlyEntries = message().string(8, "W").message(13, message().string(1, "location").string(2, "w.bin"));
    assertThat(scan(model(linearGraph(onlyLocation))).getMessage()).contains("tensor \"W\" keeps its data outside");
    assertThat(scan(model(linearGraph(onlyEntries))).getMessage()).contains("(external data at \"w.bin\")");
    // data_location = DEFAULT (0) is fine.
    assertThat(scan(model(linearGraph(tensor("W", W_DIMS, 1, 2, 3, 4, 5, 6).varint(14, 0))))).isNull();
  }

  @Test
  void refusesMalformedProtobuf() {
    byte[] good = TinyOnnx.create().bytes();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
    assertThat(scan(truncated).reason()).isEqualTo(Reason.MALFORMED_MODEL);
    assertThat(scan(truncated).getMessage()).startsWith("m.onnx: not a well-formed ONNX model (protobuf): ");
    assertThat(scan(message().raw((byte) 0x0b).toByteArray()).getMessage()).contains("wire type 3");
    assertThat(scan(message().raw((byte) 0x00).toByteArray()).getMessage()).contains("field number 0");
    assertThat(scan(message().raw((byte) 0x3a, (byte) 0x7f).toByteArray()).getMessage()).contains("127 bytes");
    byte[] longVarint = new byte[12];
    java.util.Arrays.fill(longVarint, (byte) 0xff);
    longVarint[0] = 0x08;
    assertThat(scan(longVarint).getMessage()).contains("longer than 10 bytes");
  }

  /** Tags and lengths are read as protobuf reads them (at most 5 bytes, 32 bits, under 2 GiB). */
  @Test
  void refusesTagsAndLengthsProtobufWouldTruncateOrRefuse() {
    byte[] highBits = message().raw(OnnxProto.encoded(14 << 3 | 1L << 32, 5)).raw((byte) 1).toByteArray();
    byte[] sixByteTag = message().raw(OnnxProto.encoded(1 << 3, 6)).raw((byte) 1).toByteArray();
    byte[] sixByteLength = message().raw((byte) 0x3a).raw(OnnxProto.encoded(0, 6)).toByteArray();
    byte[] twoGiB = message().raw((byte) 0x3a).raw(OnnxProto.encoded(1L << 31, 5)).toByteArray();
    assertThat(scan(highBits).getMessage()).endsWith("the tag at byte 0 has bits above 32, which protobuf would drop");
    assertThat(scan(sixByteTag).getMessage()).endsWith("a tag at byte 0 is longer than 5 bytes, which protobuf refuses");
    assertThat(scan(sixByteLength).getMessage()).endsWith("a length at byte 1 is longer than 5 bytes, which protobuf refuses");
    assertThat(scan(twoGiB).getMessage()).endsWith("a length of 2147483648 bytes at byte 1 is 2 GiB or more");
    for (byte[] m : List.of(highBits, sixByteTag, sixByteLength, twoGiB)) {
      assertThat(scan(m).reason()).isEqualTo(Reason.MALFORMED_MODEL);
    }
  }

  /** data_location is an int32 enum: protobuf keeps the low 32 bits of the varint. */
  @Test
  void readsDataLocationAsProtobufDoes() {
    for (long value : new long[] {1L << 32 | 1, 1L << 63 | 1, 0xFFFF_FFFF_0000_0001L}) {
      OnnxProto w = message().string(8, "W").raw((byte) 0x70).raw(OnnxProto.encoded(value, 10));
      assertThat(scan(model(linearGraph(w))).reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    }
    OnnxProto fourGiB = message().string(8, "W").raw((byte) 0x70).raw(OnnxProto.encoded(1L << 32, 5));
    assertThat(scan(model(linearGraph(fourGiB)))).isNull();
  }

  @Test
  void refusesSubgraphsNestedBeyondTheLimit() {
    OnnxProto graph = message();
    for (int i = 0; i < 60; i++) {
      graph = message().message(1, message().message(5, message().message(6, graph)));
    }
    ModelVerificationException e = scan(model(graph));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
    assertThat(e.getMessage()).contains("nest deeper than " + OnnxExternalData.MAX_DEPTH);
  }
}
