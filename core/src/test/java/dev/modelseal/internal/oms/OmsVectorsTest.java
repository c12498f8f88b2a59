package dev.modelseal.internal.oms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.Vectors;
import dev.modelseal.internal.dsse.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OMS vector of {@code shared/vectors/oms/INDEX.md} that a verifier must accept (§1b, §2
 * valid, §4, §6) verifies against its model, and the model_signing TestPayload goldens (§1c)
 * verify against fixture folders recreated from upstream's recipes. Signatures are not checked
 * here: the statement is taken from the bundle's DSSE payload.
 */
class OmsVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> vectors() {
    String mt = "model-transparency/scripts/tests/";
    return Stream.of(
        Arguments.of(mt + "v0.2.0-certificate/model.sig", mt + "v0.2.0-certificate", List.of()),
        Arguments.of(mt + "v0.3.1-certificate/model.sig", mt + "v0.3.1-certificate", List.of()),
        Arguments.of(mt + "v0.3.1-elliptic-key/model.sig", mt + "v0.3.1-elliptic-key/signme-1", List.of()),
        Arguments.of(mt + "v0.3.1-sigstore/model.sig", mt + "v0.3.1-sigstore", List.of()),
        Arguments.of(mt + "v1.0.0-certificate/model.sig", mt + "v1.0.0-certificate", List.of()),
        Arguments.of(mt + "v1.0.0-elliptic-key/model.sig", mt + "v1.0.0-elliptic-key/signme-1", List.of()),
        Arguments.of(mt + "v1.0.0-sigstore/model.sig", mt + "v1.0.0-sigstore", List.of()),
        Arguments.of(mt + "v1.0.1-certificate/model.sig", mt + "v1.0.1-certificate", List.of("ignore-me")),
        Arguments.of(mt + "v1.0.1-elliptic-key/model.sig", mt + "v1.0.1-elliptic-key", List.of("ignore-me")),
        Arguments.of(mt + "v1.0.1-sigstore/model.sig", mt + "v1.0.1-sigstore", List.of("ignore-me")),
        Arguments.of(mt + "v1.1.0-certificate/model.sig", mt + "v1.1.0-certificate", List.of()),
        Arguments.of(mt + "v1.1.0-elliptic-key/model.sig", mt + "v1.1.0-elliptic-key", List.of()),
        Arguments.of(mt + "v1.1.0-sigstore/model.sig", mt + "v1.1.0-sigstore", List.of()),
        Arguments.of("oms-spec/test-vectors/v1.0/valid/key.bundle.json", mt + "v1.1.0-elliptic-key",
            List.of("ignore-me", "model.sig")),
        Arguments.of("oms-spec/test-vectors/v1.0/valid/certificate.bundle.json", mt + "v1.1.0-elliptic-key",
            List.of("ignore-me", "model.sig")),
        Arguments.of("oms-spec/test-vectors/v1.0/valid/sigstore.bundle.json", mt + "v1.1.0-sigstore", List.of()),
        Arguments.of("nvidia-skills/skills/cudaq-guide/skill.oms.sig", "nvidia-skills/skills/cudaq-guide", List.of()),
        Arguments.of("synthetic/ordering-pathlib-vs-codepoint/model.sig", "synthetic/ordering-pathlib-vs-codepoint/model",
            List.of()),
        Arguments.of("synthetic/shards-size8-float/model.sig", "synthetic/shards-size8-float/model", List.of()),
        Arguments.of("synthetic/shards-size1-13pieces/model.sig", "synthetic/shards-size1-13pieces/model", List.of()),
        Arguments.of("synthetic/blake2b-files/model.sig", "synthetic/blake2b-files/model", List.of()),
        Arguments.of("synthetic/p256-key-files/model.sig", "synthetic/p256-key-files/model", List.of()),
        Arguments.of("synthetic/single-file-dot-name/model.sig", "synthetic/single-file-dot-name/model/model.gguf",
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyAcceptedVectorVerifies(String bundle, String model, List<String> ignore) throws Exception {
    Path oms = Vectors.dir().resolve("oms");
    Path sig = oms.resolve(bundle);
    Statement s = statementOf(sig);
    OmsManifest m = OmsManifest.parse(s, bundle);
    m.checkRootDigest();
    if (m.legacy()) {
      assertThat(m.rootDigest()).isEmpty();
    } else {
      assertThat(m.rootDigest()).contains(s.subjects().get(0).digest().get("sha256"));
    }
    OmsDirectory.Options o = new OmsDirectory.Options(ignore, false, Set.of(sig), OmsDirectory.Keep.NONE, null,
        dev.modelseal.ReadProgress.NONE);
    try (OmsFiles files = OmsDirectory.verify(oms.resolve(model), m, o)) {
      assertThat(files.files()).extracting(OmsFiles.VerifiedFile::name)
          .containsExactlyElementsOf(m.resources().stream().map(OmsManifest.Resource::path).distinct().toList());
    }
  }

  /** The in-toto statement in a Sigstore bundle's DSSE payload. */
  static Statement statementOf(Path bundle) throws Exception {
    JsonNode b = JSON.readTree(bundle.toFile());
    byte[] payload = Base64.getDecoder().decode(b.at("/dsseEnvelope/payload").asText());
    return Statement.parse(b.at("/dsseEnvelope/payloadType").asText(), payload, bundle.toString());
  }

  static Stream<Arguments> goldens() {
    return Stream.of("sample_model_folder", "sample_model_file", "deep_model_folder", "symlink_model_folder",
            "empty_model_file", "empty_model_folder", "model_folder_with_empty_file")
        .flatMap(f -> Stream.of(f, f + "_shard", f + "_small_shards"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void upstreamGoldenPayloadsVerifyAgainstTheirFixtures(String golden, @TempDir Path tmp) throws Exception {
    Path file = Vectors.dir().resolve("oms/model-transparency/tests/_signing/testdata/signing/TestPayload")
        .resolve(golden);
    Statement s = Statement.parse(Statement.PAYLOAD_TYPE, Files.readAllBytes(file), golden);
    OmsManifest m = OmsManifest.parse(s, golden);
    Path model = fixture(golden.replaceAll("_(shard|small_shards)$", ""), tmp);
    try (OmsFiles files = OmsDirectory.verify(model, m, OmsDirectory.Options.verifyOnly(Set.of()))) {
      assertThat(files.files()).hasSize((int) m.resources().stream().map(OmsManifest.Resource::path).distinct()
          .count());
    }
  }

  /** Upstream's {@code tests/conftest.py} fixtures, made from their recipes. */
  private static Path fixture(String name, Path tmp) throws Exception {
    Path model = tmp.resolve("model");
    switch (name) {
      case "sample_model_folder":
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 3; j++) {
            write(model.resolve("d" + i).resolve("f" + i + j), "This is file f" + i + j + " in d" + i + ".");
          }
        }
        for (int i = 0; i < 4; i++) {
          write(model.resolve("f" + i), "This is file f" + i + " in root.");
        }
        return model;
      case "sample_model_file":
        return write(tmp.resolve("file_model"), "This is a simple model");
      case "deep_model_folder":
        for (int i = 0; i < 4; i++) {
          write(model.resolve("d0/d1/d2/d3/d4/f" + i), "This is file f" + i + ".");
        }
        return model;
      case "symlink_model_folder":
        Path target = write(tmp.resolve("external"), "This is a simple model");
        Files.createDirectories(model);
        Files.createSymbolicLink(model.resolve("symlink_file"), target);
        return model;
      case "empty_model_file":
        return write(tmp.resolve("empty_file"), "");
      case "empty_model_folder":
        return Files.createDirectories(model);
      case "model_folder_with_empty_file":
        write(model.resolve("empty_file"), "");
        return model;
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private static Path write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    return Files.write(p, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLegacyManifestListsOneFilePerSubject() throws Exception {
    Path sig = Vectors.dir().resolve("oms/model-transparency/scripts/tests/v0.2.0-certificate/model.sig");
    OmsManifest m = OmsManifest.parse(statementOf(sig), "v0.2.0");
    assertThat(m.legacy()).isTrue();
    assertThat(m.resources()).extracting(OmsManifest.Resource::name).containsExactly("signme-1", "signme-2");
    assertThat(m.allowSymlinks()).isFalse();
  }
}
