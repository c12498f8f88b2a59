package dev.modelseal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.ReadProgress;
import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify with a policy file, AUDIT, the JSON report, inspect, and the progress bar. */
class PolicyCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private DeliveryUnit unit(AttestationTamper tamper) throws Exception {
    DeliveryUnit unit = FakeSigstore.create().deliveryUnit().tamper(tamper).write(dir);
    unit.writePolicy(); // policy.yaml: its signer, eval.accuracy >= 0.85, licensed datasets
    return unit;
  }

  @Test
  void verifyWithAPolicyFilePrintsAJsonReport() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    assertThat(run("verify", "--policy", dir.resolve("policy.yaml").toString(), "--format", "json",
        unit.model().toString())).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
    JsonNode report = JSON.readTree(stdout());
    assertThat(report.get("reportVersion").asInt()).isEqualTo(1);
    assertThat(report.get("verified").asBoolean()).isTrue();
    assertThat(report.get("mode").asText()).isEqualTo("ENFORCE");
    assertThat(report.at("/digest/sha256").asText()).hasSize(64);
    assertThat(report.at("/signer/subject").asText()).isEqualTo(DeliveryUnit.IDENTITY);
    assertThat(report.get("attestations")).hasSize(2);
    assertThat(report.get("sbom").asBoolean()).isTrue();
    assertThat(report.get("violations")).isEmpty();
    assertThat(report.get("verdict").asText()).isEqualTo("VERIFIED");
    assertThat(report.at("/tool/name").asText()).isEqualTo("modelseal");
    assertThat(report.at("/tool/version").asText()).isEqualTo(Main.Version.VERSION).isNotBlank()
        .doesNotContain("${");
  }

  @Test
  void theShortSummarySaysWhatEachConditionComparedAndVerboseListsEveryCheck() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    String policy = dir.resolve("policy.yaml").toString();
    assertThat(run("verify", "--policy", policy, unit.model().toString())).isEqualTo(0);
    String summary = stdout();
    assertThat(summary).startsWith("VERIFIED " + unit.model())
        .contains("  digest:       sha256:" + unit.modelSha256Hex(),
            "  signer:       " + DeliveryUnit.IDENTITY,
            "  condition:    eval.accuracy: found 0.91, GreaterThanOrEquals 0.85",
            "  SBOM:         CycloneDX 1.6, ",
            " passed (--verbose lists every check)")
        .doesNotContain("PASSED", "SHA-256:", "SHA2_256");
    assertThat(summary.lines()).hasSizeLessThan(15);
    assertThat(run("verify", "--policy", policy, "--verbose", unit.model().toString())).isEqualTo(0);
    assertThat(stdout()).contains("  checks:", "    PASSED    signature: ", "    PASSED    SCT: ",
        "messageDigest matches the content (sha256:" + unit.modelSha256Hex() + ")");
    assertThat(stdout().lines()).hasSizeGreaterThan(30);
  }

  @Test
  void aPolicyFileThatCannotBeReadOrIsInvalidIsAConfigurationErrorExitingThree() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    assertThat(run("verify", "--policy", dir.resolve("absent.yaml").toString(), unit.model().toString()))
        .isEqualTo(Main.CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("modelseal: configuration error [INVALID_POLICY]");
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: modelseal.dev/v1\nkind: ModelPolicy\n"
        + "identities: 42\n");
    assertThat(run("verify", "--policy", bad.toString(), "--format", "json", unit.model().toString()))
        .isEqualTo(Main.CONFIG);
    JsonNode report = JSON.readTree(stdout());
    assertThat(report.get("verdict").asText()).isEqualTo("ERROR");
    assertThat(report.get("reason").asText()).isEqualTo("INVALID_POLICY");
    assertThat(run("verify", "--policy", dir.resolve("policy.yaml").toString(), "--trusted-root",
        dir.resolve("no_root.json").toString(), unit.model().toString())).isEqualTo(Main.CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("[INVALID_TRUST_ROOT]", "not found");
  }

  @Test
  void aModelThatDoesNotExistIsAUsageErrorSayingSo() throws Exception {
    unit(AttestationTamper.NONE);
    assertThat(run("verify", "--policy", dir.resolve("policy.yaml").toString(),
        dir.resolve("missing.onnx").toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.onnx does not exist")
        .doesNotContain("MISSING_EVIDENCE");
  }

  @Test
  void aFailingConditionIsRejectedAndAuditAdmitsIt() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.FAILING_PREDICATE);
    String policy = dir.resolve("policy.yaml").toString();
    assertThat(run("verify", "--policy", policy, "--format", "json", unit.model().toString())).isEqualTo(1);
    JsonNode rejected = JSON.readTree(stdout());
    assertThat(rejected.get("verified").asBoolean()).isFalse();
    assertThat(rejected.get("reason").asText()).isEqualTo("CONDITION_FAILED");
    assertThat(rejected.at("/failures/0/message").asText()).contains("eval.accuracy");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("CONDITION_FAILED");

    assertThat(run("verify", "--policy", policy, "--audit", "--format", "json", unit.model().toString())).isEqualTo(0);
    JsonNode audited = JSON.readTree(stdout());
    assertThat(audited.get("mode").asText()).isEqualTo("AUDIT");
    assertThat(audited.get("verdict").asText()).isEqualTo("ADMITTED_WITH_VIOLATIONS");
    assertThat(audited.get("violations")).hasSize(1);
    assertThat(audited.at("/violations/0/reason").asText()).isEqualTo("CONDITION_FAILED");
    assertThat(audited.at("/violations/0/detail").asText()).contains("eval.accuracy");

    assertThat(run("verify", "--policy", policy, "--audit", unit.model().toString())).isEqualTo(0);
    assertThat(stdout()).startsWith("ADMITTED_WITH_VIOLATIONS").contains("AUDIT MODE", "1 policy violation",
        "violation:    [CONDITION_FAILED]");
  }

  @Test
  void policyFilesAndIdentityFlagsDoNotMix() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    assertThat(run("verify", "--policy", dir.resolve("policy.yaml").toString(), "--key", "k.pub",
        unit.model().toString())).isEqualTo(2);
    assertThat(run("verify", "--policy", dir.resolve("policy.yaml").toString(), "--format", "xml",
        unit.model().toString())).isEqualTo(2);
  }

  @Test
  void inspectShowsClaimsLabelledUnverified() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    assertThat(run("inspect", unit.attestation().orElseThrow().toString())).isEqualTo(0);
    assertThat(stdout()).startsWith("UNVERIFIED").contains("predicateType: https://cosign.sigstore.dev/attestation/v1",
        "signer:        " + DeliveryUnit.IDENTITY, "log entry:", "subject:");
    assertThat(stdout()).contains("statement (UNVERIFIED, as the envelope's payload says):",
        "\"predicateType\" : \"https://cosign.sigstore.dev/attestation/v1\"", "predicate Data, unwrapped (UNVERIFIED):", "\"accuracy\" : 0.91",
        "subject:       " + DeliveryUnit.DEFAULT_MODEL_NAME + " sha256:" + unit.modelSha256Hex());
    assertThat(run("inspect", unit.sbom().orElseThrow().toString())).isEqualTo(0);
    assertThat(stdout()).contains("more lines (--full shows them)");
    assertThat(run("inspect", "--full", unit.sbom().orElseThrow().toString())).isEqualTo(0);
    assertThat(stdout()).doesNotContain("more lines").contains("CDLA-Permissive-2.0");
    assertThat(run("inspect", unit.signature().orElseThrow().toString())).isEqualTo(0);
    assertThat(stdout()).contains("digest:        sha256:" + unit.modelSha256Hex()).doesNotContain("statement");

    assertThat(run("inspect", dir.resolve("policy.yaml").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a Sigstore bundle");
    assertThat(run("inspect", unit.model().toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a Sigstore bundle");
    Files.writeString(dir.resolve("bad.json"), "{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\"}");
    assertThat(run("inspect", dir.resolve("bad.json").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the bundle [MALFORMED_BUNDLE]")
        .doesNotContain("not a Sigstore bundle");
    assertThat(run("inspect")).isEqualTo(2);
  }

  @Test
  void progressBarDrawsOnlyOnATerminalAndOnlyForLargeModels() {
    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    PrintWriter ps = new PrintWriter(bar, true, StandardCharsets.UTF_8);
    assertThat(ProgressBar.forTerminal(ps, "m.bin", false)).isSameAs(ReadProgress.NONE);
    ReadProgress p = ProgressBar.forTerminal(ps, "m.bin", true);
    p.bytesRead(1, 1000);
    assertThat(bar.size()).isZero();
    long total = ProgressBar.MIN_SIZE * 2;
    p.bytesRead(total / 2, total);
    assertThat(bar.toString(StandardCharsets.UTF_8)).contains("verifying m.bin", "50%", "64/128 MiB");
  }
}
