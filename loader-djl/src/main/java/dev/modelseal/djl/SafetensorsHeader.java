package dev.modelseal.djl;

import dev.modelseal.VerifiedFile;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated header of a safetensors file: every tensor's dtype, shape and place in the data
 * section, and the optional {@code __metadata__}. {@link #validate} accepts a file only if it
 * follows the safetensors format (huggingface/safetensors README, "Format" and "Notes"; limits as
 * in the reference reader {@code SafeTensors::read_metadata}) strictly, so a loader that trusts the
 * result cannot be sent out of bounds, made to allocate without bound, or handed bytes that no
 * tensor accounts for:
 *
 * <ul>
 *   <li>the 8-byte little-endian header length is at most {@value #MAX_HEADER_BYTES} (the
 *       reference limit) and at most the bytes that follow it; nothing is allocated before both
 *       hold;
 *   <li>the header is UTF-8, begins with <code>{</code>, is one JSON object with no duplicate key at
 *       any level, and is followed only by space (0x20) padding;
 *   <li>each tensor is exactly {@code {"dtype", "shape", "data_offsets"}}: a dtype of the spec, a
 *       list of at most {@value #MAX_DIMENSIONS} non-negative integers, and {@code [begin, end]}
 *       with {@code end - begin} equal to the element count times the dtype's size (whole bytes
 *       only);
 *   <li>the tensors, in offset order, tile the data section exactly: no overlap, no hole, nothing
 *       after the last one ("the byte buffer needs to be entirely indexed, and cannot contain
 *       holes");
 *   <li>{@code __metadata__}, if present, maps strings to strings.
 * </ul>
 *
 * <p>Stricter than the reference reader in three places: an unknown member of a tensor entry and a
 * {@code null} {@code __metadata__} are refused (no writer produces either), and so is a shape of
 * more than {@value #MAX_DIMENSIONS} dimensions (NumPy's limit), so that a header cannot make a
 * shape list many times its own size. The arrays of a tensor entry are refused as soon as they run
 * over (a third offset, a 65th dimension), not after they are read.
 */
public final class SafetensorsHeader {
  /** The reference implementation's {@code MAX_HEADER_SIZE}: 100,000,000 bytes. */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  /** The most dimensions a tensor may have: NumPy's {@code NPY_MAXDIMS} (since NumPy 2.0). */
  public static final int MAX_DIMENSIONS = 64;

  /** The reserved key whose value is a string-to-string map, not a tensor. */
  public static final String METADATA_KEY = "__metadata__";

  private static final int LENGTH_BYTES = 8;
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(8)
          .maxNumberLength(32)
          .maxStringLength((int) MAX_HEADER_BYTES)
          .maxNameLength((int) MAX_HEADER_BYTES)
          .build())
      .build();

  private final long headerLength;
  private final long dataLength;
  private final List<Tensor> tensors;
  private final Map<String, String> metadata;

  private SafetensorsHeader(long headerLength, long dataLength, List<Tensor> tensors,
      Map<String, String> metadata) {
    this.headerLength = headerLength;
    this.dataLength = dataLength;
    this.tensors = List.copyOf(tensors);
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The element types the safetensors spec defines, with their size in bits. */
  public enum Dtype {
    BOOL(8), F4(4), F6_E2M3(6), F6_E3M2(6), U8(8), I8(8), F8_E5M2(8), F8_E4M3(8), F8_E8M0(8),
    F8_E4M3FNUZ(8), F8_E5M2FNUZ(8), I16(16), U16(16), F16(16), BF16(16), I32(32), U32(32),
    F32(32), C64(64), F64(64), I64(64), U64(64);

    private final int bits;

    Dtype(int bits) {
      this.bits = bits;
    }

    /** Bits per element (4 and 6 for the sub-byte float formats). */
    public int bits() {
      return bits;
    }

    static Optional<Dtype> of(String name) {
      for (Dtype d : values()) {
        if (d.name().equals(name)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One tensor of the header.
   *
   * @param name its key in the header
   * @param dtype its element type
   * @param shape its dimensions, row-major; empty for a scalar
   * @param begin first byte in the data section (relative to the end of the header)
   * @param end one past its last byte in the data section
   */
  public record Tensor(String name, Dtype dtype, List<Long> shape, long begin, long end) {
    public Tensor {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(dtype, "dtype");
      shape = List.copyOf(shape);
    }

    /** Its size in bytes, {@code end - begin}. */
    public long byteLength() {
      return end - begin;
    }

    /** The product of its dimensions (1 for a scalar). */
    public long elementCount() {
      long n = 1;
      for (long d : shape) {
        n *= d; // cannot overflow: validation checked the product
      }
      return n;
    }
  }

  /** Validates the verified bytes of {@code model} as a safetensors file. */
  public static SafetensorsHeader validate(VerifiedModel model) throws ModelVerificationException {
    Objects.requireNonNull(model, "model");
    return validate(model.buffers(), String.valueOf(model.path()));
  }

  /** Validates the verified bytes of {@code file} as a safetensors file. */
  public static SafetensorsHeader validate(VerifiedFile file) throws ModelVerificationException {
    Objects.requireNonNull(file, "file");
    return validate(file.buffers(), file.name());
  }

  /**
   * Validates the bytes of {@code buffers} (read from their positions to their limits, in order,
   * as one file) as a safetensors file; {@code source} names it in messages. The buffers are not
   * moved.
   */
  public static SafetensorsHeader validate(List<ByteBuffer> buffers, String source)
      throws ModelVerificationException {
    Objects.requireNonNull(source, "source");
    return validate(new ChunkedBytes(buffers), source);
  }

  static SafetensorsHeader validate(ChunkedBytes bytes, String source) throws ModelVerificationException {
    long size = bytes.size();
    if (size < LENGTH_BYTES) {
      throw malformed(source, "the file is " + size + " bytes, shorter than the 8-byte header length");
    }
    long n = ByteBuffer.wrap(bytes.read(0, LENGTH_BYTES)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    // Unsigned comparisons: a length with the top bit set is a huge u64, not a negative number.
    if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
      throw malformed(source, "the header length " + Long.toUnsignedString(n)
          + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
    }
    if (n > size - LENGTH_BYTES) {
      throw malformed(source, "the header length " + n + " exceeds the " + (size - LENGTH_BYTES)
          + " bytes that follow it");
    }
    byte[] header = bytes.read(LENGTH_BYTES, (int) n);
    if (n == 0 || header[0] != '{') {
      throw malformed(source, "the header must begin with '{', found "
          + (n == 0 ? "an empty header" : String.format(Locale.ROOT, "0x%02x", header[0] & 0xff)));
    }
    if (!isUtf8(header)) {
      throw malformed(source, "the header is not valid UTF-8");
    }
    // JSON holds no raw NUL, and Jackson would read a header with NULs among its first four bytes
    // as UTF-16 or UTF-32, without the byte offsets the padding check needs.
    for (int i = 0; i < header.length; i++) {
      if (header[i] == 0) {
        throw malformed(source, "the header has 0x00 at byte " + i + "; JSON text holds no NUL byte");
      }
    }
    long dataLength = size - LENGTH_BYTES - n;
    Parsed parsed = parse(header, source);
    List<Tensor> tensors = parsed.tensors();
    for (Tensor t : tensors) {
      checkTensor(t, dataLength, source);
    }
    checkTiling(tensors, dataLength, source);
    return new SafetensorsHeader(n, dataLength, tensors, parsed.metadata());
  }

  /** Whether {@code bytes} are UTF-8, decoded through a small buffer rather than into a copy. */
  private static boolean isUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    return !result.isError() && !decoder.flush(out.clear()).isError();
  }

  private record Parsed(List<Tensor> tensors, Map<String, String> metadata) {}

  private static Parsed parse(byte[] header, String source) throws ModelVerificationException {
    List<Tensor> tensors = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(header)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "the header", source);
      boolean seenMetadata = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken value = p.nextToken();
        if (METADATA_KEY.equals(key)) {
          seenMetadata = true;
          metadata = readMetadata(p, value, source);
        } else {
          tensors.add(readTensor(p, key, value, source));
        }
      }
      // The root object is closed; only space padding may follow (README: "MAY be trailing padded
      // with whitespace (0x20)").
      long end = p.currentLocation().getByteOffset();
      for (long i = end; i < header.length; i++) {
        if (header[(int) i] != ' ') {
          throw malformed(source, String.format(Locale.ROOT,
              "the header has 0x%02x at byte %d after its JSON object; only space (0x20) padding may follow",
              header[(int) i] & 0xff, i));
        }
      }
      if (!seenMetadata) {
        metadata = Map.of();
      }
    } catch (JsonParseException | StreamConstraintsException e) {
      throw malformed(source, "the header is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed(source, "the header is not valid JSON: " + e.getMessage());
    }
    return new Parsed(tensors, metadata);
  }

  private static Map<String, String> readMetadata(JsonParser p, JsonToken token, String source)
      throws IOException, ModelVerificationException {
    expect(token, JsonToken.START_OBJECT, "\"" + METADATA_KEY + "\"", source);
    Map<String, String> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      expect(p.nextToken(), JsonToken.VALUE_STRING, "\"" + METADATA_KEY + "\"." + quote(key), source);
      out.put(key, p.getText());
    }
    return out;
  }

  private static Tensor readTensor(JsonParser p, String name, JsonToken token, String source)
      throws IOException, ModelVerificationException {
    String what = "tensor " + quote(name);
    expect(token, JsonToken.START_OBJECT, what, source);
    Dtype dtype = null;
    List<Long> shape = null;
    List<Long> offsets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String member = p.currentName();
      JsonToken value = p.nextToken();
      switch (member) {
        case "dtype" -> {
          expect(value, JsonToken.VALUE_STRING, what + ".dtype", source);
          String text = p.getText();
          dtype = Dtype.of(text).orElseThrow(() -> malformed(source, what + ": dtype " + quote(text)
              + " is not a safetensors dtype (one of " + List.of(Dtype.values()) + ")"));
        }
        case "shape" -> shape = readIntegers(p, value, what + ".shape", "dimension", MAX_DIMENSIONS, source);
        case "data_offsets" -> {
          offsets = readIntegers(p, value, what + ".data_offsets", "offset", 2, source);
          if (offsets.size() != 2) {
            throw malformed(source, what + ": data_offsets must be [begin, end], found "
                + offsets.size() + " numbers");
          }
        }
        default -> throw malformed(source, what + ": unknown member " + quote(member)
            + " (a tensor has exactly dtype, shape and data_offsets)");
      }
    }
    if (dtype == null || shape == null || offsets == null) {
      throw malformed(source, what + ": missing " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
    }
    return new Tensor(name, dtype, shape, offsets.get(0), offsets.get(1));
  }

  /**
   * A JSON array of at most {@code max} non-negative integers that fit in a signed 64-bit value,
   * refused at the first element over {@code max}.
   */
  private static List<Long> readIntegers(JsonParser p, JsonToken token, String what, String element,
      int max, String source) throws IOException, ModelVerificationException {
    expect(token, JsonToken.START_ARRAY, what, source);
    List<Long> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (out.size() == max) {
        throw malformed(source, what + ": more than " + max + " " + element + "s");
      }
      String at = what + "[" + out.size() + "]";
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw malformed(source, at + ": expected a non-negative integer " + element + ", found "
            + describe(p, t));
      }
      if (p.getText().startsWith("-")) {
        throw malformed(source, at + ": negative " + element + " " + p.getText());
      }
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw malformed(source, at + ": " + element + " " + p.getText() + " is too large");
      }
      out.add(p.getLongValue());
    }
    return out;
  }

  private static void checkTensor(Tensor t, long dataLength, String source)
      throws ModelVerificationException {
    String what = "tensor " + quote(t.name());
    if (t.end() < t.begin()) {
      throw malformed(source, what + ": data_offsets " + range(t) + " end before they begin");
    }
    if (t.end() > dataLength) {
      throw malformed(source, what + ": data_offsets " + range(t) + " reach past the end of the data section ("
          + dataLength + " bytes)");
    }
    long elements = 1;
    long bits;
    try {
      for (long d : t.shape()) {
        elements = Math.multiplyExact(elements, d);
      }
      bits = Math.multiplyExact(elements, (long) t.dtype().bits());
    } catch (ArithmeticException e) {
      throw malformed(source, what + ": shape " + t.shape() + " of " + t.dtype()
          + " is larger than 64-bit sizes allow");
    }
    if (bits % 8 != 0) {
      throw malformed(source, what + ": " + elements + " elements of " + t.dtype() + " are " + bits
          + " bits, not a whole number of bytes");
    }
    if (bits / 8 != t.byteLength()) {
      throw malformed(source, what + ": dtype " + t.dtype() + " and shape " + t.shape() + " need "
          + bits / 8 + " bytes but data_offsets " + range(t) + " hold " + t.byteLength());
    }
  }

  /** In offset order the tensors must cover [0, dataLength) exactly once. */
  private static void checkTiling(List<Tensor> tensors, long dataLength, String source)
      throws ModelVerificationException {
    List<Tensor> sorted = new ArrayList<>(tensors);
    sorted.sort(Comparator.comparingLong(Tensor::begin).thenComparingLong(Tensor::end));
    long covered = 0;
    Tensor previous = null;
    for (Tensor t : sorted) {
      if (t.begin() < covered) {
        throw malformed(source, "tensors " + quote(previous.name()) + " " + range(previous) + " and "
            + quote(t.name()) + " " + range(t) + " overlap");
      }
      if (t.begin() > covered) {
        throw malformed(source, "no tensor covers data bytes [" + covered + ", " + t.begin() + ")"
            + (previous == null ? " before " : " between " + quote(previous.name()) + " and ")
            + quote(t.name()) + "; the format forbids holes");
      }
      covered = t.end();
      previous = t;
    }
    if (covered != dataLength) {
      throw malformed(source, "no tensor covers data bytes [" + covered + ", " + dataLength + ")"
          + (previous == null ? "" : " after " + quote(previous.name()))
          + "; the format forbids holes");
    }
  }

  private static void expect(JsonToken found, JsonToken expected, String what, String source)
      throws ModelVerificationException {
    if (found != expected) {
      throw malformed(source, what + " must be " + name(expected) + ", found " + name(found));
    }
  }

  private static String describe(JsonParser p, JsonToken t) throws IOException {
    if (t == null || !t.isScalarValue()) {
      return name(t);
    }
    String text = p.getText();
    return name(t) + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private static String name(JsonToken t) {
    if (t == null) {
      return "the end of the header";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a non-integer number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  private static String range(Tensor t) {
    return "[" + t.begin() + ", " + t.end() + "]";
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().limit(200).forEach(c -> {
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        sb.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    if (s.codePointCount(0, s.length()) > 200) {
      sb.append("...");
    }
    return sb.append('"').toString();
  }

  private static ModelVerificationException malformed(String source, String message) {
    return new ModelVerificationException(Reason.MALFORMED_MODEL,
        source + ": not a valid safetensors file: " + message);
  }

  /** The header length N from the first 8 bytes. */
  public long headerLength() {
    return headerLength;
  }

  /** Where the data section starts in the file: {@code 8 + N}. */
  public long dataOffset() {
    return LENGTH_BYTES + headerLength;
  }

  /** The size of the data section, which the tensors cover exactly. */
  public long dataLength() {
    return dataLength;
  }

  /** The tensors in header order (the order a writer chose; DJL keeps it too). */
  public List<Tensor> tensors() {
    return tensors;
  }

  /** The tensor named {@code name}, if any. */
  public Optional<Tensor> tensor(String name) {
    return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The {@code __metadata__} map, in header order; empty if absent. */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "SafetensorsHeader[" + tensors.size() + " tensors, " + dataLength + " data bytes, metadata "
        + metadata.keySet() + "]";
  }
}
