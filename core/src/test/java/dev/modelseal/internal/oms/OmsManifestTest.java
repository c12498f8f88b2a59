package dev.modelseal.internal.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every refusal of {@link OmsManifest#parse} and {@link OmsManifest#checkRootDigest}, with its Reason. */
class OmsManifestTest {
  private static Map<String, byte[]> files() {
    Map<String, byte[]> f = new TreeMap<>();
    f.put("a.bin", "0123456789abcdefXYZ".getBytes(StandardCharsets.US_ASCII));
    f.put("d/b.txt", "b".getBytes(StandardCharsets.US_ASCII));
    return f;
  }

  private static OmsManifest parse(long shardSize, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode json = TestManifests.json(files(), OmsHash.SHA256, shardSize);
    edit.accept(json);
    return OmsManifest.parse(TestManifests.statement(json), "test");
  }

  private static void refused(long shardSize, Consumer<ObjectNode> edit, Reason reason) {
    assertThatThrownBy(() -> parse(shardSize, edit)).isInstanceOfSatisfying(ModelVerificationException.class,
        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
  }

  private static ObjectNode ser(ObjectNode j) {
    return (ObjectNode) j.at("/predicate/serialization");
  }

  private static ObjectNode resource(ObjectNode j, int i) {
    return (ObjectNode) j.at("/predicate/resources/" + i);
  }

  private static void rename(ObjectNode j, int i, String name) {
    resource(j, i).put("name", name);
  }

  @Test
  void aWellFormedManifestParsesWithItsFields() throws Exception {
    OmsManifest m = parse(8, j -> { });
    assertThat(m.method()).isEqualTo(OmsManifest.Method.SHARDS);
    assertThat(m.shardSize()).isEqualTo(8);
    assertThat(m.resources()).extracting(OmsManifest.Resource::name)
        .containsExactly("a.bin:0:8", "a.bin:8:16", "a.bin:16:19", "d/b.txt:0:1");
    m.checkRootDigest();
  }

  @Test
  void unknownPredicateMethodAndHashAreUnsupported() {
    refused(0, j -> j.put("predicateType", "https://model_signing/signature/v2.0"), Reason.UNSUPPORTED_FORMAT);
    refused(0, j -> ser(j).put("method", "tensors"), Reason.UNSUPPORTED_FORMAT);
    refused(0, j -> ser(j).put("hash_type", "md5"), Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void wrongTypesAndMissingFieldsAreMalformed() {
    refused(0, j -> ser(j).put("allow_symlinks", "false"), Reason.MALFORMED_BUNDLE);
    refused(0, j -> ser(j).remove("hash_type"), Reason.MALFORMED_BUNDLE);
    refused(0, j -> ((ObjectNode) j.get("predicate")).remove("resources"), Reason.MALFORMED_BUNDLE);
    refused(0, j -> resource(j, 0).put("digest", 5), Reason.MALFORMED_BUNDLE);
    refused(0, j -> ((ArrayNode) j.get("subject")).addObject().put("name", "x").putObject("digest")
        .put("sha256", "00".repeat(32)), Reason.MALFORMED_BUNDLE);
    refused(0, j -> ((ObjectNode) j.at("/subject/0/digest")).put("sha256", "ab"), Reason.MALFORMED_BUNDLE);
  }

  @Test
  void digestsMustBeHexOfTheAlgorithmsLength() {
    refused(0, j -> resource(j, 0).put("digest", "00".repeat(31)), Reason.MALFORMED_BUNDLE);
    refused(0, j -> resource(j, 0).put("digest", "zz".repeat(32)), Reason.MALFORMED_BUNDLE);
    refused(0, j -> resource(j, 0).put("digest", "\uff10".repeat(64)), Reason.MALFORMED_BUNDLE);
    refused(0, j -> {
      ser(j).put("hash_type", "blake2b");
      resource(j, 0).put("algorithm", "blake2b");
      resource(j, 1).put("algorithm", "blake2b");
    }, Reason.MALFORMED_BUNDLE);
  }

  @Test
  void theResourceAlgorithmMustMatchTheSerialization() {
    refused(0, j -> resource(j, 0).put("algorithm", "blake3"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> resource(j, 0).put("algorithm", "sha256-sharded-9"), Reason.MALFORMED_BUNDLE);
  }

  @Test
  void duplicateNamesAndTooManyResourcesAreMalformed() {
    refused(0, j -> rename(j, 1, "a.bin"), Reason.MALFORMED_BUNDLE);
    refused(0, j -> {
      ArrayNode rs = (ArrayNode) j.at("/predicate/resources");
      for (int i = 0; i < OmsManifest.MAX_RESOURCES; i++) {
        rs.addObject().put("name", "f" + i).put("algorithm", "sha256").put("digest", "00".repeat(32));
      }
    }, Reason.MALFORMED_BUNDLE);
  }

  @Test
  void unsafeNamesAreRefused() {
    for (String name : new String[] {"../x", "d/../x", "/etc/passwd", "d//x", "d/./x", "d\\x", "x\0", "", "d/"}) {
      refused(0, j -> rename(j, 1, name), Reason.UNSAFE_PATH);
    }
    refused(0, j -> rename(j, 1, "."), Reason.UNSAFE_PATH);
    refused(8, j -> rename(j, 3, "../b.txt:0:1"), Reason.UNSAFE_PATH);
  }

  @Test
  void shardsMustTileEachFile() {
    refused(8, j -> rename(j, 1, "a.bin:9:16"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> rename(j, 1, "a.bin:7:16"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> rename(j, 0, "a.bin:1:8"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> rename(j, 2, "a.bin:16:25"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> rename(j, 1, "a.bin:08:16"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> rename(j, 1, "a.bin:8:-16"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> rename(j, 1, "a.bin"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> rename(j, 3, "d/b.txt:1:1"), Reason.MALFORMED_BUNDLE);
  }

  @Test
  void theShardSizeMayBeAFloatButMustBeAPositiveWholeNumber() throws Exception {
    assertThat(parse(8, j -> ser(j).put("shard_size", 8)).shardSize()).isEqualTo(8);
    refused(8, j -> ser(j).put("shard_size", 8.5), Reason.MALFORMED_BUNDLE);
    refused(8, j -> ser(j).put("shard_size", 0), Reason.MALFORMED_BUNDLE);
    refused(8, j -> ser(j).put("shard_size", "8"), Reason.MALFORMED_BUNDLE);
    refused(8, j -> ser(j).remove("shard_size"), Reason.MALFORMED_BUNDLE);
  }

  @Test
  void ignorePathsAreNormalisedAndMayNotNameTheModel() throws Exception {
    OmsManifest m = parse(0, j -> ser(j).putArray("ignore_paths").add("./x/").add("/abs").add("../up").add("a//b"));
    assertThat(m.ignorePaths()).containsExactly("x", "a/b");
    refused(0, j -> ser(j).putArray("ignore_paths").add("."), Reason.MALFORMED_BUNDLE);
    refused(0, j -> ser(j).putArray("ignore_paths").add(3), Reason.MALFORMED_BUNDLE);
  }

  @Test
  void aTamperedRootDigestIsADigestMismatch() throws Exception {
    OmsManifest m = parse(0, j -> ((ObjectNode) j.at("/subject/0/digest")).put("sha256", "11".repeat(32)));
    assertThatThrownBy(m::checkRootDigest).isInstanceOfSatisfying(ModelVerificationException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
    OmsManifest reordered = parse(0, j -> {
      ArrayNode rs = (ArrayNode) j.at("/predicate/resources");
      rs.add(rs.remove(0));
    });
    assertThatThrownBy(reordered::checkRootDigest).isInstanceOfSatisfying(ModelVerificationException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
  }
}
