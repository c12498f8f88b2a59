package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every OpenSSF Model Signing vector in {@code ../shared/vectors/oms} (see its INDEX.md) gets the
 * verdict model_signing gives it, through {@link VerifiedModel#load}: signatures made by every
 * model_signing release from 0.2 to 1.1 in all three methods, the OMS specification's vectors,
 * NVIDIA's signed skill directory and the synthetic cases (ordering, shards, BLAKE2b, P-256, a
 * single file). Offline: the sigstore vectors verify with the public-good trusted root they were
 * made under.
 */
class OmsVectorsTest {
  private static final String IDENTITY = "stefanb@us.ibm.com";
  private static final String ISSUER = "https://sigstore.verify.ibm.com/oauth2";

  private record Accepted(String name, Path model, Policy policy, LoadOptions options, List<String> files) {}

  private static Path oms() {
    return Vectors.dir().resolve("oms");
  }

  private static TrustRoot publicGood() throws Exception {
    return TrustRoot.fromJson(oms().resolve("sigstore-trust/public-good-trusted_root.json"));
  }

  private static Path keys() {
    return oms().resolve("model-transparency/scripts/tests/keys/certificate");
  }

  static Policy keyPolicy(Path pem) throws Exception {
    return Policy.builder().trustRoot(publicGood()).allowKeyPem(Files.readString(pem)).build();
  }

  static Policy certificatePolicy(Path rootPem) throws Exception {
    return Policy.builder().trustRoot(publicGood()).allowCertificateChainToPem(Files.readString(rootPem)).build();
  }

  static Policy sigstorePolicy() throws Exception {
    return Policy.builder().trustRoot(publicGood()).allowIdentity(IDENTITY, ISSUER).build();
  }

