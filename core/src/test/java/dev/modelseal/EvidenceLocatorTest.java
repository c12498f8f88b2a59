package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.spi.EvidenceLocator;
import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A custom locator only changes where evidence is found; everything it returns is verified. */
class EvidenceLocatorTest {
  @TempDir Path dir;

  private static Policy policy(DeliveryUnit unit) throws ModelVerificationException {
    return Policy.builder().trustRoot(TrustRoot.fromJson(unit.trustedRoot().orElseThrow()))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER)
        .requireAttestation(AttestationRequirement.builder("custom")
            .condition("{{ eval.accuracy }}", "GreaterThanOrEquals", 0.85).build())
        .build();
  }

  @Test
  void evidenceKeptElsewhereIsFoundAndVerified() throws Exception {
    FakeSigstore sigstore = FakeSigstore.create();
    DeliveryUnit unit = sigstore.deliveryUnit().withoutMetadata().write(dir.resolve("unit"));
    Path store = Files.createDirectories(dir.resolve("evidence-store"));
    Path sig = Files.move(unit.signature().orElseThrow(), store.resolve("sig.json"));
    Path att = Files.move(unit.attestation().orElseThrow(), store.resolve("att.json"));
    EvidenceLocator locator = model -> new EvidenceLocator.Evidence(List.of(sig), List.of(att), List.of());
    LoadOptions options = LoadOptions.builder().evidenceLocator(locator).build();
    try (VerifiedModel m = VerifiedModel.load(unit.model(), policy(unit), options)) {
      assertThat(m.attestations()).isNotEmpty();
    }
    assertThatThrownBy(() -> VerifiedModel.load(unit.model(), policy(unit)))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_EVIDENCE));
  }

  @Test
  void aLocatorCannotSmuggleInBadEvidence() throws Exception {
    FakeSigstore sigstore = FakeSigstore.create();
    DeliveryUnit good = sigstore.deliveryUnit().withoutMetadata().write(dir.resolve("good"));
    DeliveryUnit bad = sigstore.deliveryUnit().withoutMetadata().tamper(AttestationTamper.FAILING_PREDICATE)
        .write(dir.resolve("bad"));
    EvidenceLocator locator = model -> new EvidenceLocator.Evidence(
        List.of(good.signature().orElseThrow()), List.of(bad.attestation().orElseThrow()), List.of());
    assertThatThrownBy(() -> VerifiedModel.load(good.model(), policy(good),
        LoadOptions.builder().evidenceLocator(locator).build()))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONDITION_FAILED));
    // A locator that finds nothing cannot hide what sits next to the model: it is still verified.
    EvidenceLocator none = model -> new EvidenceLocator.Evidence(List.of(), List.of(), List.of());
    try (VerifiedModel m = VerifiedModel.load(good.model(), policy(good),
        LoadOptions.builder().evidenceLocator(none).build())) {
      assertThat(m.attestations()).isNotEmpty();
    }
    Files.copy(bad.attestation().orElseThrow(), good.directory().resolve("model.onnx.attest.sigstore.json"));
    assertThatThrownBy(() -> VerifiedModel.load(good.model(), policy(good),
        LoadOptions.builder().evidenceLocator(none).build()))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONDITION_FAILED));
  }
}
