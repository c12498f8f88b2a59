package dev.modelseal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeySigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FakeSigstore sigstore;
  private Path model;
  private Path root;

  @BeforeEach
  void setUp() throws Exception {
    sigstore = FakeSigstore.create();
    model = Files.writeString(dir.resolve("model.onnx"), "weights");
    root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
  }

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theVerifierJarSaysWhereTheDemoIs() {
    assertThat(run("demo")).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("the demo is not part of the verifier jar", "./modelseal demo",
        "modelseal-demo.jar");
  }

  @Test
  void versionNamesTheBuiltVersion() {
    assertThat(run("--version")).isEqualTo(0);
    assertThat(stdout()).startsWith("modelseal " + Main.Version.VERSION).contains("Java ");
    assertThat(Main.Version.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(run("verify", "--version")).isEqualTo(0);
  }

  @Test
  void everyCommandHasItsOwnHelpWithTheExitCodes() {
    for (String command : List.of("verify", "inspect", "verify-bundle")) {
      out.reset();
      assertThat(run(command, "--help")).isEqualTo(0);
      assertThat(stdout()).as(command).startsWith("Usage: modelseal " + command).contains("Exit codes:");
    }
    out.reset();
    assertThat(run("verify", "--help")).isEqualTo(0);
    assertThat(stdout()).contains("--certificate-identity=ID", "--certificate-chain=PEM", "--verbose",
        "3   configuration error");
    out.reset();
    assertThat(run("help", "inspect")).isEqualTo(0);
    assertThat(stdout()).startsWith("Usage: modelseal inspect");
    out.reset();
    assertThat(run("--help")).isEqualTo(0);
    assertThat(stdout()).startsWith("Usage: modelseal").contains("verify", "inspect", "verify-bundle",
        "4   internal error");
  }

  @Test
  void typosGetSuggestions() {
    assertThat(run("verfy", model.toString())).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("Did you mean", "verify");
    err.reset();
    assertThat(run("verify", "--polcy", "p.yaml", model.toString())).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("'--polcy'", "Possible solutions: --policy", "Run 'modelseal verify --help'");
  }

  @Test
  void verifyPrintsTheReportAndExitsZero() throws Exception {
    sigstore.signer(ID, ISSUER).signBundle(model);
    assertThat(run("verify", "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER,
        "--trusted-root", root.toString(), model.toString())).as(stderr()).isEqualTo(0);
    assertThat(stdout()).contains("VERIFIED", "signer:", ID, "(log index ");
  }

  @Test
  void verifyRejectsWithTheReasonOnStderrAndExitsOne() throws Exception {
    sigstore.signer("intruder@example.com", ISSUER).signBundle(model);
    assertThat(run("verify", "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER,
        "--trusted-root", root.toString(), model.toString())).isEqualTo(1);
    assertThat(stderr()).contains("IDENTITY_MISMATCH", "intruder@example.com");
    assertThat(stdout()).doesNotContain("VERIFIED");
  }

  @Test
  void verifyBundleSpeaksTheConformanceProtocol() throws Exception {
    Path bundle = sigstore.signer(ID, ISSUER).signBundle(model, dir.resolve("b.json"));
    assertThat(run("verify-bundle", "--bundle", bundle.toString(), "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root.toString(), model.toString())).isEqualTo(0);
    String sha = sha256(model);
    assertThat(run("verify-bundle", "--bundle", bundle.toString(), "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root.toString(), "sha256:" + sha)).isEqualTo(0);
    String other = sha.substring(1) + (sha.charAt(0) == 'a' ? "b" : "a");
    assertThat(run("verify-bundle", "--bundle", bundle.toString(), "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root.toString(), "sha256:" + other)).isEqualTo(1);
    assertThat(stderr()).contains("REJECTED [DIGEST_MISMATCH]", "sha256:" + sha, "sha256:" + other)
        .doesNotContain("SHA-256:");
  }

  /**
   * verify-bundle verifies exactly the bundle it is given: evidence next to the file (an invalid
   * signature bundle, an SBOM attestation whose model hash is wrong, a metadata.json) is not read,
   * in the path form as in the digest form.
   */
  @Test
  void verifyBundleVerifiesOnlyWhatItIsGiven() throws Exception {
    Path bundle = sigstore.signer(ID, ISSUER).signBundle(model, dir.resolve("given.json"));
    Files.writeString(dir.resolve("model.onnx.bundle"), "{ not a bundle");
    Files.writeString(dir.resolve("model.onnx.sigstore.json"), "{}");
    sigstore.signer("intruder@example.com", ISSUER)
        .attest(model, "https://cyclonedx.org/bom", "{}", dir.resolve("model.onnx.sbom.bundle"));
    Files.writeString(dir.resolve("model.onnx.attest.bundle"), "[]");
    Files.writeString(dir.resolve("metadata.json"), "{\"signature\": \"../elsewhere\"}");
    for (String target : List.of(model.toString(), "sha256:" + sha256(model))) {
      assertThat(run("verify-bundle", "--bundle", bundle.toString(), "--certificate-identity", ID,
          "--certificate-oidc-issuer", ISSUER, "--trusted-root", root.toString(), target))
          .as(target + ": " + stderr()).isEqualTo(0);
    }
    // The neighbours are really there: verify, which reads a delivery unit, refuses them.
    assertThat(run("verify", "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER,
        "--trusted-root", root.toString(), model.toString())).isEqualTo(1);
  }

  @Test
  void verifyBundleWithAKey() throws Exception {
    KeySigner key = sigstore.keySigner();
    Path bundle = key.signBundle(model, dir.resolve("k.json"));
    Path pub = key.writePublicKey(dir.resolve("key.pub"));
    assertThat(run("verify-bundle", "--bundle", bundle.toString(), "--key", pub.toString(),
        "--trusted-root", root.toString(), model.toString())).as(stderr()).isEqualTo(0);
    Path otherPub = sigstore.keySigner().writePublicKey(dir.resolve("other.pub"));
    assertThat(run("verify-bundle", "--bundle", bundle.toString(), "--key", otherPub.toString(),
        "--trusted-root", root.toString(), model.toString())).isEqualTo(1);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run("verify-bundle", "--bundle")).isEqualTo(2);
    assertThat(run("verify-bundle", "--bundle", "b.json", model.toString())).isEqualTo(2);
    assertThat(stderr()).contains("a verification without an expected signer is not possible");
    assertThat(run("verify-bundle", "--bundle", "b.json", "--certificate-identity", ID, model.toString())).isEqualTo(2);
    assertThat(run("verify", "--nope", model.toString())).isEqualTo(2);
    assertThat(run("verify-bundle", "--bundle", "b.json", "--certificate-identity", ID,
        "--certificate-oidc-issuer", ISSUER, "--trusted-root", root.toString(), "sha256:xyz")).isEqualTo(2);
    assertThat(run("verify", "--certificate-identity", ID, "--certificate-oidc-issuer", ISSUER, model.toString(),
        "extra")).isEqualTo(2);
  }

  /** A path the JDK cannot represent (a NUL in it) is a usage error naming it, not a crash. */
  @Test
  void anUnrepresentablePathIsAUsageError() {
    assertThat(run("inspect", "bundle\0.json")).isEqualTo(Main.USAGE);
    assertThat(stderr()).contains("BUNDLE");
    assertThat(stdout()).isEmpty();
  }

  /** A command that throws. */
  @CommandLine.Command(name = "boom")
  static final class Boom implements java.util.concurrent.Callable<Integer> {
    private final Throwable thrown;

    Boom(Throwable thrown) {
      this.thrown = thrown;
    }

    @Override
    public Integer call() throws Exception {
      if (thrown instanceof Error e) {
        throw e;
      }
      throw (Exception) thrown;
    }
  }

  /** A crash, an exception or an Error, is one line and exit 4, never a verdict nor a stack trace. */
  @Test
  void aCrashIsOneLineAndExitsFourNeverOne() {
    for (Throwable t : List.of(new IllegalStateException("a bug"), new StackOverflowError(),
        new OutOfMemoryError("Java heap space"))) {
      out.reset();
      err.reset();
      CommandLine cl = new CommandLine(new Main()).addSubcommand(new Boom(t));
      assertThat(Main.execute(cl, List.of("boom"), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8))).as(t.toString()).isEqualTo(Main.INTERNAL);
      assertThat(stderr().lines().toList()).as(t.toString()).singleElement().asString()
          .startsWith("modelseal: internal error (" + t.getClass().getName()).contains("please report it");
      assertThat(stdout()).isEmpty();
    }
  }

  @Test
  void aRefusalForModelSealsOwnErrorExitsFour() {
    assertThat(Main.refused(new ModelVerificationException(Reason.INTERNAL_ERROR, "bug"))).isEqualTo(4);
    assertThat(Main.refused(new ModelVerificationException(Reason.MALFORMED_BUNDLE, "bad"))).isEqualTo(1);
  }

  private static String sha256(Path p) throws Exception {
    return java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