  private static List<Accepted> accepted() throws Exception {
    List<Accepted> out = new ArrayList<>();
    Path tests = oms().resolve("model-transparency/scripts/tests");
    Path key = keys().resolve("signing-key-pub.pem");
    Path ca = keys().resolve("ca-cert.pem");
    for (String version : List.of("v0.2.0", "v0.3.1", "v1.0.0", "v1.0.1", "v1.1.0")) {
      LoadOptions.Builder ignore = LoadOptions.builder();
      if (version.equals("v1.0.1")) {
        ignore.ignorePaths("ignore-me"); // 1.0.1 did not record its ignores; its test script passes them
      }
      Path cert = tests.resolve(version + "-certificate");
      out.add(new Accepted(version + "-certificate", cert, certificatePolicy(ca), ignore.build(),
          List.of("signme-1", "signme-2")));
      if (!version.equals("v0.2.0")) {
        out.add(new Accepted(version + "-sigstore", tests.resolve(version + "-sigstore"), sigstorePolicy(),
            ignore.build(), List.of("signme-1", "signme-2")));
        Path keyed = tests.resolve(version + "-elliptic-key");
        if (version.equals("v0.3.1") || version.equals("v1.0.0")) {
          // These releases' key tests sign the file signme-1 alone (resource name ".").
          out.add(new Accepted(version + "-elliptic-key", keyed.resolve("signme-1"), keyPolicy(key),
              LoadOptions.builder().bundle(keyed.resolve("model.sig")).build(), List.of("signme-1")));
        } else {
          out.add(new Accepted(version + "-elliptic-key", keyed, keyPolicy(key), ignore.build(),
              List.of("signme-1", "signme-2")));
        }
      }
    }
    Path spec = oms().resolve("oms-spec/test-vectors/v1.0/valid");
    Path keyFolder = tests.resolve("v1.1.0-elliptic-key");
    out.add(new Accepted("oms-spec key", keyFolder, keyPolicy(key), LoadOptions.builder()
        .bundle(spec.resolve("key.bundle.json")).ignorePaths("ignore-me", "model.sig").build(),
        List.of("signme-1", "signme-2")));
    out.add(new Accepted("oms-spec certificate", keyFolder, certificatePolicy(ca), LoadOptions.builder()
        .bundle(spec.resolve("certificate.bundle.json")).ignorePaths("ignore-me", "model.sig").build(),
        List.of("signme-1", "signme-2")));
    out.add(new Accepted("oms-spec sigstore", tests.resolve("v1.1.0-sigstore"), sigstorePolicy(), LoadOptions.builder()
        .bundle(spec.resolve("sigstore.bundle.json")).ignorePaths("model.sig").build(),
        List.of("signme-1", "signme-2")));
    Path skill = oms().resolve("nvidia-skills/skills/cudaq-guide");
    List<String> skillFiles;
    try (Stream<Path> walk = Files.walk(skill)) {
      skillFiles = walk.filter(Files::isRegularFile).map(p -> skill.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.equals("skill.oms.sig")).sorted().toList();
    }
    out.add(new Accepted("nvidia cudaq-guide", skill,
        certificatePolicy(oms().resolve("nvidia-skills/nv-agent-root-cert.pem")),
        LoadOptions.builder().bundle(skill.resolve("skill.oms.sig")).build(), skillFiles));
    Path synthetic = oms().resolve("synthetic");
    for (String c : List.of("ordering-pathlib-vs-codepoint", "shards-size8-float", "shards-size1-13pieces",
        "blake2b-files", "p256-key-files", "single-file-dot-name")) {
      Path dir = synthetic.resolve(c);
      Path pem = c.equals("p256-key-files") ? synthetic.resolve("p256-key-pub.pem") : key;
      Path model = c.equals("single-file-dot-name") ? dir.resolve("model/model.gguf") : dir.resolve("model");
      List<String> files;
      try (Stream<Path> walk = Files.walk(model)) {
        // Shards mode does not sign empty files (model_signing omits them), so they are not handed out.
        files = walk.filter(Files::isRegularFile).filter(p -> !c.startsWith("shards") || p.toFile().length() > 0)
            .map(p -> Files.isDirectory(model) ? model.relativize(p).toString() : p.getFileName().toString())
            .sorted().toList();
      }
      out.add(new Accepted("synthetic " + c, model, keyPolicy(pem),
          LoadOptions.builder().bundle(dir.resolve("model.sig")).build(), files));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyAcceptedVectorVerifiesWithTheBytesOnDisk() throws Exception {
    return accepted().stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> {
      try (VerifiedModel m = VerifiedModel.load(a.model(), a.policy(), a.options())) {
        assertThat(m.status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(m.artifact().files().keySet()).containsExactlyInAnyOrderElementsOf(a.files());
        for (String name : a.files()) {
          Path onDisk = Files.isDirectory(a.model()) ? a.model().resolve(name) : a.model();
          try (InputStream in = m.openStream(name)) {
            assertThat(in.readAllBytes()).as(name).isEqualTo(Files.readAllBytes(onDisk));
          }
        }
        assertThat(m.signatures()).hasSize(1);
        assertThat(m.report().describe().contains("legacy PAE")).as("only 0.2 signed over its legacy PAE")
            .isEqualTo(a.name().startsWith("v0.2.0"));
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyRefusedVectorIsRefusedForItsReason() throws Exception {
    Path spec = oms().resolve("oms-spec/test-vectors/v1.0");
    Path folder = oms().resolve("model-transparency/scripts/tests/v1.1.0-elliptic-key");
    Policy key = keyPolicy(keys().resolve("signing-key-pub.pem"));
    record Refused(String file, Policy policy, Reason reason) {}
    List<Refused> cases = List.of(
        new Refused("invalid/empty.bundle.json", key, Reason.MALFORMED_BUNDLE),
        new Refused("invalid/missing-envelope.bundle.json", key, Reason.MALFORMED_BUNDLE),
        new Refused("invalid/missing-verification-material.bundle.json", key, Reason.MALFORMED_BUNDLE),
        new Refused("invalid/missing-tlog-entries.bundle.json", sigstorePolicy(), Reason.INVALID_TLOG_ENTRY),
        new Refused("invalid-payload/wrong-predicate.bundle.json", key, Reason.UNSUPPORTED_FORMAT));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.file(), () ->
        assertThatThrownBy(() -> VerifiedModel.load(folder, c.policy(), LoadOptions.builder()
            .bundle(spec.resolve(c.file())).ignorePaths("ignore-me", "model.sig").build()))
            .isInstanceOfSatisfying(ModelVerificationException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(c.reason()))));
  }

  @TestFactory
  Stream<DynamicTest> theWrongTrustIsRefused() throws Exception {
    Path tests = oms().resolve("model-transparency/scripts/tests");
    Path other = oms().resolve("synthetic/p256-key-pub.pem");
    Path nvidiaRoot = oms().resolve("nvidia-skills/nv-agent-root-cert.pem");
    record Wrong(String name, Path model, Policy policy, Reason reason) {}
    List<Wrong> cases = List.of(
        new Wrong("key vector, another pinned key", tests.resolve("v1.1.0-elliptic-key"), keyPolicy(other),
            Reason.KEY_MISMATCH),
        new Wrong("certificate vector, another root", tests.resolve("v1.1.0-certificate"),
            certificatePolicy(nvidiaRoot), Reason.UNTRUSTED_CERTIFICATE),
        new Wrong("certificate vector, only a key allowed", tests.resolve("v1.1.0-certificate"),
            keyPolicy(keys().resolve("signing-key-pub.pem")), Reason.UNTRUSTED_CERTIFICATE),
        new Wrong("sigstore vector, another identity", tests.resolve("v1.1.0-sigstore"),
            Policy.builder().trustRoot(publicGood()).allowIdentity("someone@example.com", ISSUER).build(),
            Reason.IDENTITY_MISMATCH),
        new Wrong("sigstore vector, keys only", tests.resolve("v1.1.0-sigstore"),
            keyPolicy(keys().resolve("signing-key-pub.pem")), Reason.KEY_MISMATCH),
        new Wrong("v1.0.1 without the ignore its script passes", tests.resolve("v1.0.1-certificate"),
            certificatePolicy(keys().resolve("ca-cert.pem")), Reason.FILE_SET_MISMATCH));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () ->
        assertThatThrownBy(() -> VerifiedModel.load(c.model(), c.policy()))
            .isInstanceOfSatisfying(ModelVerificationException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(c.reason()))));
  }
}
