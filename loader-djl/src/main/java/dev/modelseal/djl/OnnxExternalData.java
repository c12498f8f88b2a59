package dev.modelseal.djl;

import dev.modelseal.VerifiedFile;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.nio.charset.StandardCharsets;

/**
 * Refuses ONNX models whose tensors keep their data outside the model file ("external data",
 * {@code TensorProto.data_location = EXTERNAL} or {@code external_data} entries). ONNX Runtime
 * resolves such a location against the working directory, or takes it as an absolute path, when
 * the model comes from bytes (checked with ONNX Runtime 1.21.1 and optimizations off: it read the
 * tensor from an unverified file), so the weights that run would not be the weights that were
 * verified. Until a signed directory can supply those files from verified bytes, such a model is
 * not loaded.
 *
 * <p>Walks only the protobuf messages that can hold tensors (onnx.proto field numbers):
 * ModelProto.graph (7), training_info (20), functions (25); TrainingInfoProto.initialization (1),
 * algorithm (2); GraphProto.node (1), initializer (5), sparse_initializer (15); NodeProto.attribute
 * (5); FunctionProto.node (7), attribute_proto (11); AttributeProto.t (5), g (6), tensors (10),
 * graphs (11), sparse_tensor (22), sparse_tensors (23); SparseTensorProto.values (1), indices (2).
 * Raw tensor data is skipped, not read.
 *
 * <p>Reads the wire format as the protobuf C++ runtime that ONNX Runtime parses with does
 * ({@code parse_context.h}), so that it sees the fields ONNX Runtime sees: a tag is a {@code uint32}
 * of at most 5 bytes ({@code ReadTag}) and a length at most 5 bytes below 2 GiB ({@code ReadSize}),
 * where protobuf fails on anything longer; a value is a varint of at most 10 bytes, and an enum such
 * as {@code data_location} is that value cast to {@code int32}, so {@code 2^32 + 1} is EXTERNAL.
 * Where protobuf would silently drop bits (a tag's bits above 32) the model is refused instead, as
 * is field number 0 and every wire type but 0, 1, 2 and 5.
 */
final class OnnxExternalData {
  /** Nested subgraphs deeper than this are refused rather than walked (ONNX nests a handful). */
  static final int MAX_DEPTH = 100;
  private static final int EXTERNAL = 1;

  private enum Kind { MODEL, TRAINING_INFO, GRAPH, NODE, FUNCTION, ATTRIBUTE, SPARSE_TENSOR, TENSOR }

  private final ChunkedBytes bytes;
  private final String source;
  private long pos;

  private OnnxExternalData(ChunkedBytes bytes, String source) {
    this.bytes = bytes;
    this.source = source;
  }

  /** Throws unless no tensor of the ONNX model in {@code file} refers to external data. */
  static void requireNone(VerifiedFile file) throws ModelVerificationException {
    requireNone(new ChunkedBytes(file.buffers()), file.name());
  }

  static void requireNone(ChunkedBytes bytes, String source) throws ModelVerificationException {
    OnnxExternalData scan = new OnnxExternalData(bytes, source);
    scan.message(Kind.MODEL, bytes.size(), 0);
  }

