package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.Fixture;
import dev.modelseal.testkit.Tamper;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every testkit tampering is refused, for its own reason; the untampered fixture loads. */
@ExtendWith(FakeSigstoreExtension.class)
class TamperingTest {
  private static final Map<Tamper, Reason> REASONS = Map.ofEntries(
      Map.entry(Tamper.FLIPPED_MODEL_BYTE, Reason.DIGEST_MISMATCH),
      Map.entry(Tamper.WRONG_IDENTITY, Reason.IDENTITY_MISMATCH),
      Map.entry(Tamper.WRONG_ISSUER, Reason.IDENTITY_MISMATCH),
      Map.entry(Tamper.UNTRUSTED_CA, Reason.UNTRUSTED_CERTIFICATE),
      Map.entry(Tamper.EXPIRED_CERTIFICATE, Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry(Tamper.FORGED_INCLUSION_PROOF, Reason.INVALID_INCLUSION_PROOF),
      Map.entry(Tamper.BAD_CHECKPOINT_SIGNATURE, Reason.INVALID_CHECKPOINT),
      Map.entry(Tamper.BAD_SET, Reason.INVALID_SET),
      Map.entry(Tamper.SIGNATURE_OVER_OTHER_CONTENT, Reason.INVALID_SIGNATURE),
      Map.entry(Tamper.NOT_YET_VALID_CERTIFICATE, Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry(Tamper.WRONG_EXTENDED_KEY_USAGE, Reason.UNTRUSTED_CERTIFICATE),
      Map.entry(Tamper.NO_EXTENDED_KEY_USAGE, Reason.UNTRUSTED_CERTIFICATE),
      Map.entry(Tamper.NO_DIGITAL_SIGNATURE_KEY_USAGE, Reason.UNTRUSTED_CERTIFICATE),
      Map.entry(Tamper.CHECKPOINT_OF_OTHER_ROOT, Reason.INVALID_CHECKPOINT),
      Map.entry(Tamper.CHECKPOINT_OF_OTHER_SIZE, Reason.INVALID_CHECKPOINT),
      Map.entry(Tamper.LOGGED_OTHER_DIGEST, Reason.INVALID_TLOG_ENTRY),
      Map.entry(Tamper.LOGGED_OTHER_SIGNATURE, Reason.INVALID_TLOG_ENTRY),
      Map.entry(Tamper.LOGGED_OTHER_CERTIFICATE, Reason.INVALID_TLOG_ENTRY));

  static Policy policyFor(Fixture f) throws ModelVerificationException {
    return Policy.builder()
        .trustRoot(TrustRoot.fromJson(f.trustedRoot()))
        .allowIdentity(f.identity(), f.issuer())
        .build();
  }

  @Test
  void untamperedFixtureLoads(FakeSigstore sigstore, @TempDir Path dir) throws Exception {
    Fixture f = sigstore.fixture(dir, Tamper.NONE);
    try (VerifiedModel m = VerifiedModel.load(f.model(), policyFor(f))) {
      assertThat(m.signer().subject()).isEqualTo(f.identity());
      assertThat(m.digests().sha256()).isEqualTo(Sha256.hex(f.model()));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Tamper.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void tamperedFixtureIsRefusedForItsReason(Tamper tamper, @TempDir Path dir) throws Exception {
    Fixture f = FakeSigstore.create().fixture(dir, tamper);
    assertThat(REASONS).containsKey(tamper);
    assertThatThrownBy(() -> VerifiedModel.load(f.model(), policyFor(f)))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(REASONS.get(tamper)));
  }
}
