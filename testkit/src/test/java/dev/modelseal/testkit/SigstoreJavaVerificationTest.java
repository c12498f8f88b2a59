package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.KeylessVerificationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks testkit evidence with sigstore-java 2.0.0's offline {@code KeylessVerifier}, which
 * cannot judge key-signed or legacy cosign bundles.
 */
@ExtendWith(FakeSigstoreExtension.class)
class SigstoreJavaVerificationTest {
  private static final String IDENTITY = "ml-team@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  /**
   * The message of sigstore-java's exception (or of its cause) for each defect it detects.
   * EXPIRED_CERTIFICATE is missing on purpose: sigstore-java 2.0.0 validates the chain at the
   * leaf's notBefore and never compares the validity with the integrated time. So are the defects
   * {@link #undetectedDefectIsTheFixturesOnlyOne} lists, which it accepts.
   */
  private static final Map<Tamper, String> REASONS = Map.ofEntries(
      Map.entry(Tamper.FLIPPED_MODEL_BYTE, "Provided artifact digest does not match digest used for verification"),
      Map.entry(Tamper.WRONG_IDENTITY, "No provided certificate identities matched"),
      Map.entry(Tamper.WRONG_ISSUER, "No provided certificate identities matched"),
      Map.entry(Tamper.UNTRUSTED_CA, "Certificate was not verifiable against CAs"),
      Map.entry(Tamper.FORGED_INCLUSION_PROOF, "Inclusion proof verification failed"),
      Map.entry(Tamper.BAD_CHECKPOINT_SIGNATURE, "Checkpoint signature was invalid"),
      Map.entry(Tamper.BAD_SET, "Entry SET was not valid"),
      Map.entry(Tamper.SIGNATURE_OVER_OTHER_CONTENT, "Artifact signature was not valid"),
      Map.entry(Tamper.CHECKPOINT_OF_OTHER_ROOT, "Checkpoint root hash does not match root hash provided in inclusion proof"),
      Map.entry(Tamper.LOGGED_OTHER_DIGEST, "Provided verification materials are inconsistent with log entry"),
      Map.entry(Tamper.LOGGED_OTHER_SIGNATURE, "Provided verification materials are inconsistent with log entry"),
      Map.entry(Tamper.LOGGED_OTHER_CERTIFICATE, "Provided verification materials are inconsistent with log entry"));

  @TempDir Path dir;

  static Stream<Arguments> keylessVariants() {
    return Stream.of(BundleMediaType.V0_1, BundleMediaType.V0_2, BundleMediaType.V0_3, BundleMediaType.V0_3_NEW)
        .flatMap(mediaType -> Stream.of(Arguments.of(mediaType, false), Arguments.of(mediaType, true)));
  }

  @ParameterizedTest(name = "{0}, rfc3161={1}")
  @MethodSource("keylessVariants")
  void acceptsKeylessBundle(String mediaType, boolean timestamp, FakeSigstore sigstore) throws Exception {
    Path model = Files.write(dir.resolve("model.bin"), FixtureFactory.modelBytes());
    Path bundle = sigstore.signer(IDENTITY, ISSUER).withMediaType(mediaType).withTimestamp(timestamp).signBundle(model);
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    assertThatCode(() -> SigstoreJava.verify(model, bundle, root, IDENTITY, ISSUER)).doesNotThrowAnyException();
  }

  @Test
  void acceptsUntamperedFixture(FakeSigstore sigstore) {
    Fixture fixture = sigstore.fixture(dir, Tamper.NONE);

    assertThatCode(() -> SigstoreJava.verify(fixture)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(value = Tamper.class, names = {"NONE", "EXPIRED_CERTIFICATE", "NOT_YET_VALID_CERTIFICATE",
      "WRONG_EXTENDED_KEY_USAGE", "NO_EXTENDED_KEY_USAGE", "NO_DIGITAL_SIGNATURE_KEY_USAGE", "CHECKPOINT_OF_OTHER_SIZE"},
      mode = EnumSource.Mode.EXCLUDE)
  void rejectsTamperedFixtureForItsReason(Tamper tamper, FakeSigstore sigstore) {
    Fixture fixture = sigstore.fixture(dir, tamper);

    assertThatThrownBy(() -> SigstoreJava.verify(fixture))
        .isInstanceOf(KeylessVerificationException.class)
        .satisfies(e -> assertThat(messages(e)).contains(REASONS.get(tamper)));
  }

  /**
   * Defects sigstore-java 2.0.0 does not look for: a leaf not valid yet and the leaf's key usages
   * (it validates the chain at the leaf's notBefore, with no usage checks), and a checkpoint size
   * other than the proof's. Each is its fixture's only defect: sigstore-java accepts it.
   */
  @ParameterizedTest
  @EnumSource(value = Tamper.class, names = {"NOT_YET_VALID_CERTIFICATE", "WRONG_EXTENDED_KEY_USAGE",
      "NO_EXTENDED_KEY_USAGE", "NO_DIGITAL_SIGNATURE_KEY_USAGE", "CHECKPOINT_OF_OTHER_SIZE"})
  void undetectedDefectIsTheFixturesOnlyOne(Tamper tamper, FakeSigstore sigstore) {
    Fixture fixture = sigstore.fixture(dir, tamper);

    assertThatCode(() -> SigstoreJava.verify(fixture)).doesNotThrowAnyException();
  }

  /**
   * sigstore-java 2.0.0 never compares the leaf's validity with the integrated time (formats notes
   * §7), so it finds nothing else wrong with this fixture: the expiry is its one defect.
   */
  @Test
  void expiredCertificateFixtureHasNoOtherDefect(FakeSigstore sigstore) throws Exception {
    Fixture fixture = sigstore.fixture(dir, Tamper.EXPIRED_CERTIFICATE);
    JsonNode bundle = BundleJson.read(fixture.signature());
    X509Certificate leaf =
        BundleJson.certificate(BundleJson.base64(bundle.at("/verificationMaterial/certificate/rawBytes")));
    long integratedTime = bundle.at("/verificationMaterial/tlogEntries/0/integratedTime").asLong();

    assertThat(leaf.getNotAfter().toInstant()).isBefore(Instant.ofEpochSecond(integratedTime));
    assertThatCode(() -> SigstoreJava.verify(fixture)).doesNotThrowAnyException();
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
