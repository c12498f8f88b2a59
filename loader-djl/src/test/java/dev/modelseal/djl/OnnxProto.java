package dev.modelseal.djl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A protobuf writer for hand-made ONNX test models (onnx.proto field numbers). */
final class OnnxProto {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static OnnxProto message() {
    return new OnnxProto();
  }

  OnnxProto varint(int field, long value) {
    key(field, 0);
    raw(value);
    return this;
  }

  OnnxProto bytes(int field, byte[] value) {
    key(field, 2);
    raw(value.length);
    out.writeBytes(value);
    return this;
  }

  OnnxProto string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  OnnxProto message(int field, OnnxProto value) {
    return bytes(field, value.toByteArray());
  }

  /** Appends bytes as they are, for malformed input. */
  OnnxProto raw(byte... bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** {@code value} as a varint of exactly {@code length} bytes (padded with continuation bytes). */
  static byte[] encoded(long value, int length) {
    if (length < 10 && value >>> (7 * length) != 0) {
      throw new IllegalArgumentException(Long.toUnsignedString(value) + " needs more than " + length + " bytes");
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      long group = i < 10 ? (value >>> (7 * i)) & 0x7F : 0;
      out[i] = (byte) (i < length - 1 ? group | 0x80 : group);
    }
    return out;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void key(int field, int wireType) {
    raw(((long) field << 3) | wireType);
  }

  private void raw(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  static byte[] littleEndian(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  /** TensorProto float[dims] with raw_data (9). */
  static OnnxProto tensor(String name, long[] dims, float... values) {
    OnnxProto t = message();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, 1).string(8, name).bytes(9, littleEndian(values));
  }

  /** TensorProto float[dims] whose data is in {@code location} (data_location = EXTERNAL). */
  static OnnxProto externalTensor(String name, long[] dims, String location) {
    OnnxProto t = message();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, 1).string(8, name)
        .message(13, message().string(1, "location").string(2, location))
        .varint(14, 1);
  }

  /** ValueInfoProto for float[1, width]. */
  static OnnxProto valueInfo(String name, int width) {
    OnnxProto shape = message().message(1, message().varint(1, 1)).message(1, message().varint(1, width));
    return message().string(1, name).message(2, message().message(1, message().varint(1, 1).message(2, shape)));
  }

  /** y = x·W + b with x float[1,3], W float[3,2] given, b = 0: a graph (GraphProto). */
  static OnnxProto linearGraph(OnnxProto weights) {
    return message()
        .message(1, message().string(1, "x").string(1, "W").string(2, "xw").string(3, "mm").string(4, "MatMul"))
        .message(1, message().string(1, "xw").string(1, "b").string(2, "y").string(3, "add").string(4, "Add"))
        .string(2, "linear")
        .message(5, weights)
        .message(5, tensor("b", new long[] {2}, 0, 0))
        .message(11, valueInfo("x", 3))
        .message(12, valueInfo("y", 2));
  }

  /** ModelProto: ir_version 8, the graph, opset 13. */
  static byte[] model(OnnxProto graph) {
    return message().varint(1, 8).message(7, graph).message(8, message().string(1, "").varint(2, 13)).toByteArray();
  }
}
