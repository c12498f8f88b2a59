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
    DemoCommand.writeSamplePolicy(dir.resolve("policy.yaml"), unit.trustedRoot().orElseThrow());
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
    assertThat(audited.get("violations")).hasSize(1);

    assertThat(run("verify", "--policy", policy, "--audit", unit.model().toString())).isEqualTo(0);
    assertThat(stdout()).contains("AUDIT MODE", "1 policy violation");
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
    Files.writeString(dir.resolve("bad.json"), "{");
    assertThat(run("inspect", dir.resolve("bad.json").toString())).isEqualTo(1);
    assertThat(run("inspect")).isEqualTo(2);
  }

  @Test
  void progressBarDrawsOnlyOnATerminalAndOnlyForLargeModels() {
    ByteArrayOutputStream bar = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bar, true, StandardCharsets.UTF_8);
    assertThat(ProgressBar.forTerminal(ps, "m.bin", false)).isSameAs(ReadProgress.NONE);
    ReadProgress p = ProgressBar.forTerminal(ps, "m.bin", true);
    p.bytesRead(1, 1000);
    assertThat(bar.size()).isZero();
    long total = ProgressBar.MIN_SIZE * 2;
    p.bytesRead(total / 2, total);
    assertThat(bar.toString(StandardCharsets.UTF_8)).contains("verifying m.bin", "50%", "64/128 MiB");
  }
}
