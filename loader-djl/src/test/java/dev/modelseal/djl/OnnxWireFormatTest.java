package dev.modelseal.djl;

import static dev.modelseal.djl.OnnxProto.encoded;
import static dev.modelseal.djl.OnnxProto.linearGraph;
import static dev.modelseal.djl.OnnxProto.littleEndian;
import static dev.modelseal.djl.OnnxProto.message;
import static dev.modelseal.djl.OnnxProto.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The external-data scanner reads unusual protobuf encodings as ONNX Runtime does: each hostile
 * model is given both to the scanner and to ONNX Runtime itself (from bytes, with the "unverified"
 * weights file beside it), and what ONNX Runtime does with it shows which fields it saw.
 */
class OnnxWireFormatTest {
  /** The tags of TensorProto.external_data (13, length-delimited) and data_location (14, varint). */
  private static final long EXTERNAL_DATA_TAG = 13 << 3 | 2;
  private static final long DATA_LOCATION_TAG = 14 << 3;
  private static final long RAW_DATA_TAG = 9 << 3 | 2;
  private static final long BIT_32 = 1L << 32;
  private static final long BIT_63 = 1L << 63;
  private static final float[] X = {1, 1, 1};
  /** x·W for the weights in the unverified file (1..6) and for the model's own raw_data. */
  private static final float[] FILE_WEIGHTS_OUTPUT = {9, 12};
  private static final float[] OWN_WEIGHTS_OUTPUT = {1, 1};

  @TempDir static Path dir;
  private static String unverified;

  @BeforeAll
  static void writeUnverifiedWeights() throws Exception {
    // DJL's engine creates the one OrtEnvironment of the JVM with its own thread pool and fails if
    // another came first; the direct sessions below share the one it made.
    Engine.getEngine(DjlLoader.ONNX_RUNTIME);
    unverified = Files.write(dir.resolve("weights.bin"), littleEndian(1, 2, 3, 4, 5, 6)).toAbsolutePath().toString();
  }

  /** What ONNX Runtime did with a model. */
  enum Runtime {
    /** Ran, with the weights of the unverified file: it saw external data. */
    READ_THE_FILE,
    /** Ran, with the weights in the model: it saw no external data. */
    USED_ITS_OWN_WEIGHTS,
    /** Refused a tensor marked EXTERNAL that names no location: it saw data_location = EXTERNAL. */
    WANTED_EXTERNAL_DATA,
    /** Refused the bytes as protobuf. */
    FAILED_TO_PARSE
  }

  /** TensorProto W float[3, 2]: the given wire bytes appended to its dims, type and name. */
  private static OnnxProto weights(byte[]... fields) {
    OnnxProto t = message().varint(1, 3).varint(1, 2).varint(2, 1).string(8, "W");
    for (byte[] f : fields) {
      t.raw(f);
    }
    return t;
  }

  /** external_data = [{location: the unverified file}], under the given tag bytes. */
  private static byte[] externalData(byte[] tag) {
    byte[] entry = message().string(1, "location").string(2, unverified).toByteArray();
    return message().raw(tag).raw(encoded(entry.length, 1)).raw(entry).toByteArray();
  }

  private static byte[] join(byte[]... parts) {
    OnnxProto out = message();
    for (byte[] p : parts) {
      out.raw(p);
    }
    return out.toByteArray();
  }

  private static byte[] ownWeights() {
    return message().bytes(9, littleEndian(1, 0, 0, 1, 0, 0)).toByteArray();
  }

  private static Arguments hostile(String name, OnnxProto tensor, Runtime runtime, Reason scanner) {
    return Arguments.of(name, model(linearGraph(tensor)), runtime, scanner);
  }

