package dev.modelseal.djl;

import static dev.modelseal.djl.SafetensorsWriter.file;
import static dev.modelseal.djl.SafetensorsWriter.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import dev.modelseal.djl.SafetensorsHeader.Dtype;
import dev.modelseal.djl.SafetensorsHeader.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsHeaderTest {
  private static final byte[] F32_6 = new byte[24];
  private static final String SOURCE = "test.safetensors";

  private static SafetensorsHeader validate(byte[] file) throws ModelVerificationException {
    return SafetensorsHeader.validate(List.of(ByteBuffer.wrap(file)), SOURCE);
  }

  /** Asserts the file is refused as MALFORMED_MODEL with a message naming the source and every fragment. */
  private static void rejects(byte[] file, String... fragments) {
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class, () -> validate(file));
    assertThat(e).as("expected a refusal").isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
    assertThat(e.getMessage()).startsWith(SOURCE + ": not a valid safetensors file: ");
    for (String f : fragments) {
      assertThat(e.getMessage()).contains(f);
    }
  }

  private static byte[] header(String json, int dataBytes) {
    return file(json, new byte[dataBytes]);
  }

  private static String f32(String name, String shape, long begin, long end) {
    return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
  }

  // --- valid files ---

  @Test
  void acceptsAFileAsTheReferenceWriterLaysItOut() throws Exception {
    byte[] bytes = SafetensorsWriter.create()
        .metadata("format", "pt")
        .f32("weight", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)
        .i64("step", new long[] {}, 42)
        .bytes();
    SafetensorsHeader h = validate(bytes);
    assertThat(h.tensors()).containsExactly(
        new Tensor("weight", Dtype.F32, List.of(2L, 3L), 0, 24),
        new Tensor("step", Dtype.I64, List.of(), 24, 32));
    assertThat(h.metadata()).containsExactly(Map.entry("format", "pt"));
    assertThat(h.headerLength() % 8).isZero();
    assertThat(h.dataOffset()).isEqualTo(8 + h.headerLength());
    assertThat(h.dataLength()).isEqualTo(32);
    assertThat(h.tensor("step").orElseThrow().elementCount()).isEqualTo(1);
    assertThat(h.tensor("nope")).isEmpty();
  }

  @Test
  void acceptsTheReferenceWritersEmptyFile() throws Exception {
    // safetensors' test_empty: {} padded to 8 bytes, no data.
    byte[] bytes = {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '};
    SafetensorsHeader h = validate(bytes);
    assertThat(h.tensors()).isEmpty();
    assertThat(h.metadata()).isEmpty();
    assertThat(h.dataLength()).isZero();
  }

  @Test
  void acceptsEmptyTensorsAndScalarsAnywhereInOffsetOrder() throws Exception {
    String json = "{" + f32("b", "[2]", 4, 12) + "," + f32("empty", "[0,3]", 4, 4) + ","
        + f32("scalar", "[]", 0, 4) + "," + f32("tail", "[0]", 12, 12) + "}";
    assertThat(validate(header(json, 12)).tensors()).extracting(Tensor::name)
        .containsExactly("b", "empty", "scalar", "tail");
  }

  @Test
  void acceptsEverySpecDtypeWithItsSize() throws Exception {
    StringBuilder json = new StringBuilder("{");
    long offset = 0;
    for (Dtype d : Dtype.values()) {
      long bytes = 2L * 8 * d.bits() / 8; // 16 elements: whole bytes for the 4- and 6-bit types
      json.append(offset == 0 ? "" : ",").append("\"t_").append(d).append("\":{\"dtype\":\"").append(d)
          .append("\",\"shape\":[2,8],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
      offset += bytes;
    }
    assertThat(validate(header(json.append('}').toString(), (int) offset)).tensors()).hasSize(Dtype.values().length);
  }

  @Test
  void readsAcrossBufferBoundariesLikeOneFile() throws Exception {
    byte[] bytes = SafetensorsWriter.create().metadata("k", "v").f32("w", new long[] {6}, 1, 2, 3, 4, 5, 6).bytes();
    for (int chunk : new int[] {1, 3, 7, 64}) {
      List<ByteBuffer> buffers = new ArrayList<>();
      for (int i = 0; i < bytes.length; i += chunk) {
        buffers.add(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)).slice().asReadOnlyBuffer());
      }
      assertThat(SafetensorsHeader.validate(buffers, SOURCE).tensors()).isEqualTo(validate(bytes).tensors());
      assertThat(buffers).allSatisfy(b -> assertThat(b.position()).isZero());
    }
  }

  @Test
  void validatesTheVerifiedBytesOfAModel(@TempDir Path dir) throws Exception {
    byte[] bytes = SafetensorsWriter.create().f32("w", new long[] {1}, 7).bytes();
    try (VerifiedModel model = Signed.model(dir, "model.safetensors", bytes)) {
      assertThat(SafetensorsHeader.validate(model).tensors()).extracting(Tensor::name).containsExactly("w");
      byte[] bad = header("{" + f32("w", "[2]", 0, 4) + "}", 4);
      try (VerifiedModel badModel = Signed.model(dir.resolve("bad"), "bad.safetensors", bad)) {
        ModelVerificationException e =
            catchThrowableOfType(ModelVerificationException.class, () -> SafetensorsHeader.validate(badModel));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
        assertThat(e.getMessage()).contains("bad.safetensors").contains("need 8 bytes");
      }
    }
  }

  // --- the length prefix ---

  @Test
  void refusesAFileShorterThanTheLengthPrefix() {
    rejects(new byte[] {2, 0, 0}, "3 bytes, shorter than the 8-byte header length");
  }

  @Test
  void refusesAHeaderLengthBeyondTheFile() {
    rejects(raw(1000, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
        "header length 1000 exceeds the 2 bytes that follow it");
    rejects(raw(11, "{}        ".getBytes(StandardCharsets.US_ASCII), new byte[0]), "header length 11 exceeds the 10 bytes");
  }

  @ParameterizedTest
  @ValueSource(longs = {-1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40, 100_000_001L})
  void refusesHugeHeaderLengthsBeforeAllocatingAnything(long length) {
    // 16 bytes on disk: only a bounds check stands between such a length and an allocation of it.
    rejects(raw(length, "{}      ".getBytes(StandardCharsets.US_ASCII), new byte[0]),
        "header length " + Long.toUnsignedString(length) + " exceeds the limit of 100000000 bytes");
  }

  @Test
  void acceptsAHeaderOfExactlyTheLimitShapeButChecksTheFileFirst() {
    rejects(raw(100_000_000L, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
        "header length 100000000 exceeds the 2 bytes that follow it");
  }

  // --- the header text ---

  @ParameterizedTest
  @ValueSource(strings = {"{not json}", "{\"a\":}", "{\"a\":{\"dtype\":\"F32\",}}", "{'a':1}", "{\"a\":NaN}", "{\"a\""})
  void refusesAHeaderThatIsNotJson(String json) {
    rejects(header(json, 0), "the header is not valid JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {" {}", "[]", "\"{}\"", "\n{}"})
  void refusesAHeaderThatDoesNotBeginWithABrace(String json) {
    rejects(header(json, 0), "the header must begin with '{', found 0x");
  }

  @Test
  void refusesAnEmptyHeader() {
    rejects(raw(0, new byte[0], new byte[0]), "must begin with '{', found an empty header");
  }

  @Test
  void refusesAnythingButSpacesAfterTheObject() {
    rejects(raw(4, "{}\n ".getBytes(StandardCharsets.US_ASCII), new byte[0]),
        "0x0a at byte 2 after its JSON object; only space (0x20) padding may follow");
    rejects(raw(6, "{}{}  ".getBytes(StandardCharsets.US_ASCII), new byte[0]), "0x7b at byte 2");
    rejects(raw(3, new byte[] {'{', '}', 0}, new byte[0]), "0x00 at byte 2");
  }

  @Test
  void refusesAHeaderThatJacksonWouldReadAsUtf16OrUtf32() {
    // Found by LoaderFuzzTest.safetensorsHeader: "{" then three NULs is UTF-32LE to Jackson's
    // encoding detection, and "{" then one NUL UTF-16LE; both once escaped as an index error.
    rejects(raw(8, new byte[] {'{', 0, 0, 0, '}', 0, 0, 0}, new byte[0]), "0x00 at byte 1", "no NUL byte");
    rejects(raw(4, new byte[] {'{', 0, '}', 0}, new byte[0]), "0x00 at byte 1");
  }

  @Test
  void refusesAHeaderThatIsNotUtf8() {
    byte[] json = "{\"__metadata__\":{\"k\":\"v?\"}}".getBytes(StandardCharsets.US_ASCII);
    json[json.length - 4] = (byte) 0xC3; // a lead byte followed by '"' is not UTF-8
    rejects(raw(json.length, json, new byte[0]), "the header is not valid UTF-8");
    byte[] overlong = "{\"__metadata__\":{\"k\":\"??\"}}".getBytes(StandardCharsets.US_ASCII);
    overlong[overlong.length - 5] = (byte) 0xC0; // overlong encoding of '/'
    overlong[overlong.length - 4] = (byte) 0xAF;
    rejects(raw(overlong.length, overlong, new byte[0]), "not valid UTF-8");
  }

  @Test
  void refusesDuplicateKeysAtEveryLevel() {
    rejects(header("{" + f32("w", "[1]", 0, 4) + "," + f32("w", "[1]", 4, 8) + "}", 8),
        "not valid JSON", "Duplicate field 'w'");
    rejects(header("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
        "Duplicate field 'dtype'");
    rejects(header("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0), "Duplicate field 'a'");
    rejects(header("{\"__metadata__\":{},\"__metadata__\":{}}", 0), "Duplicate field '__metadata__'");
  }

  // --- tensors ---

  @ParameterizedTest
  @ValueSource(strings = {"F33", "f32", "float32", "", "Q4_0"})
  void refusesADtypeOutsideTheSpec(String dtype) {
    rejects(header("{\"w\":{\"dtype\":\"" + dtype + "\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
        "tensor \"w\": dtype \"" + dtype + "\" is not a safetensors dtype");
  }

  @Test
  void refusesADtypeThatIsNotAString() {
    rejects(header("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
        "tensor \"w\".dtype must be a string, found an integer");
  }

  @Test
  void refusesOffsetsThatDisagreeWithShapeAndDtype() {
    rejects(header("{" + f32("w", "[2,3]", 0, 20) + "}", 20),
        "tensor \"w\": dtype F32 and shape [2, 3] need 24 bytes but data_offsets [0, 20] hold 20");
    rejects(header("{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,12]}}", 12), "need 24 bytes");
    rejects(header("{" + f32("empty", "[0]", 0, 4) + "}", 4), "need 0 bytes but data_offsets [0, 4] hold 4");
  }

  @Test
  void refusesSubByteTensorsThatEndMidByte() {
    rejects(header("{\"w\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", 2),
        "3 elements of F4 are 12 bits, not a whole number of bytes");
  }

  @Test
  void refusesOverlappingTensors() {
    rejects(header("{" + f32("a", "[4]", 0, 16) + "," + f32("b", "[4]", 8, 24) + "}", 24),
        "tensors \"a\" [0, 16] and \"b\" [8, 24] overlap");
    rejects(header("{" + f32("a", "[4]", 0, 16) + "," + f32("same", "[4]", 0, 16) + "}", 16), "overlap");
    rejects(header("{" + f32("a", "[4]", 0, 16) + "," + f32("inside", "[0]", 8, 8) + "}", 16),
        "\"a\" [0, 16] and \"inside\" [8, 8] overlap");
  }

  @Test
  void refusesOffsetsOutsideTheDataSection() {
    rejects(header("{" + f32("w", "[100]", 0, 400) + "}", 24),
        "tensor \"w\": data_offsets [0, 400] reach past the end of the data section (24 bytes)");
    rejects(header("{" + f32("w", "[2]", 16, 8) + "}", 16), "data_offsets [16, 8] end before they begin");
  }

  @Test
  void refusesNegativeDimensionsAndOffsets() {
    rejects(header("{" + f32("w", "[-1,2]", 0, 8) + "}", 8), "tensor \"w\".shape[0]: negative dimension -1");
    rejects(header("{" + f32("w", "[2,-0]", 0, 0) + "}", 0), "tensor \"w\".shape[1]: negative dimension -0");
    rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 0), "negative offset -4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[2.0]", "[1e1]", "[\"2\"]", "[true]", "[null]", "[[2]]", "{}", "2"})
  void refusesDimensionsThatAreNotIntegers(String shape) {
    rejects(header("{" + f32("w", shape, 0, 8) + "}", 8), "tensor \"w\".shape");
  }

  @Test
  void refusesNumbersBeyond64Bits() {
    rejects(header("{" + f32("w", "[18446744073709551616]", 0, 8) + "}", 8), "dimension 18446744073709551616 is too large");
    rejects(header("{" + f32("w", "[4294967296,4294967296,16]", 0, 8) + "}", 8),
        "shape [4294967296, 4294967296, 16] of F32 is larger than 64-bit sizes allow");
  }

  @Test
  void refusesMoreDimensionsThanNumPyAllows() throws Exception {
    String ones = "1,".repeat(SafetensorsHeader.MAX_DIMENSIONS - 1) + "1";
    assertThat(validate(header("{" + f32("w", "[" + ones + "]", 0, 4) + "}", 4)).tensors().get(0).shape())
        .hasSize(SafetensorsHeader.MAX_DIMENSIONS);
    rejects(header("{" + f32("w", "[" + ones + ",1]", 0, 4) + "}", 4), "tensor \"w\".shape: more than 64 dimensions");
    // Refused at the 65th, not after reading a shape far longer than any model's.
    rejects(header("{" + f32("w", "[" + "0,".repeat(5_000_000) + "0]", 0, 0) + "}", 0), "more than 64 dimensions");
  }

  @Test
  void checksUtf8ThroughTheWholeHeader() throws Exception {
    // Past the decoder's 8192-char buffer: a 2-byte character across its edge, a bad byte after it.
    String value = "a".repeat(8191 - "{\"__metadata__\":{\"k\":\"".length()) + "\u00e9" + "a".repeat(20_000);
    byte[] json = ("{\"__metadata__\":{\"k\":\"" + value + "\"}}").getBytes(StandardCharsets.UTF_8);
    assertThat(validate(raw(json.length, json, new byte[0])).metadata()).containsEntry("k", value);
    json[json.length - 10] = (byte) 0xFF;
    rejects(raw(json.length, json, new byte[0]), "the header is not valid UTF-8");
  }

  @Test
  void refusesHolesBetweenBeforeAndAfterTensors() {
    rejects(header("{" + f32("a", "[2]", 0, 8) + "," + f32("b", "[2]", 12, 20) + "}", 20),
        "no tensor covers data bytes [8, 12) between \"a\" and \"b\"; the format forbids holes");
    rejects(header("{" + f32("a", "[2]", 4, 12) + "}", 12), "no tensor covers data bytes [0, 4) before \"a\"");
    rejects(header("{" + f32("a", "[2]", 0, 8) + "}", 10), "no tensor covers data bytes [8, 10) after \"a\"");
    rejects(header("{}", 3), "no tensor covers data bytes [0, 3);");
  }

  @Test
  void refusesTensorEntriesThatAreNotExactlyDtypeShapeOffsets() {
    rejects(header("{\"w\":5}", 0), "tensor \"w\" must be an object, found an integer");
    rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "tensor \"w\": missing data_offsets");
    rejects(header("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor \"w\": missing dtype");
    rejects(header("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "tensor \"w\": missing shape");
    rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"offset\":0}}", 4),
        "tensor \"w\": unknown member \"offset\"");
    rejects(header("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,2,4]}}", 4),
        "tensor \"w\".data_offsets: more than 2 offsets");
  }

  @Test
  void refusesMetadataThatIsNotAStringMap() {
    rejects(header("{\"__metadata__\":{\"epoch\":3}}", 0), "\"__metadata__\".\"epoch\" must be a string, found an integer");
    rejects(header("{\"__metadata__\":{\"nested\":{}}}", 0), "must be a string, found an object");
    rejects(header("{\"__metadata__\":null}", 0), "\"__metadata__\" must be an object, found null");
    rejects(header("{\"__metadata__\":[\"a\"]}", 0), "must be an object, found an array");
  }

  @Test
  void quotesHostileNamesInMessages() {
    rejects(header("{\"evil\\nname\\\"\":{\"dtype\":\"X\",\"shape\":[],\"data_offsets\":[0,0]}}", 0),
        "tensor \"evil\\u000aname\\u0022\"");
  }
}
