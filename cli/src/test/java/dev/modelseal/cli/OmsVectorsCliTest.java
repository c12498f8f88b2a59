package dev.modelseal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every OpenSSF Model Signing vector of {@code ../shared/vectors/oms/INDEX.md} through {@code
 * modelseal verify} with the flags {@code model_signing verify} takes for it (key, certificate
 * chain, sigstore identity; {@code --signature}, {@code --ignore-paths}), the refused ones with
 * their reason, and {@code modelseal inspect} of their signatures. Offline: the public-good trusted
 * root the sigstore vectors were made under is given with {@code --trusted-root}.
 */
class OmsVectorsCliTest {
  private static final String IDENTITY = "stefanb@us.ibm.com";
  private static final String ISSUER = "https://sigstore.verify.ibm.com/oauth2";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A vector and the whole command line that verifies it. */
  private record Case(String name, List<String> args) {}

  private int run(List<String> args) {
    out.reset();
    err.reset();
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Path oms() {
    return Vectors.dir().resolve("oms");
  }

  private static Path tests() {
    return oms().resolve("model-transparency/scripts/tests");
  }

  private static Path keys() {
    return tests().resolve("keys/certificate");
  }

  private static List<String> verify(Path model, String... flags) {
    List<String> args = new ArrayList<>(List.of("verify", model.toString(), "--trusted-root",
        oms().resolve("sigstore-trust/public-good-trusted_root.json").toString()));
    args.addAll(List.of(flags));
    return args;
  }

  private static String[] key() {
    return new String[] {"--key", keys().resolve("signing-key-pub.pem").toString()};
  }

  private static String[] ca() {
    return new String[] {"--certificate-chain", keys().resolve("ca-cert.pem").toString()};
  }

  private static String[] sigstore() {
    return new String[] {"--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER};
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  private static List<Case> accepted() {
    List<Case> out = new ArrayList<>();
    for (String version : List.of("v0.2.0", "v0.3.1", "v1.0.0", "v1.0.1", "v1.1.0")) {
      // 1.0.1 did not record its ignores; its test script passes them.
      String[] ignore = version.equals("v1.0.1") ? new String[] {"--ignore-paths", "ignore-me"} : new String[0];
      out.add(new Case(version + "-certificate", verify(tests().resolve(version + "-certificate"), concat(ca(), ignore))));
      if (version.equals("v0.2.0")) {
        continue;
      }
      out.add(new Case(version + "-sigstore", verify(tests().resolve(version + "-sigstore"), concat(sigstore(), ignore))));
      Path keyed = tests().resolve(version + "-elliptic-key");
      if (version.equals("v0.3.1") || version.equals("v1.0.0")) {
        // These releases' key tests sign the file signme-1 alone (resource name ".").
        out.add(new Case(version + "-elliptic-key", verify(keyed.resolve("signme-1"),
            concat(key(), "--signature", keyed.resolve("model.sig").toString()))));
      } else {
        out.add(new Case(version + "-elliptic-key", verify(keyed, concat(key(), ignore))));
      }
    }
    Path spec = oms().resolve("oms-spec/test-vectors/v1.0/valid");
    Path keyFolder = tests().resolve("v1.1.0-elliptic-key");
    String[] specIgnores = {"--ignore-paths", "ignore-me", "--ignore-paths", "model.sig"};
    out.add(new Case("oms-spec key", verify(keyFolder,
        concat(concat(key(), "--signature", spec.resolve("key.bundle.json").toString()), specIgnores))));
    out.add(new Case("oms-spec certificate", verify(keyFolder,
        concat(concat(ca(), "--signature", spec.resolve("certificate.bundle.json").toString()), specIgnores))));
    out.add(new Case("oms-spec sigstore", verify(tests().resolve("v1.1.0-sigstore"),
        concat(sigstore(), "--signature", spec.resolve("sigstore.bundle.json").toString(), "--ignore-paths", "model.sig"))));
    Path skill = oms().resolve("nvidia-skills/skills/cudaq-guide");
    out.add(new Case("nvidia cudaq-guide", verify(skill, "--signature", skill.resolve("skill.oms.sig").toString(),
        "--certificate-chain", oms().resolve("nvidia-skills/nv-agent-root-cert.pem").toString())));
    Path synthetic = oms().resolve("synthetic");
    for (String c : List.of("ordering-pathlib-vs-codepoint", "shards-size8-float", "shards-size1-13pieces",
        "blake2b-files", "p256-key-files", "single-file-dot-name")) {
      Path dir = synthetic.resolve(c);
      String[] pem = c.equals("p256-key-files")
          ? new String[] {"--key", synthetic.resolve("p256-key-pub.pem").toString()} : key();
      Path model = c.equals("single-file-dot-name") ? dir.resolve("model/model.gguf") : dir.resolve("model");
      out.add(new Case("synthetic " + c, verify(model, concat(pem, "--signature", dir.resolve("model.sig").toString()))));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyAcceptedVectorVerifiesThroughTheCli() {
    return accepted().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      assertThat(run(c.args())).as(c.args() + "\n" + stderr()).isEqualTo(Main.OK);
      assertThat(stdout()).startsWith("VERIFIED");
    }));
  }

  /** The text report lists every verified file of a directory with its size and digest. */
  @Test
  void aDirectoryReportListsItsFiles() {
    Path folder = tests().resolve("v1.1.0-certificate");
    assertThat(run(verify(folder, concat(ca(), "--verbose")))).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("files:        2 verified, 16 bytes",
        "    signme-1  8 bytes  sha256:f6310066c7320497ea554260c32c43660bff648cb2a61194832cc086077085e1",
        "    signme-2  8 bytes  sha256:32dcb1f8e1ae52d5963e56a6ba06ab58b424c15ed2a6b70d2feca1d089370028");
    assertThat(run(verify(oms().resolve("synthetic/shards-size8-float/model"), concat(key(),
        "--signature", oms().resolve("synthetic/shards-size8-float/model.sig").toString(), "-v"))))
        .as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("w.bin  20 bytes  (signed in shards)");
  }

  @TestFactory
  Stream<DynamicTest> everyRefusedSpecVectorExitsOneWithItsReason() {
    Path spec = oms().resolve("oms-spec/test-vectors/v1.0");
    Path folder = tests().resolve("v1.1.0-elliptic-key");
    record Refused(String file, String[] trust, String reason) {}
    List<Refused> cases = List.of(
        new Refused("invalid/empty.bundle.json", key(), "MALFORMED_BUNDLE"),
        new Refused("invalid/missing-envelope.bundle.json", key(), "MALFORMED_BUNDLE"),
        new Refused("invalid/missing-verification-material.bundle.json", key(), "MALFORMED_BUNDLE"),
        new Refused("invalid/missing-tlog-entries.bundle.json", sigstore(), "INVALID_TLOG_ENTRY"),
        new Refused("invalid-payload/wrong-predicate.bundle.json", key(), "UNSUPPORTED_FORMAT"));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.file(), () -> {
      List<String> args = verify(folder, concat(c.trust(), "--signature", spec.resolve(c.file()).toString(),
          "--ignore-paths", "ignore-me", "--ignore-paths", "model.sig"));
      assertThat(run(args)).as(stderr()).isEqualTo(Main.REJECTED);
      assertThat(stderr()).startsWith("REJECTED [" + c.reason() + "]");
      assertThat(stdout()).doesNotContain("VERIFIED");
    }));
  }

