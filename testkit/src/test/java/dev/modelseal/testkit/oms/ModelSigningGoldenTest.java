package dev.modelseal.testkit.oms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.internal.CodePoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statements {@link ModelSigning} produces equal model_signing's own: upstream's golden
 * payloads for its test fixtures (recreated here from tests/conftest.py), the payloads of the
 * signatures released versions wrote, and the project's synthetic vectors.
 *
 * <p>Precisely how they may differ: upstream's golden payloads were made with {@code
 * allow_symlinks=True} and a serializer given no ignore paths, so they are compared with {@code
 * withAllowSymlinks(true).withIgnorePathsRecorded(false)}, and then as whole JSON trees, exactly
 * (resource order included: for these fixtures Python's path-component order and code point order
 * agree; {@code shard_size} as the float {@code 8.0}/{@code 1000000000.0}), except that with
 * 8-byte shards of files over 16 bytes Python lists {@code f:8:16} before {@code f:16:23}: there the
 * golden resources are put in code point order and its root digest recomputed over that order
 * before the exact comparison. Signatures written by
 * model_signing 1.1 record {@code ignore_paths} from a Python set, in no fixed order, so those are
 * compared as sets; and where the synthetic vectors use Python order (or shard offsets of
 * different lengths) resources are compared as sets, with ours checked to be in code point order.
 */
class ModelSigningGoldenTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}{1}")
  @CsvSource({
      "sample_model_folder,", "sample_model_folder,_shard", "sample_model_folder,_small_shards",
      "sample_model_file,", "sample_model_file,_shard", "sample_model_file,_small_shards",
      "deep_model_folder,", "deep_model_folder,_shard", "deep_model_folder,_small_shards",
      "empty_model_folder,", "empty_model_folder,_shard", "empty_model_folder,_small_shards",
      "empty_model_file,", "empty_model_file,_shard", "empty_model_file,_small_shards",
      "model_folder_with_empty_file,", "model_folder_with_empty_file,_shard",
      "model_folder_with_empty_file,_small_shards",
      "symlink_model_folder,", "symlink_model_folder,_shard", "symlink_model_folder,_small_shards",
  })
  void statementEqualsUpstreamGoldenPayload(String fixture, String variant) throws IOException {
    String suffix = variant == null ? "" : variant;
    Path golden = OmsVectors.dir()
        .resolve("model-transparency/tests/_signing/testdata/signing/TestPayload/" + fixture + suffix);
    ModelSigning signing = switch (suffix) {
      case "_shard" -> ModelSigning.shards();
      case "_small_shards" -> ModelSigning.shards(8);
      default -> ModelSigning.files();
    };
    Path model = fixture(fixture);

    String statement = signing.withAllowSymlinks(true).withIgnorePathsRecorded(false).statement(model);

    JsonNode expected = OmsVectors.json(golden);
    if (!names(expected).equals(sortedByCodePoints(names(expected)))) {
      // Python orders shards by offset (f:8:16 before f:16:23); listed in code point order
      // instead, the root digest is over the same digests in that order.
      assertThat(fixture + suffix).isIn("sample_model_folder_small_shards", "sample_model_file_small_shards",
          "symlink_model_folder_small_shards");
      expected = inCodePointOrder(expected);
    }
    assertThat(OmsVectors.json(statement)).isEqualTo(expected);
  }

  @Test
  void recordsTheDefaultIgnoresAndTheSignatureInsideTheModel() throws IOException {
    Path model = fixture("sample_model_folder");

    JsonNode recorded = OmsVectors.json(ModelSigning.files().statement(model));
    JsonNode unrecorded = OmsVectors.json(ModelSigning.files().withIgnorePathsRecorded(false).statement(model));

    assertThat(texts(recorded.at("/predicate/serialization/ignore_paths")))
        .containsExactly(".git", ".gitattributes", ".github", ".gitignore", "model.sig");
    ((ObjectNode) recorded.at("/predicate/serialization")).remove("ignore_paths");
    assertThat(recorded).isEqualTo(unrecorded);
  }

  @ParameterizedTest
  @CsvSource({"v1.1.0-certificate", "v1.1.0-elliptic-key"})
  void statementEqualsWhatModelSigning11SignedForItsOwnTestFolder(String folder) throws IOException {
    Path model = OmsVectors.dir().resolve("model-transparency/scripts/tests/" + folder);
    JsonNode signed = OmsVectors.payload(OmsVectors.json(model.resolve("model.sig")));

    JsonNode ours = OmsVectors.json(ModelSigning.files().withIgnorePaths("ignore-me")
        .statement(model, model.resolve("model.sig")));

    assertThat(ours.get("subject")).isEqualTo(signed.get("subject"));
    assertThat(ours.get("predicateType")).isEqualTo(signed.get("predicateType"));
    assertThat(ours.at("/predicate/resources")).isEqualTo(signed.at("/predicate/resources"));
    assertThat(texts(ours.at("/predicate/serialization/ignore_paths")))
        .containsExactlyInAnyOrderElementsOf(texts(signed.at("/predicate/serialization/ignore_paths")));
    assertThat(withoutIgnorePaths(ours.at("/predicate/serialization")))
        .isEqualTo(withoutIgnorePaths(signed.at("/predicate/serialization")));
  }

  @ParameterizedTest
  @CsvSource({
      "blake2b-files,files,0,BLAKE2B", "shards-size8-float,shards,8,SHA256",
      "shards-size1-13pieces,shards,1,SHA256", "ordering-pathlib-vs-codepoint,files,0,SHA256",
      "p256-key-files,files,0,SHA256",
  })
  void statementEqualsTheSyntheticVectorsUpToResourceOrder(String name, String method, long shardSize,
      HashType hashType) throws IOException {
    Path vector = OmsVectors.dir().resolve("synthetic/" + name);
    JsonNode expected = OmsVectors.json(vector.resolve("statement.json"));
    ModelSigning signing = method.equals("shards") ? ModelSigning.shards(shardSize) : ModelSigning.files();

    JsonNode ours = OmsVectors.json(
        signing.withHashType(hashType).statement(vector.resolve("model"), vector.resolve("model.sig")));

    assertThat(ours.at("/predicate/resources")).containsExactlyInAnyOrderElementsOf(expected.at("/predicate/resources"));
    assertThat(names(ours)).isSortedAccordingTo(CodePoints::compare);
    assertThat(withoutIgnorePaths(ours.at("/predicate/serialization")))
        .isEqualTo(withoutIgnorePaths(expected.at("/predicate/serialization")));
    assertThat(texts(ours.at("/predicate/serialization/ignore_paths")))
        .containsExactlyInAnyOrderElementsOf(texts(expected.at("/predicate/serialization/ignore_paths")));
    if (ours.at("/predicate/resources").equals(expected.at("/predicate/resources"))) {
      assertThat(ours.get("subject")).isEqualTo(expected.get("subject"));
    } else {
      assertThat(ours.at("/subject/0/name")).isEqualTo(expected.at("/subject/0/name"));
    }
  }

  @Test
  void singleFileVectorIsNamedDotAndItsSubjectByTheFile() throws IOException {
    Path vector = OmsVectors.dir().resolve("synthetic/single-file-dot-name");
    JsonNode expected = OmsVectors.json(vector.resolve("statement.json"));

    JsonNode ours = OmsVectors.json(
        ModelSigning.files().statement(vector.resolve("model/model.gguf"), vector.resolve("model.sig")));

    assertThat(ours.get("subject")).isEqualTo(expected.get("subject"));
    assertThat(ours.at("/predicate/resources")).isEqualTo(expected.at("/predicate/resources"));
  }

  private Path fixture(String name) throws IOException {
    switch (name) {
      case "sample_model_file" -> {
        return Files.writeString(dir.resolve("file_model"), "This is a simple model");
      }
      case "empty_model_file" -> {
        return Files.write(dir.resolve("empty_file_model"), new byte[0]);
      }
      case "sample_model_folder" -> {
        Path root = Files.createDirectory(dir.resolve("sample_model"));
        for (int i = 0; i < 2; i++) {
          Path sub = Files.createDirectory(root.resolve("d" + i));
          for (int j = 0; j < 3; j++) {
            write(sub.resolve("f" + i + j), "This is file f" + i + j + " in d" + i + ".");
          }
        }
        for (int i = 0; i < 4; i++) {
          write(root.resolve("f" + i), "This is file f" + i + " in root.");
        }
        return root;
      }
      case "empty_model_folder" -> {
        return Files.createDirectory(dir.resolve("empty_folder_model"));
      }
      case "model_folder_with_empty_file" -> {
        Path root = Files.createDirectory(dir.resolve("empty_file_inside_model"));
        Files.write(root.resolve("empty_file"), new byte[0]);
        return root;
      }
      case "deep_model_folder" -> {
        Path root = Files.createDirectory(dir.resolve("deep_model"));
        Path current = Files.createDirectories(root.resolve("d0/d1/d2/d3/d4"));
        for (int i = 0; i < 4; i++) {
          write(current.resolve("f" + i), "This is file f" + i + ".");
        }
        return root;
      }
      case "symlink_model_folder" -> {
        Path external = write(Files.createDirectory(dir.resolve("external")).resolve("file"), "This is a simple model");
        Path root = Files.createDirectory(dir.resolve("symlink_model"));
        Files.createSymbolicLink(root.resolve("symlink_file"), external.toAbsolutePath());
        return root;
      }
      default -> throw new IllegalArgumentException("unknown fixture " + name);
    }
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> names(JsonNode statement) {
    List<String> names = new ArrayList<>();
    statement.at("/predicate/resources").forEach(resource -> names.add(resource.get("name").asText()));
    return names;
  }

  private static List<String> sortedByCodePoints(List<String> names) {
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(CodePoints::compare);
    return sorted;
  }

  /** Returns {@code statement} with its resources in code point order and the root digest recomputed. */
  private static JsonNode inCodePointOrder(JsonNode statement) throws IOException {
    ObjectNode copy = statement.deepCopy();
    List<JsonNode> resources = new ArrayList<>();
    copy.at("/predicate/resources").forEach(resources::add);
    resources.sort((a, b) -> CodePoints.compare(a.get("name").asText(), b.get("name").asText()));
    ArrayNode list = ((ObjectNode) copy.get("predicate")).putArray("resources");
    MessageDigest sha256 = sha256();
    for (JsonNode resource : resources) {
      list.add(resource);
      sha256.update(HexFormat.of().parseHex(resource.get("digest").asText()));
    }
    ((ObjectNode) copy.at("/subject/0/digest")).put("sha256", HexFormat.of().formatHex(sha256.digest()));
    return copy;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode withoutIgnorePaths(JsonNode serialization) {
    ObjectNode copy = serialization.deepCopy();
    copy.remove("ignore_paths");
    return copy;
  }

}
