package dev.modelseal.testkit.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link ModelSigning} hashes, leaves out, records and refuses. */
class ModelSigningTest {
  @TempDir Path dir;

  @Test
  void defaultIgnoresAreTopLevelOnlyAndDotfilesAreSigned() throws IOException {
    Path model = Files.createDirectory(dir.resolve("model"));
    for (String name : List.of(".git/config", ".github/workflows/ci.yml", ".gitignore", ".gitattributes",
        "sub/.git/config", "sub/.gitignore", ".hidden", "weights.bin")) {
      write(model.resolve(name), name);
    }

    List<String> names = names(ModelSigning.files().statement(model));

    assertThat(names).containsExactly(".hidden", "sub/.git/config", "sub/.gitignore", "weights.bin");
  }

  @Test
  void signatureIsLeftOutAndRecordedOnlyInsideTheModel() throws IOException {
    Path model = Files.createDirectory(dir.resolve("model"));
    write(model.resolve("weights.bin"), "w");
    write(model.resolve("sigs/m.sig"), "an old signature");
    write(model.resolve("model.sig"), "an old signature");

    JsonNode inside = OmsVectors.json(ModelSigning.files().statement(model, model.resolve("sigs/m.sig")));
    JsonNode outside = OmsVectors.json(ModelSigning.files().statement(model, dir.resolve("model.sig")));

    assertThat(names(inside)).containsExactly("model.sig", "weights.bin");
    assertThat(texts(inside.at("/predicate/serialization/ignore_paths")))
        .containsExactly(".git", ".gitattributes", ".github", ".gitignore", "sigs/m.sig");
    assertThat(names(outside)).containsExactly("model.sig", "sigs/m.sig", "weights.bin");
    assertThat(texts(outside.at("/predicate/serialization/ignore_paths")))
        .containsExactly(".git", ".gitattributes", ".github", ".gitignore");
  }

