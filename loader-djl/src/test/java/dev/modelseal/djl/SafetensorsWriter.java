package dev.modelseal.djl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes safetensors files for tests: valid ones like the reference writer, or any header given. */
final class SafetensorsWriter {
  private record Entry(String name, String dtype, long[] shape, byte[] data) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  static SafetensorsWriter create() {
    return new SafetensorsWriter();
  }

  SafetensorsWriter f32(String name, long[] shape, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return add(name, "F32", shape, b.array());
  }

  SafetensorsWriter i64(String name, long[] shape, long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return add(name, "I64", shape, b.array());
  }

  SafetensorsWriter add(String name, String dtype, long[] shape, byte[] data) {
    entries.add(new Entry(name, dtype, shape.clone(), data.clone()));
    return this;
  }

  SafetensorsWriter metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** Header JSON with offsets laid out contiguously in insertion order. */
  String headerJson() {
    StringBuilder sb = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      sb.append("\"__metadata__\":{").append(metadata.entrySet().stream()
          .map(e -> json(e.getKey()) + ":" + json(e.getValue())).collect(Collectors.joining(","))).append('}');
    }
    long offset = 0;
    for (Entry e : entries) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(json(e.name)).append(":{\"dtype\":").append(json(e.dtype)).append(",\"shape\":[");
      for (int i = 0; i < e.shape.length; i++) {
        sb.append(i == 0 ? "" : ",").append(e.shape[i]);
      }
      sb.append("],\"data_offsets\":[").append(offset).append(',').append(offset + e.data.length).append("]}");
      offset += e.data.length;
    }
    return sb.append('}').toString();
  }

  byte[] data() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      out.writeBytes(e.data);
    }
    return out.toByteArray();
  }

  byte[] bytes() {
    return file(headerJson(), data());
  }

  /** A file with {@code header} padded with spaces to a multiple of 8, as the reference writer does. */
  static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    int padded = (h.length + 7) / 8 * 8;
    byte[] hp = new byte[padded];
    System.arraycopy(h, 0, hp, 0, h.length);
    for (int i = h.length; i < padded; i++) {
      hp[i] = ' ';
    }
    return raw(padded, hp, data);
  }

  /** A file whose length field says {@code declaredLength}, whatever follows. */
  static byte[] raw(long declaredLength, byte[] header, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(declaredLength).put(header).put(data);
    return b.array();
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
