package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The testkit's {@link DeliveryUnit#policyYaml()} read as a user's policy file through {@link
 * PolicyFiles#read}: the untampered unit loads under it, every tamper is refused for its reason.
 */
class DeliveryUnitPolicyTest {
  @TempDir Path dir;
  private FakeSigstore sigstore;

  @BeforeEach
  void setUp() {
    sigstore = FakeSigstore.create();
  }

  @Test
  void theUnitLoadsUnderItsOwnPolicy() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().write(dir);
    Path policyFile = unit.writePolicy();
    assertThat(policyFile).isEqualTo(dir.resolve(DeliveryUnit.POLICY_FILE));
    try (VerifiedModel m = VerifiedModel.load(unit.model(), PolicyFiles.read(policyFile))) {
      assertThat(m.signer().subject()).isEqualTo(DeliveryUnit.IDENTITY);
      assertThat(m.digests().sha256()).isEqualTo(unit.modelSha256Hex());
      assertThat(m.report().checks()).extracting(Check::name).contains("condition", "sbom");
    }
  }

  @ParameterizedTest
  @EnumSource(value = AttestationTamper.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void everyTamperIsRefusedUnderThePolicyForItsReason(AttestationTamper tamper) throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().tamper(tamper).write(dir);
    Policy policy = PolicyFiles.read(unit.writePolicy());
    Reason expected = switch (tamper) {
      case FLIPPED_MODEL_BYTE, WRONG_SUBJECT -> Reason.DIGEST_MISMATCH;
      case WRONG_PREDICATE_TYPE -> Reason.ATTESTATION_MISSING;
      case FAILING_PREDICATE -> Reason.CONDITION_FAILED;
      case SBOM_WITHOUT_DATASET_LICENSES, SBOM_DENIED_LICENSE, SBOM_MODEL_HASH_MISMATCH -> Reason.SBOM_VIOLATION;
      case NONE -> throw new IllegalArgumentException("NONE is excluded: it must load");
    };
    assertThatThrownBy(() -> VerifiedModel.load(unit.model(), policy).close())
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(expected));
  }

  @Test
  void aKeySignedUnitsPolicyPinsItsKey() throws Exception {
    DeliveryUnit unit = sigstore.deliveryUnit().signer(sigstore.keySigner()).write(dir.resolve("key"));
    try (VerifiedModel m = VerifiedModel.load(unit.model(), PolicyFiles.read(unit.writePolicy()))) {
      assertThat(m.signer().isKeyless()).isFalse();
    }
    DeliveryUnit other = sigstore.deliveryUnit().signer(sigstore.keySigner()).write(dir.resolve("other"));
    Policy wrongKey = PolicyFiles.read(unit.writePolicy());
    // A key-signed bundle names its key only by a hint: it is checked with the pinned key, and fails.
    assertThatThrownBy(() -> VerifiedModel.load(other.model(), wrongKey).close())
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE));
  }

  @Test
  void piecesLeftOutAreNotRequiredAndAMissingTrustRootIsNamed() throws Exception {
    DeliveryUnit bare = sigstore.deliveryUnit().withoutAttestation().withoutSbom().write(dir.resolve("bare"));
    assertThat(bare.policyYaml()).doesNotContain("attestations:", "sbom:");
    VerifiedModel.load(bare.model(), PolicyFiles.read(bare.writePolicy())).close();
    DeliveryUnit rootless = sigstore.deliveryUnit().withoutTrustedRoot().write(dir.resolve("rootless"));
    assertThatThrownBy(rootless::policyYaml).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withoutTrustedRoot");
  }
}
