package dev.modelseal.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A real, tiny ONNX model, {@code y = x·W + b} with input {@code x} float[1,3], initializers
 * {@code W} float[3,2] and {@code b} float[2], a MatMul node then an Add node, output {@code y}
 * float[1,2]; IR version 8, default-domain opset 13. Encoded by a hand-written protobuf writer
 * (onnx.proto field numbers), so no ONNX library is needed to make it, only to run it.
 *
 * <p>The default weights are dyadic fractions, so for small dyadic inputs every product and sum is
 * exact and {@link #expectedOutput} equals what any runtime computes; for other inputs compare
 * with a tolerance (runtimes may fuse or reorder the float operations).
 */
public final class TinyOnnx {
  /** The graph's input name. */
  public static final String INPUT = "x";
  /** The graph's output name. */
  public static final String OUTPUT = "y";
  static final int IR_VERSION = 8;
  static final int OPSET = 13;
  static final String PRODUCER = "modelseal-testkit";
  /** TensorProto.DataType.FLOAT. */
  static final int FLOAT = 1;
  static final int IN = 3;
  static final int OUT = 2;

  private static final float[][] DEFAULT_WEIGHTS = {{0.5f, -1.0f}, {2.0f, 0.25f}, {-0.75f, 1.5f}};
  private static final float[] DEFAULT_BIAS = {0.125f, -0.25f};

  private final float[][] weights;
  private final float[] bias;

  private TinyOnnx(float[][] weights, float[] bias) {
    this.weights = weights;
    this.bias = bias;
  }

  /** Returns the model with the default weights {@code W = [[0.5,-1],[2,0.25],[-0.75,1.5]]}, {@code b = [0.125,-0.25]}. */
  public static TinyOnnx create() {
    return of(DEFAULT_WEIGHTS, DEFAULT_BIAS);
  }

  /** Returns the model with {@code weights} (3 rows of 2) and {@code bias} (2 values). */
  public static TinyOnnx of(float[][] weights, float[] bias) {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(bias, "bias");
    if (weights.length != IN || Arrays.stream(weights).anyMatch(row -> row.length != OUT) || bias.length != OUT) {
      throw new IllegalArgumentException("W must be float[3][2] and b float[2]");
    }
    float[][] copy = new float[IN][];
    for (int i = 0; i < IN; i++) {
      copy[i] = weights[i].clone();
    }
    return new TinyOnnx(copy, bias.clone());
  }

  /** Returns a copy of W, row-major [3][2]. */
  public float[][] weights() {
    float[][] copy = new float[IN][];
    for (int i = 0; i < IN; i++) {
      copy[i] = weights[i].clone();
    }
    return copy;
  }

  /** Returns a copy of b. */
  public float[] bias() {
    return bias.clone();
  }

  /** Returns {@code x·W + b} for one input row of 3 floats, as 2 floats, summed left to right in float. */
  public float[] expectedOutput(float[] input) {
    if (input.length != IN) {
      throw new IllegalArgumentException("x has 3 values, got " + input.length);
    }
    float[] y = new float[OUT];
    for (int j = 0; j < OUT; j++) {
      float sum = 0f;
      for (int i = 0; i < IN; i++) {
        sum += input[i] * weights[i][j];
      }
      y[j] = sum + bias[j];
    }
    return y;
  }

  /** Writes {@link #bytes()} to {@code file} and returns {@code file}. */
  public Path write(Path file) {
    return OutputFile.write(file, bytes());
  }

  /** Returns the serialized ModelProto. */
  public byte[] bytes() {
    Proto graph = new Proto()
        .message(1, node("MatMul", "matmul", INPUT, "W", "xw"))
        .message(1, node("Add", "add", "xw", "b", OUTPUT))
        .string(2, "modelseal_tiny_linear")
        .message(5, tensor("W", new long[] {IN, OUT}, flatten(weights)))
        .message(5, tensor("b", new long[] {OUT}, bias))
        .message(11, valueInfo(INPUT, IN))
        .message(12, valueInfo(OUTPUT, OUT));
    return new Proto()
        .varint(1, IR_VERSION)
        .string(2, PRODUCER)
        .string(3, "1")
        .message(7, graph)
        .message(8, new Proto().string(1, "").varint(2, OPSET))
        .toByteArray();
  }

  /** NodeProto: input = 1, output = 2, name = 3, op_type = 4, domain = 7. */
  private static Proto node(String opType, String name, String left, String right, String output) {
    return new Proto().string(1, left).string(1, right).string(2, output).string(3, name)
        .string(4, opType).string(7, "");
  }

  /** TensorProto: dims = 1 (unpacked, as proto2 writes it), data_type = 2, name = 8, raw_data = 9 (little endian). */
  private static Proto tensor(String name, long[] dims, float[] values) {
    Proto tensor = new Proto();
    for (long dim : dims) {
      tensor.varint(1, dim);
    }
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      raw.putFloat(value);
    }
    return tensor.varint(2, FLOAT).string(8, name).bytes(9, raw.array());
  }

  /**
   * ValueInfoProto{name = 1, type = 2: TypeProto{tensor_type = 1: {elem_type = 1, shape = 2:
   * TensorShapeProto{dim = 1: {dim_value = 1}}}}} for a float[1, width].
   */
  private static Proto valueInfo(String name, int width) {
    Proto shape = new Proto()
        .message(1, new Proto().varint(1, 1))
        .message(1, new Proto().varint(1, width));
    Proto tensorType = new Proto().varint(1, FLOAT).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  private static float[] flatten(float[][] matrix) {
    float[] flat = new float[IN * OUT];
    for (int i = 0; i < IN; i++) {
      System.arraycopy(matrix[i], 0, flat, i * OUT, OUT);
    }
    return flat;
  }

  /** The protobuf wire format, as much as ONNX needs: varints (type 0) and length-delimited fields (type 2). */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      tag(field, 0);
      raw(value);
      return this;
    }

    Proto bytes(int field, byte[] value) {
      tag(field, 2);
      raw(value.length);
      out.writeBytes(value);
      return this;
    }

    Proto string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto message) {
      return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }

    private void tag(int field, int wireType) {
      raw(((long) field << 3) | wireType);
    }

    /** Base-128 varint, least significant group first; negative values take ten bytes. */
    private void raw(long value) {
      while ((value & ~0x7FL) != 0) {
        out.write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }
  }
}