  private void message(Kind kind, long end, int depth) throws ModelVerificationException {
    if (depth > MAX_DEPTH) {
      throw malformed("messages nest deeper than " + MAX_DEPTH + " levels");
    }
    String tensorName = null;
    String location = null;
    boolean external = false;
    while (pos < end) {
      int key = tag(end);
      int field = key >>> 3;
      switch (key & 7) {
        case 0 -> {
          long value = varint(end);
          // protobuf reads an enum as a 64-bit varint and casts it to int (proto2: IsValid(int)).
          if (kind == Kind.TENSOR && field == 14 && (int) value == EXTERNAL) {
            external = true;
          }
        }
        case 1 -> skip(8, end);
        case 5 -> skip(4, end);
        case 2 -> {
          long length = length(end);
          long fieldEnd = pos + length;
          Kind child = child(kind, field);
          if (child != null) {
            message(child, fieldEnd, depth + 1);
          } else if (kind == Kind.TENSOR && field == 8 && length <= 4096) {
            tensorName = string(length);
          } else if (kind == Kind.TENSOR && field == 13) {
            external = true;
            String entry = locationOf(fieldEnd);
            location = location == null ? entry : location;
          }
          pos = fieldEnd;
        }
      }
    }
    if (pos != end) {
      throw malformed("a field runs past the end of its message at byte " + end);
    }
    if (external) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, source + ": tensor "
          + (tensorName == null ? "(unnamed)" : "\"" + tensorName + "\"") + " keeps its data outside the model"
          + (location == null ? "" : " (external data at \"" + location + "\")")
          + "; those bytes were not verified, so ONNX external data is not loaded");
    }
  }

  private static Kind child(Kind parent, int field) {
    return switch (parent) {
      case MODEL -> field == 7 ? Kind.GRAPH : field == 20 ? Kind.TRAINING_INFO : field == 25 ? Kind.FUNCTION : null;
      case TRAINING_INFO -> field == 1 || field == 2 ? Kind.GRAPH : null;
      case GRAPH -> field == 1 ? Kind.NODE : field == 5 ? Kind.TENSOR : field == 15 ? Kind.SPARSE_TENSOR : null;
      case NODE -> field == 5 ? Kind.ATTRIBUTE : null;
      case FUNCTION -> field == 7 ? Kind.NODE : field == 11 ? Kind.ATTRIBUTE : null;
      case ATTRIBUTE -> switch (field) {
        case 5, 10 -> Kind.TENSOR;
        case 6, 11 -> Kind.GRAPH;
        case 22, 23 -> Kind.SPARSE_TENSOR;
        default -> null;
      };
      case SPARSE_TENSOR -> field == 1 || field == 2 ? Kind.TENSOR : null;
      case TENSOR -> null;
    };
  }

  /** The value of a StringStringEntryProto (key = 1, value = 2) whose key is "location", else null. */
  private String locationOf(long end) throws ModelVerificationException {
    String key = null;
    String value = null;
    while (pos < end) {
      int tag = tag(end);
      if ((tag & 7) != 2) {
        throw malformed("an external_data entry has a field of wire type " + (tag & 7));
      }
      long length = length(end);
      long fieldEnd = pos + length;
      String text = length <= 4096 ? string(length) : null;
      if (tag >>> 3 == 1) {
        key = text;
      } else if (tag >>> 3 == 2) {
        value = text;
      }
      pos = fieldEnd;
    }
    return "location".equals(key) ? value : null;
  }

  private String string(long length) {
    return new String(bytes.read(pos, (int) length), StandardCharsets.UTF_8);
  }

  /**
   * A tag as protobuf's {@code ReadTag} decodes it, refused where protobuf would fail or drop bits:
   * more than 5 bytes, bits above 32, field number 0, or a wire type other than 0, 1, 2 or 5 (3 and
   * 4 are groups, which ONNX does not use; 6 and 7 do not exist).
   */
  private int tag(long end) throws ModelVerificationException {
    long start = pos;
    long value = shortVarint(end, "a tag");
    if (value > 0xFFFF_FFFFL) {
      throw malformed("the tag at byte " + start + " has bits above 32, which protobuf would drop");
    }
    int tag = (int) value;
    int wireType = tag & 7;
    if (tag >>> 3 == 0) {
      throw malformed("field number 0 at byte " + start);
    }
    if (wireType != 0 && wireType != 1 && wireType != 2 && wireType != 5) {
      throw malformed("wire type " + wireType + " at byte " + start
          + " (groups and invalid types do not occur in ONNX)");
    }
    return tag;
  }

  /**
   * The length of a length-delimited field, within its message; protobuf's {@code ReadSize} reads
   * at most 5 bytes and fails from 2 GiB on (no ONNX model read from bytes is that large).
   */
  private long length(long end) throws ModelVerificationException {
    long start = pos;
    long length = shortVarint(end, "a length");
    if (length > Integer.MAX_VALUE) {
      throw malformed("a length of " + length + " bytes at byte " + start + " is 2 GiB or more");
    }
    if (length > end - pos) {
      throw malformed("a field of " + length + " bytes at byte " + pos + " runs past the end of its message");
    }
    return length;
  }

  /** A varint of at most 5 bytes (35 bits), as protobuf reads tags and lengths. */
  private long shortVarint(long end, String what) throws ModelVerificationException {
    long start = pos;
    long value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= end) {
        throw malformed("a varint runs past the end of its message at byte " + pos);
      }
      int b = bytes.get(pos++);
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw malformed(what + " at byte " + start + " is longer than 5 bytes, which protobuf refuses");
  }

  /** A value varint as protobuf's {@code VarintParse} reads it: at most 10 bytes, 64 bits kept. */
  private long varint(long end) throws ModelVerificationException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw malformed("a varint runs past the end of its message at byte " + pos);
      }
      int b = bytes.get(pos++);
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw malformed("a varint longer than 10 bytes ends at byte " + pos);
  }

  private void skip(long n, long end) throws ModelVerificationException {
    if (n > end - pos) {
      throw malformed("a fixed-size field runs past the end of its message at byte " + pos);
    }
    pos += n;
  }

  private ModelVerificationException malformed(String message) {
    return new ModelVerificationException(Reason.MALFORMED_MODEL,
        source + ": not a well-formed ONNX model (protobuf): " + message);
  }
}
