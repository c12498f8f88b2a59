package dev.modelseal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.oms.EcCurve;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.ModelTamper;
import dev.modelseal.testkit.oms.OmsCertificateSigner;
import dev.modelseal.testkit.oms.OmsKeySigner;
import dev.modelseal.testkit.oms.SignedModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} and {@code inspect} of OpenSSF Model Signing directories signed by the testkit:
 * the flags model_signing users know, the verified file list in both reports, and usage errors.
 */
class OmsCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path model;
  private Path root;
  private SignedModel signed;

  @BeforeEach
  void setUp() throws Exception {
    model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("config.json"), "{}");
    Files.createDirectories(model.resolve("weights"));
    Files.writeString(model.resolve("weights/w.bin"), "0123456789");
    root = FakeSigstore.create().writeTrustedRoot(dir.resolve("trusted_root.json"));
  }

  private int run(List<String> args) {
    out.reset();
    err.reset();
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int verify(String... flags) {
    List<String> args = new ArrayList<>(List.of("verify", model.toString(), "--trusted-root", root.toString()));
    args.addAll(List.of(flags));
    return run(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path keySigned() {
    OmsKeySigner signer = OmsKeySigner.create(EcCurve.P256);
    signed = ModelSigning.files().sign(model, signer);
    return signer.writePublicKey(dir.resolve("key.pub"));
  }

  @Test
  void theJsonReportListsEveryVerifiedFile() throws Exception {
    Path key = keySigned();
    assertThat(verify("--key", key.toString(), "--format", "json")).as(stderr()).isEqualTo(Main.OK);
    JsonNode report = JSON.readTree(stdout());
    assertThat(report.get("verified").asBoolean()).isTrue();
    assertThat(report.get("size").asLong()).isEqualTo(12);
    assertThat(report.get("signingTime").isNull()).as("a key signature has no verified time").isTrue();
    assertThat(report.get("files")).hasSize(2);
    assertThat(report.at("/files/0/name").asText()).isEqualTo("config.json");
    assertThat(report.at("/files/0/size").asLong()).isEqualTo(2);
    assertThat(report.at("/files/0/digest").asText())
        .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(report.at("/files/1/name").asText()).isEqualTo("weights/w.bin");
  }

  @Test
  void theDefaultSignatureIsModelSigAndSignatureNamesAnother() throws Exception {
    Path key = keySigned();
    assertThat(verify("--key", key.toString(), "--verbose")).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("files:        2 verified, 12 bytes", "    weights/w.bin  10 bytes  sha256:",
        "signed at:    (no verified time: a key signature without a log entry or timestamp)");
    assertThat(verify("--key", key.toString())).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).as("the short summary counts the files").contains("files:        2 verified, 12 bytes")
        .doesNotContain("weights/w.bin");

    Path elsewhere = Files.move(model.resolve("model.sig"), dir.resolve("elsewhere.sig"));
    assertThat(verify("--key", key.toString())).isEqualTo(Main.REJECTED);
    assertThat(verify("--key", key.toString(), "--signature", elsewhere.toString())).as(stderr()).isEqualTo(Main.OK);
    assertThat(verify("--key", key.toString(), "--bundle", elsewhere.toString())).as(stderr()).isEqualTo(Main.OK);
  }

  @Test
  void anotherKeyOrAChangedFileIsRefused() {
    Path key = keySigned();
    ModelSigning.files().sign(model, OmsKeySigner.create(EcCurve.P256));
    assertThat(verify("--key", key.toString())).isEqualTo(Main.REJECTED);
    assertThat(stderr()).startsWith("REJECTED [KEY_MISMATCH]");

    Path pinned = keySigned();
    signed.tamper(ModelTamper.MODIFIED_BYTE);
    assertThat(verify("--key", pinned.toString())).isEqualTo(Main.REJECTED);
    assertThat(stderr()).startsWith("REJECTED [DIGEST_MISMATCH]");
  }

  @Test
  void ignoreUnsignedFilesAndIgnorePathsAdmitWhatTheSignatureDoesNotList() throws Exception {
    Path key = keySigned();
    Files.writeString(model.resolve("README.md"), "added after signing");
    Files.createDirectories(model.resolve("cache"));
    Files.writeString(model.resolve("cache/x"), "local");
    assertThat(verify("--key", key.toString())).isEqualTo(Main.REJECTED);
    assertThat(stderr()).startsWith("REJECTED [FILE_SET_MISMATCH]");
    assertThat(verify("--key", key.toString(), "--ignore-paths", "README.md")).isEqualTo(Main.REJECTED);
    assertThat(verify("--key", key.toString(), "--ignore-paths", "README.md", "--ignore-paths", "cache"))
        .as(stderr()).isEqualTo(Main.OK);
    assertThat(verify("--key", key.toString(), "--ignore-unsigned-files")).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("files:        2 verified").doesNotContain("README.md");
    // Ignore paths outside the model (or naming the model itself) are refused by the verifier.
    for (String outside : List.of("../model", "/etc", "")) {
      assertThat(verify("--key", key.toString(), "--ignore-paths", outside, "--ignore-unsigned-files"))
          .as(outside + ": " + stderr()).isEqualTo(Main.CONFIG);
      assertThat(stderr()).as(outside).startsWith("modelseal: configuration error [INVALID_POLICY]");
    }
  }

  @Test
  void certificateChainsMayBeRepeatedAndOneMustBeTheRoot() {
    OmsCertificateSigner signer = OmsCertificateSigner.create();
    ModelSigning.files().sign(model, signer);
    Path ca = signer.writeRootCa(dir.resolve("ca.pem"));
    Path other = OmsCertificateSigner.create().writeRootCa(dir.resolve("other-ca.pem"));
    assertThat(verify("--certificate-chain", ca.toString())).as(stderr()).isEqualTo(Main.OK);
    assertThat(verify("--certificate-chain", other.toString(), "--certificate-chain", ca.toString()))
        .as(stderr()).isEqualTo(Main.OK);
    assertThat(verify("--certificate-chain", other.toString())).isEqualTo(Main.REJECTED);
    assertThat(stderr()).startsWith("REJECTED [UNTRUSTED_CERTIFICATE]");
  }

  @Test
  void unreadableOrUnusableKeyAndChainFilesAreConfigurationErrorsExitingThree() throws Exception {
    Path key = keySigned();
    assertThat(verify("--certificate-chain", dir.resolve("missing.pem").toString())).isEqualTo(Main.CONFIG);
    assertThat(stderr()).contains("cannot read the --certificate-chain file", "missing.pem", "does not exist");
    assertThat(verify("--certificate-chain", key.toString())).isEqualTo(Main.CONFIG);
    assertThat(stderr()).contains("the --certificate-chain file " + key + " is not usable",
        "no PEM CERTIFICATE block found");
    assertThat(verify("--key", dir.resolve("missing.pub").toString())).isEqualTo(Main.CONFIG);
    assertThat(stderr()).contains("cannot read the --key file");
    assertThat(verify("--key", dir.toString())).isEqualTo(Main.CONFIG);
    assertThat(stderr()).contains("is not a PEM file");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Path key = keySigned();
    assertThat(verify()).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--certificate-chain", "a verification without an expected signer is not possible");
    assertThat(verify("--key", key.toString(), "--signature", "a.sig", "--bundle", "b.sig")).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--signature is another name for it");
    assertThat(verify("--key", key.toString(), "--ignore-unsigned-files=yes")).isEqualTo(Main.USAGE);
    Files.writeString(dir.resolve("policy.yaml"), "{}");
    assertThat(verify("--policy", dir.resolve("policy.yaml").toString(), "--certificate-chain", key.toString()))
        .isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("--certificate-chain cannot be combined with a policy file");
    assertThat(run(List.of("verify-bundle", "--bundle", "b.json", "--certificate-chain", key.toString(),
        model.resolve("config.json").toString()))).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("Unknown options: '--certificate-chain'");
    assertThat(run(List.of("inspect", "--resources", "many", model.resolve("model.sig").toString())))
        .isEqualTo(Main.USAGE);
  }

  @Test
  void inspectListsTheClaimedResources() {
    keySigned();
    assertThat(run(List.of("inspect", model.resolve("model.sig").toString()))).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).startsWith("UNVERIFIED").contains("OpenSSF Model Signing manifest (UNVERIFIED):",
        "resources:       2", "resource:        config.json sha256:44136fa3", "resource:        weights/w.bin sha256:",
        "signer material: public key, hint ", "Run 'modelseal verify' to check any of it.");
  }

  /** What inspect shows is the signer's claim, whatever its shape: objects where lists belong are no crash. */
  @Test
  void inspectShowsAManifestWithObjectsForListsWithoutCrashing() throws Exception {
    keySigned();
    Path sig = model.resolve("model.sig");
    ObjectNode bundle = (ObjectNode) JSON.readTree(sig.toFile());
    ObjectNode envelope = (ObjectNode) bundle.get("dsseEnvelope");
    ObjectNode statement = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
    statement.putObject("subject").putObject("a").put("name", "x");
    ((ObjectNode) statement.get("predicate")).putObject("resources").putObject("b").put("name", "y");
    envelope.put("payload", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(statement)));
    Files.write(sig, JSON.writeValueAsBytes(bundle));
    assertThat(run(List.of("inspect", sig.toString()))).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).startsWith("UNVERIFIED").contains("resources:       0");
  }

  /** Names are the signer's (and the file system's): they cannot drive the terminal. */
  @Test
  void controlCharactersInNamesAreEscaped() throws Exception {
    Files.writeString(model.resolve("evil\u001b[2Jname\u202e.bin"), "x");
    Path key = keySigned();
    assertThat(verify("--key", key.toString(), "--verbose")).as(stderr()).isEqualTo(Main.OK);
    assertThat(stdout()).contains("evil\\u001b[2Jname\\u202e.bin").doesNotContain("\u001b", "\u202e");
    assertThat(run(List.of("inspect", model.resolve("model.sig").toString()))).isEqualTo(Main.OK);
    assertThat(stdout()).contains("evil\\u001b[2Jname\\u202e.bin").doesNotContain("\u001b", "\u202e");
    assertThat(Report.printable("a\\b\u0085")).isEqualTo("a\\u005cb\\u0085");
  }

  @Test
  void aKeyOrCertificateSignedDirectoryNeedsNoTrustedRoot() throws Exception {
    Path key = keySigned();
    assertThat(run(List.of("verify", model.toString(), "--key", key.toString()))).as(stderr()).isEqualTo(Main.OK);
    SignerOptions keyOnly = new SignerOptions();
    keyOnly.keys = List.of(key);
    CommandSpec spec = new CommandLine(new VerifyCommand()).getCommandSpec();
    assertThat(keyOnly.policy(spec, List.of(), true).trustRoot().isNone())
        .as("a directory's key signature: no TUF refresh").isTrue();
  }
}