  @TestFactory
  Stream<DynamicTest> theWrongTrustExitsOneWithItsReason() {
    Path other = oms().resolve("synthetic/p256-key-pub.pem");
    String[] nvidiaRoot = {"--certificate-chain", oms().resolve("nvidia-skills/nv-agent-root-cert.pem").toString()};
    record Wrong(String name, Path model, String[] trust, String reason) {}
    List<Wrong> cases = List.of(
        new Wrong("key vector, another pinned key", tests().resolve("v1.1.0-elliptic-key"),
            new String[] {"--key", other.toString()}, "KEY_MISMATCH"),
        new Wrong("certificate vector, another root", tests().resolve("v1.1.0-certificate"), nvidiaRoot,
            "UNTRUSTED_CERTIFICATE"),
        new Wrong("certificate vector, only a key allowed", tests().resolve("v1.1.0-certificate"), key(),
            "UNTRUSTED_CERTIFICATE"),
        new Wrong("sigstore vector, another identity", tests().resolve("v1.1.0-sigstore"),
            new String[] {"--certificate-identity", "someone@example.com", "--certificate-oidc-issuer", ISSUER},
            "IDENTITY_MISMATCH"),
        new Wrong("sigstore vector, keys only", tests().resolve("v1.1.0-sigstore"), key(), "KEY_MISMATCH"),
        new Wrong("v1.0.1 without the ignore its script passes", tests().resolve("v1.0.1-certificate"), ca(),
            "FILE_SET_MISMATCH"));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      assertThat(run(verify(c.model(), c.trust()))).as(stderr()).isEqualTo(Main.REJECTED);
      assertThat(stderr()).startsWith("REJECTED [" + c.reason() + "]");
    }));
  }

  /** The JSON report of a refusal carries the reason too. */
  @Test
  void aRefusalInJsonNamesTheReason() {
    assertThat(run(verify(tests().resolve("v1.0.1-certificate"), concat(ca(), "--format", "json"))))
        .isEqualTo(Main.REJECTED);
    assertThat(stdout()).contains("\"verified\" : false", "\"reason\" : \"FILE_SET_MISMATCH\"");
  }

  @Test
  void inspectShowsTheManifestOfEachMethodLabelledUnverified() {
    assertThat(run(List.of("inspect", tests().resolve("v1.1.0-certificate/model.sig").toString())))
        .as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).startsWith("UNVERIFIED").contains(
        "OpenSSF Model Signing manifest (UNVERIFIED):",
        "predicate:       https://model_signing/signature/v1.0",
        "method:          files",
        "hash type:       sha256",
        "allow symlinks:  false",
        "ignore paths:    ignore-me, .gitattributes, model.sig, .github, .gitignore, .git",
        "resources:       2",
        "resource:        signme-1 sha256:f6310066c7320497ea554260c32c43660bff648cb2a61194832cc086077085e1",
        "resource:        signme-2 sha256:32dcb1f8e1ae52d5963e56a6ba06ab58b424c15ed2a6b70d2feca1d089370028",
        "signer material: certificate chain of ", "CN=intermediate-ca");

    assertThat(run(List.of("inspect", tests().resolve("v1.1.0-elliptic-key/model.sig").toString())))
        .as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains(
        "signer material: public key, hint e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e");

    assertThat(run(List.of("inspect", tests().resolve("v1.1.0-sigstore/model.sig").toString())))
        .as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("signer material: Fulcio certificate for " + IDENTITY + ", OIDC issuer " + ISSUER);

    Path skill = oms().resolve("nvidia-skills/skills/cudaq-guide/skill.oms.sig");
    assertThat(run(List.of("inspect", skill.toString()))).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("leaf CN=NVIDIA Agent Skills Signing 001", "NVIDIA Agent Capabilities CA");
  }

  @Test
  void inspectShowsShardsLegacyDigestsAndOnlyTheFirstResources() {
    Path shards = oms().resolve("synthetic/shards-size1-13pieces/model.sig");
    assertThat(run(List.of("inspect", "--resources", "2", shards.toString()))).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("method:          shards", "shard size:      1.0", "resources:       13",
        "resource:        w.bin:0:1 sha256-sharded-1:", "...              11 more (--resources N shows more)");
    assertThat(stdout().lines().filter(l -> l.startsWith("    resource:  "))).hasSize(2);

    Path legacy = tests().resolve("v0.2.0-certificate/model.sig");
    assertThat(run(List.of("inspect", "--resources", "1", legacy.toString()))).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("  subject:       ... 1 more", "    ...              1 more");
    assertThat(run(List.of("inspect", legacy.toString()))).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("predicate:       https://model_signing/Digests/v0.1",
        "method:          files (legacy v0.1: one subject per file)", "hash type:       file-sha256",
        "ignore paths:    (none recorded)", "resources:       2", "resource:        signme-1 sha256:f6310066");
  }

  @Test
  void inspectOfARefusedSpecVectorExitsOne() {
    Path empty = oms().resolve("oms-spec/test-vectors/v1.0/invalid/empty.bundle.json");
    assertThat(run(List.of("inspect", empty.toString()))).isEqualTo(Main.REJECTED);
    assertThat(stderr()).contains("is not a Sigstore bundle");
    assertThat(run(List.of("inspect", "--resources", "-1", empty.toString()))).isEqualTo(Main.USAGE);
  }
}