  static Stream<Arguments> models() {
    byte[] tag13 = encoded(EXTERNAL_DATA_TAG, 1);
    byte[] tag14 = encoded(DATA_LOCATION_TAG, 1);
    byte[] external = encoded(1, 1);
    byte[] tenBytesEndingIn7f = encoded(1, 10);
    tenBytesEndingIn7f[9] = 0x7f;
    return Stream.of(
        hostile("tags with bits above 32 that truncate to external_data and data_location",
            weights(externalData(encoded(EXTERNAL_DATA_TAG | BIT_32, 5)),
                encoded(DATA_LOCATION_TAG | 7 * BIT_32, 5), external),
            Runtime.READ_THE_FILE, Reason.MALFORMED_MODEL),
        hostile("an external_data tag with bits above 32 and data_location 2^63 + 1 in 10 bytes",
            weights(externalData(encoded(EXTERNAL_DATA_TAG | BIT_32, 5)), tag14, encoded(BIT_63 | 1, 10)),
            Runtime.READ_THE_FILE, Reason.MALFORMED_MODEL),
        hostile("data_location 2^63 + 1 in 10 bytes is EXTERNAL",
            weights(ownWeights(), tag14, encoded(BIT_63 | 1, 10)),
            Runtime.WANTED_EXTERNAL_DATA, Reason.UNSUPPORTED_FORMAT),
        hostile("data_location 2^32 + 1 in 5 bytes is EXTERNAL",
            weights(ownWeights(), tag14, encoded(BIT_32 | 1, 5)),
            Runtime.WANTED_EXTERNAL_DATA, Reason.UNSUPPORTED_FORMAT),
        hostile("data_location 0xffffffff00000001 is EXTERNAL",
            weights(ownWeights(), tag14, encoded(0xFFFF_FFFF_0000_0001L, 10)),
            Runtime.WANTED_EXTERNAL_DATA, Reason.UNSUPPORTED_FORMAT),
        hostile("data_location 2^32 is DEFAULT",
            weights(ownWeights(), tag14, encoded(BIT_32, 5)),
            Runtime.USED_ITS_OWN_WEIGHTS, null),
        hostile("a 10-byte varint whose last byte has bits beyond 64 still ends there",
            weights(externalData(tag13), tag14, tenBytesEndingIn7f),
            Runtime.READ_THE_FILE, Reason.UNSUPPORTED_FORMAT),
        hostile("non-minimal tags and value: 4 and 3 bytes, 1 in 10 bytes",
            weights(externalData(encoded(EXTERNAL_DATA_TAG, 4)), encoded(DATA_LOCATION_TAG, 3), encoded(1, 10)),
            Runtime.READ_THE_FILE, Reason.UNSUPPORTED_FORMAT),
        hostile("a data_location tag of 6 bytes",
            weights(externalData(tag13), encoded(DATA_LOCATION_TAG, 6), external),
            Runtime.FAILED_TO_PARSE, Reason.MALFORMED_MODEL),
        hostile("a data_location tag of 10 bytes with bits above 32",
            weights(ownWeights(), encoded(DATA_LOCATION_TAG | BIT_63, 10), external),
            Runtime.FAILED_TO_PARSE, Reason.MALFORMED_MODEL),
        hostile("a value of 11 bytes",
            weights(ownWeights(), tag14, encoded(1, 11)),
            Runtime.FAILED_TO_PARSE, Reason.MALFORMED_MODEL),
        hostile("a length of 5 bytes, non-minimal",
            weights(join(encoded(RAW_DATA_TAG, 1), encoded(24, 5), littleEndian(1, 0, 0, 1, 0, 0))),
            Runtime.USED_ITS_OWN_WEIGHTS, null),
        hostile("a length of 6 bytes",
            weights(join(encoded(RAW_DATA_TAG, 1), encoded(24, 6), littleEndian(1, 0, 0, 1, 0, 0))),
            Runtime.FAILED_TO_PARSE, Reason.MALFORMED_MODEL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void scannerSeesWhatOnnxRuntimeSees(String name, byte[] model, Runtime runtime, Reason scanner)
      throws Exception {
    assertThat(onnxRuntime(model)).isEqualTo(runtime);
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
        () -> OnnxExternalData.requireNone(new ChunkedBytes(List.of(ByteBuffer.wrap(model))), "m.onnx"));
    if (scanner == null) {
      assertThat(e).isNull();
    } else {
      assertThat(e).isNotNull();
      assertThat(e.reason()).isEqualTo(scanner);
    }
  }

  /** The bypass end to end: ONNX Runtime reads the unverified file, the loader refuses the model. */
  @Test
  void refusesTheBypassWhenLoading() throws Exception {
    byte[] model = model(linearGraph(weights(externalData(encoded(EXTERNAL_DATA_TAG | BIT_32, 5)),
        encoded(DATA_LOCATION_TAG | BIT_32, 5), encoded(1, 1))));
    assertThat(onnxRuntime(model)).isEqualTo(Runtime.READ_THE_FILE);
    try (VerifiedModel verified = Signed.model(dir.resolve("signed"), "model.onnx", model)) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified, DjlLoader.ONNX_RUNTIME));
      assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
      assertThat(e.getMessage()).isEqualTo("model.onnx: not a well-formed ONNX model (protobuf): the tag at"
          + " byte 70 has bits above 32, which protobuf would drop");
    }
  }

  private static Runtime onnxRuntime(byte[] model) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      try (OrtSession session = env.createSession(model, options);
          OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {X});
          OrtSession.Result result = session.run(Map.of("x", x))) {
        float[] y = ((float[][]) result.get(0).getValue())[0];
        if (Arrays.equals(y, FILE_WEIGHTS_OUTPUT)) {
          return Runtime.READ_THE_FILE;
        }
        assertThat(y).containsExactly(OWN_WEIGHTS_OUTPUT);
        return Runtime.USED_ITS_OWN_WEIGHTS;
      }
    } catch (OrtException e) {
      if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF) {
        return Runtime.FAILED_TO_PARSE;
      }
      assertThat(e.getMessage()).contains("Missing 'location'");
      return Runtime.WANTED_EXTERNAL_DATA;
    }
  }
}
