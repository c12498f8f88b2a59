package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Cross-checks testkit evidence with sigstore-js 3.1.1, an independent verifier. */
@ExtendWith(FakeSigstoreExtension.class)
class SigstoreJsVerificationTest {
  private static final String IDENTITY = "ml-team@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  /**
   * The REJECT reason sigstore-js gives for each planted defect. LOGGED_OTHER_CERTIFICATE is
   * missing on purpose: sigstore-js does not compare a hashedrekord body's certificate with the
   * bundle's (it checks the logged digest and signature), so it accepts that fixture.
   */
  private static final Map<Tamper, String> REASONS = Map.ofEntries(
      Map.entry(Tamper.FLIPPED_MODEL_BYTE, "bundle messageDigest does not match the artifact"),
      Map.entry(Tamper.WRONG_IDENTITY, "certificate identity mismatch"),
      Map.entry(Tamper.WRONG_ISSUER, "certificate OIDC issuer mismatch"),
      Map.entry(Tamper.UNTRUSTED_CA, "CERTIFICATE_ERROR"),
      Map.entry(Tamper.EXPIRED_CERTIFICATE, "CERTIFICATE_ERROR"),
      Map.entry(Tamper.FORGED_INCLUSION_PROOF, "calculated root hash does not match inclusion proof"),
      Map.entry(Tamper.BAD_CHECKPOINT_SIGNATURE, "invalid checkpoint signature"),
      Map.entry(Tamper.BAD_SET, "inclusion promise could not be verified"),
      Map.entry(Tamper.SIGNATURE_OVER_OTHER_CONTENT, "TLOG_BODY_ERROR"),
      Map.entry(Tamper.NOT_YET_VALID_CERTIFICATE, "CERTIFICATE_ERROR"),
      Map.entry(Tamper.WRONG_EXTENDED_KEY_USAGE, "leaf certificate lacks ExtendedKeyUsage codeSigning"),
      Map.entry(Tamper.NO_EXTENDED_KEY_USAGE, "leaf certificate lacks ExtendedKeyUsage codeSigning"),
      Map.entry(Tamper.NO_DIGITAL_SIGNATURE_KEY_USAGE, "leaf certificate lacks KeyUsage digitalSignature"),
      Map.entry(Tamper.CHECKPOINT_OF_OTHER_ROOT, "calculated root hash does not match inclusion proof"),
      Map.entry(Tamper.CHECKPOINT_OF_OTHER_SIZE, "TLOG_INCLUSION_PROOF_ERROR"),
      Map.entry(Tamper.LOGGED_OTHER_DIGEST, "TLOG_BODY_ERROR: digest mismatch"),
      Map.entry(Tamper.LOGGED_OTHER_SIGNATURE, "TLOG_BODY_ERROR: signature mismatch"));

  @TempDir Path dir;

  static Stream<Arguments> keylessVariants() {
    return Stream.of(BundleMediaType.V0_1, BundleMediaType.V0_2, BundleMediaType.V0_3, BundleMediaType.V0_3_NEW)
        .flatMap(mediaType -> Stream.of(Arguments.of(mediaType, false), Arguments.of(mediaType, true)));
  }

  @ParameterizedTest(name = "{0}, rfc3161={1}")
  @MethodSource("keylessVariants")
  void acceptsKeylessBundle(String mediaType, boolean timestamp, FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    Path bundle = sigstore.signer(IDENTITY, ISSUER).withMediaType(mediaType).withTimestamp(timestamp).signBundle(model);
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    SigstoreJs.Result result = js.verifyIdentity(bundle, root, model, IDENTITY, ISSUER);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void acceptsUriIdentity(FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    String workflow = "https://github.com/example/models/.github/workflows/release.yml@refs/heads/main";
    String actions = "https://token.actions.githubusercontent.com";
    Path model = model();
    Path bundle = sigstore.signer(workflow, actions).signBundle(model);
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    SigstoreJs.Result result = js.verifyIdentity(bundle, root, model, workflow, actions);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void acceptsKeySignedBundle(FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    KeySigner signer = sigstore.keySigner();
    Path model = model();
    Path bundle = signer.signBundle(model, dir.resolve("model.bin.sigstore.json"));
    Path key = signer.writePublicKey(dir.resolve("key.pub"));
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    SigstoreJs.Result result = js.verifyKey(bundle, root, model, key);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void rejectsKeySignedBundleUnderAnotherKey(FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    Path bundle = sigstore.keySigner().signBundle(model, dir.resolve("model.bin.sigstore.json"));
    Path otherKey = sigstore.keySigner().writePublicKey(dir.resolve("other.pub"));
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    SigstoreJs.Result result = js.verifyKey(bundle, root, model, otherKey);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("SIGNATURE_ERROR");
  }

  @Test
  void rejectsBundleUnderAnotherInstancesTrustedRoot(FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    Path bundle = sigstore.signer(IDENTITY, ISSUER).signBundle(model);
    Path otherRoot = FakeSigstore.create().writeTrustedRoot(dir.resolve("other_root.json"));

    SigstoreJs.Result result = js.verifyIdentity(bundle, otherRoot, model, IDENTITY, ISSUER);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
  }

  @Test
  void acceptsUntamperedFixture(FakeSigstore sigstore) {
    SigstoreJs js = SigstoreJs.require();
    Fixture fixture = sigstore.fixture(dir, Tamper.NONE);

    SigstoreJs.Result result = js.verifyIdentity(
        fixture.signature(), fixture.trustedRoot(), fixture.model(), fixture.identity(), fixture.issuer());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @EnumSource(value = Tamper.class, names = {"NONE", "LOGGED_OTHER_CERTIFICATE"}, mode = EnumSource.Mode.EXCLUDE)
  void rejectsTamperedFixtureForItsReason(Tamper tamper, FakeSigstore sigstore) {
    SigstoreJs js = SigstoreJs.require();
    Fixture fixture = sigstore.fixture(dir, tamper);

    SigstoreJs.Result result = js.verifyIdentity(
        fixture.signature(), fixture.trustedRoot(), fixture.model(), fixture.identity(), fixture.issuer());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains(REASONS.get(tamper));
  }

  /** The logged certificate is the fixture's only defect, one sigstore-js does not look for. */
  @Test
  void acceptsAnEntryLoggingAnotherCertificate(FakeSigstore sigstore) {
    SigstoreJs js = SigstoreJs.require();
    Fixture fixture = sigstore.fixture(dir, Tamper.LOGGED_OTHER_CERTIFICATE);

    SigstoreJs.Result result = js.verifyIdentity(
        fixture.signature(), fixture.trustedRoot(), fixture.model(), fixture.identity(), fixture.issuer());

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  private Path model() throws Exception {
    return Files.write(dir.resolve("model.bin"), FixtureFactory.modelBytes());
  }
}
