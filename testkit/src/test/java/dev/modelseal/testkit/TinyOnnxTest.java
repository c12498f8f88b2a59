package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes TinyOnnx's bytes with an independent protobuf wire-format reader and checks every field
 * against onnx.proto's numbering (no ONNX runtime is available here).
 */
class TinyOnnxTest {
  @TempDir Path dir;

  @Test
  void modelProtoHeader() {
    Message model = Message.parse(TinyOnnx.create().bytes());

    assertThat(model.fieldNumbers()).containsExactly(1, 2, 3, 7, 8);
    assertThat(model.varint(1)).isEqualTo(8); // ir_version
    assertThat(model.string(2)).isEqualTo("modelseal-testkit"); // producer_name
    Message opset = model.message(8);
    assertThat(opset.string(1)).isEmpty(); // default domain ai.onnx
    assertThat(opset.varint(2)).isEqualTo(13);
  }

  @Test
  void graphIsMatMulThenAdd() {
    Message graph = Message.parse(TinyOnnx.create().bytes()).message(7);

    List<Message> nodes = graph.messages(1);
    assertThat(nodes).hasSize(2);
    assertThat(nodes.get(0).string(4)).isEqualTo("MatMul");
    assertThat(nodes.get(0).strings(1)).containsExactly("x", "W");
    assertThat(nodes.get(0).strings(2)).containsExactly("xw");
    assertThat(nodes.get(1).string(4)).isEqualTo("Add");
    assertThat(nodes.get(1).strings(1)).containsExactly("xw", "b");
    assertThat(nodes.get(1).strings(2)).containsExactly("y");
    assertThat(graph.string(2)).isNotEmpty();
  }

  @Test
  void initializersHoldWeightsAndBiasAsLittleEndianFloats() {
    TinyOnnx onnx = TinyOnnx.create();
    List<Message> initializers = Message.parse(onnx.bytes()).message(7).messages(5);

    assertThat(initializers).hasSize(2);
    Message w = initializers.get(0);
    assertThat(w.string(8)).isEqualTo("W");
    assertThat(w.varints(1)).containsExactly(3L, 2L); // dims
    assertThat(w.varint(2)).isEqualTo(1); // FLOAT
    assertThat(floats(w.bytes(9))).containsExactly(0.5f, -1.0f, 2.0f, 0.25f, -0.75f, 1.5f);
    Message b = initializers.get(1);
    assertThat(b.string(8)).isEqualTo("b");
    assertThat(b.varints(1)).containsExactly(2L);
    assertThat(floats(b.bytes(9))).containsExactly(0.125f, -0.25f);
  }

  @Test
  void inputAndOutputAreFloatRowVectors() {
    Message graph = Message.parse(TinyOnnx.create().bytes()).message(7);

    assertThat(graph.messages(11)).singleElement().satisfies(input -> assertValueInfo(input, "x", 3));
    assertThat(graph.messages(12)).singleElement().satisfies(output -> assertValueInfo(output, "y", 2));
  }

  @Test
  void expectedOutputIsXTimesWPlusB() {
    TinyOnnx onnx = TinyOnnx.create();

    // [1,2,3]·W = [0.5+4-2.25, -1+0.5+4.5] = [2.25, 4]; + b = [2.375, 3.75]
    assertThat(onnx.expectedOutput(new float[] {1, 2, 3})).containsExactly(2.375f, 3.75f);
    assertThat(onnx.expectedOutput(new float[] {0, 0, 0})).containsExactly(0.125f, -0.25f);
  }

  @Test
  void customWeightsAreEncodedAndUsed() {
    TinyOnnx onnx = TinyOnnx.of(new float[][] {{1, 0}, {0, 1}, {1, 1}}, new float[] {0, 10});

    List<Message> initializers = Message.parse(onnx.bytes()).message(7).messages(5);
    assertThat(floats(initializers.get(0).bytes(9))).containsExactly(1f, 0f, 0f, 1f, 1f, 1f);
    assertThat(onnx.expectedOutput(new float[] {1, 2, 3})).containsExactly(4f, 15f);
    assertThatThrownBy(() -> TinyOnnx.of(new float[2][2], new float[2])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesTheSameBytesEveryTime() throws Exception {
    Path file = TinyOnnx.create().write(dir.resolve("m/model.onnx"));

    assertThat(Files.readAllBytes(file)).isEqualTo(TinyOnnx.create().bytes());
    assertThat(Files.size(file)).isLessThan(400);
  }

  private static void assertValueInfo(Message info, String name, int width) {
    assertThat(info.string(1)).isEqualTo(name);
    Message tensorType = info.message(2).message(1);
    assertThat(tensorType.varint(1)).isEqualTo(1); // elem_type FLOAT
    List<Message> dims = tensorType.message(2).messages(1);
    assertThat(dims).extracting(dim -> dim.varint(1)).containsExactly(1L, (long) width);
  }

  private static float[] floats(byte[] raw) {
    ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[raw.length / 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getFloat();
    }
    return values;
  }

  /** A decoded protobuf message: its fields in wire order, varints as Long, length-delimited as byte[]. */
  record Message(List<Integer> numbers, List<Object> values) {
    static Message parse(byte[] bytes) {
      List<Integer> numbers = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      int[] pos = {0};
      while (pos[0] < bytes.length) {
        long tag = readVarint(bytes, pos);
        int number = (int) (tag >>> 3);
        int wireType = (int) (tag & 7);
        numbers.add(number);
        if (wireType == 0) {
          values.add(readVarint(bytes, pos));
        } else if (wireType == 2) {
          int length = (int) readVarint(bytes, pos);
          byte[] value = new byte[length];
          System.arraycopy(bytes, pos[0], value, 0, length);
          pos[0] += length;
          values.add(value);
        } else {
          throw new AssertionError("unexpected wire type " + wireType + " for field " + number);
        }
      }
      return new Message(numbers, values);
    }

    private static long readVarint(byte[] bytes, int[] pos) {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[pos[0]++];
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
    }

    List<Integer> fieldNumbers() {
      return numbers.stream().distinct().toList();
    }

    private List<Object> all(int number) {
      List<Object> found = new ArrayList<>();
      for (int i = 0; i < numbers.size(); i++) {
        if (numbers.get(i) == number) {
          found.add(values.get(i));
        }
      }
      return found;
    }

    private Object one(int number) {
      List<Object> found = all(number);
      assertThat(found).as("field " + number).hasSize(1);
      return found.get(0);
    }

    long varint(int number) {
      return (Long) one(number);
    }

    List<Long> varints(int number) {
      return all(number).stream().map(Long.class::cast).toList();
    }

    byte[] bytes(int number) {
      return (byte[]) one(number);
    }

    String string(int number) {
      return new String(bytes(number), StandardCharsets.UTF_8);
    }

    List<String> strings(int number) {
      return all(number).stream().map(v -> new String((byte[]) v, StandardCharsets.UTF_8)).toList();
    }

    Message message(int number) {
      return parse(bytes(number));
    }

    List<Message> messages(int number) {
      return all(number).stream().map(v -> parse((byte[]) v)).toList();
    }
  }
}