  @Test
  void ignorePathsAreExactRelativePathsWithTheirSubtrees() throws IOException {
    Path model = Files.createDirectory(dir.resolve("model"));
    for (String name : List.of("cache/x", "cache.txt", "sub/cache/y", "a/b/c", "a/bc", "keep")) {
      write(model.resolve(name), name);
    }

    JsonNode statement = OmsVectors.json(ModelSigning.files().withIgnorePaths("cache", "./a//b/").statement(model));

    assertThat(names(statement)).containsExactly("a/bc", "cache.txt", "keep", "sub/cache/y");
    assertThat(texts(statement.at("/predicate/serialization/ignore_paths")))
        .containsExactly(".git", ".gitattributes", ".github", ".gitignore", "a/b", "cache", "model.sig");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc", "../outside", "a/../../b", "*.bin", "w?", "[ab]", "", "./", "a\\b"})
  void refusesIgnorePathsThatAreNotPlainRelativePaths(String path) {
    assertThatThrownBy(() -> ModelSigning.files().withIgnorePaths(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ignore path");
  }

  @Test
  void refusesSymlinksUnlessAllowedAndThenHashesTheTargetUnderTheLinkName() throws IOException {
    Path target = write(dir.resolve("outside/real.bin"), "real");
    Path model = Files.createDirectory(dir.resolve("model"));
    Files.createSymbolicLink(model.resolve("link.bin"), target);

    assertThatThrownBy(() -> ModelSigning.files().statement(model))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("link.bin is a symbolic link");
    JsonNode allowed = OmsVectors.json(ModelSigning.files().withAllowSymlinks(true).statement(model));
    JsonNode real = OmsVectors.json(ModelSigning.files().statement(target));
    assertThat(names(allowed)).containsExactly("link.bin");
    assertThat(allowed.at("/predicate/serialization/allow_symlinks").asBoolean()).isTrue();
    assertThat(allowed.at("/predicate/resources/0/digest")).isEqualTo(real.at("/predicate/resources/0/digest"));
  }

  @Test
  void refusesAModelPathThatIsASymlinkUnlessAllowed() throws IOException {
    Path target = Files.createDirectory(dir.resolve("real"));
    write(target.resolve("w"), "w");
    Path link = Files.createSymbolicLink(dir.resolve("model"), target);

    assertThatThrownBy(() -> ModelSigning.files().statement(link))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a symbolic link");
    assertThat(names(ModelSigning.files().withAllowSymlinks(true).statement(link))).containsExactly("w");
  }

  @Test
  void refusesSymlinkedDirectoriesUnlessAllowed() throws IOException {
    Path target = Files.createDirectory(dir.resolve("real"));
    write(target.resolve("w"), "w");
    Path model = Files.createDirectory(dir.resolve("model"));
    Files.createSymbolicLink(model.resolve("linked"), target);

    assertThatThrownBy(() -> ModelSigning.files().statement(model))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linked is a symbolic link");
    assertThat(names(ModelSigning.files().withAllowSymlinks(true).statement(model))).containsExactly("linked/w");
  }

  @Test
  void refusesBrokenLinksLoopsAndMissingModelsEvenWithSymlinksAllowed() throws IOException {
    Path broken = Files.createDirectory(dir.resolve("broken"));
    Files.createSymbolicLink(broken.resolve("gone"), dir.resolve("nothing-here"));
    Path loop = Files.createDirectory(dir.resolve("loop"));
    Files.createSymbolicLink(loop.resolve("again"), loop);
    ModelSigning following = ModelSigning.files().withAllowSymlinks(true);

    assertThatThrownBy(() -> following.statement(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gone is not a regular file");
    assertThatThrownBy(() -> following.statement(loop))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loops back");
    assertThatThrownBy(() -> following.statement(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a regular file nor a directory");
  }

  @Test
  void listsResourcesInCodePointOrderNotUtf16Order() throws IOException {
    Path model = Files.createDirectory(dir.resolve("model"));
    // U+1F600 is a surrogate pair (D83D DE00), which UTF-16 order puts before U+FB01.
    for (String name : List.of("\uD83D\uDE00", "\uFB01", "a/b", "a.txt", "B")) {
      write(model.resolve(name), name);
    }

    assertThat(names(ModelSigning.files().statement(model)))
        .containsExactly("B", "a.txt", "a/b", "\uFB01", "\uD83D\uDE00");
  }

  @Test
  void hashesBlake3AndBlake2bWithTheirStandardDigestSizes() throws IOException {
    Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);

    JsonNode blake3 = OmsVectors.json(ModelSigning.files().withHashType(HashType.BLAKE3).statement(empty));
    JsonNode blake2b = OmsVectors.json(ModelSigning.files().withHashType(HashType.BLAKE2B).statement(empty));

    assertThat(blake3.at("/predicate/serialization/hash_type").asText()).isEqualTo("blake3");
    assertThat(blake3.at("/predicate/resources/0/algorithm").asText()).isEqualTo("blake3");
    assertThat(blake3.at("/predicate/resources/0/digest").asText())
        .isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    assertThat(blake2b.at("/predicate/resources/0/digest").asText()).isEqualTo(
        "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
            + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
  }

  @Test
  void shardsNameByteRangesAndWriteTheShardSizeAsModelSigningsFloat() throws IOException {
    Path model = Files.createDirectory(dir.resolve("model"));
    write(model.resolve("w.bin"), "0123456789");
    Files.write(model.resolve("empty"), new byte[0]);

    String statement = ModelSigning.shards(4).withHashType(HashType.BLAKE2B).statement(model);

    assertThat(names(statement)).containsExactly("w.bin:0:4", "w.bin:4:8", "w.bin:8:10");
    JsonNode json = OmsVectors.json(statement);
    assertThat(json.at("/predicate/resources/0/algorithm").asText()).isEqualTo("blake2b-sharded-4");
    assertThat(statement).contains("\"shard_size\" : 4.0");
    assertThat(ModelSigning.shards().statement(model)).contains("\"shard_size\" : 1000000000.0");
  }

  @Test
  void refusesShardedBlake3AndNonPositiveShards() {
    assertThatThrownBy(() -> ModelSigning.shards().withHashType(HashType.BLAKE3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never shards BLAKE3");
    assertThatThrownBy(() -> ModelSigning.shards(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shard size must be positive");
  }

  @Test
  void defaultSignatureIsInsideADirectoryAndNextToAFile() throws IOException {
    Path model = Files.createDirectory(dir.resolve("model"));
    Path file = write(dir.resolve("model.gguf"), "gguf");

    assertThat(ModelSigning.defaultSignature(model)).isEqualTo(model.resolve("model.sig"));
    assertThat(ModelSigning.defaultSignature(file)).isEqualTo(dir.resolve("model.sig"));
  }

  static List<String> names(String statement) throws IOException {
    return names(OmsVectors.json(statement));
  }

  static List<String> names(JsonNode statement) {
    List<String> names = new ArrayList<>();
    statement.at("/predicate/resources").forEach(resource -> names.add(resource.get("name").asText()));
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
