package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks DSSE attestation bundles with sigstore-js 3.1.1, which verifies the envelope
 * signature over the PAE, the tlog body ({@code dsse 0.0.1} and {@code intoto 0.0.2}), and (via
 * verify.js) that an in-toto subject digest equals the artifact's.
 */
@ExtendWith(FakeSigstoreExtension.class)
class SigstoreJsAttestationTest {
  private static final String IDENTITY = "ml-team@example.com";
  private static final String ISSUER = "https://accounts.example.com";
  private static final String PREDICATE = "{\"eval\":{\"accuracy\":0.91},\"reviewers\":[\"alice@example.com\"]}";
  /** Multi-byte UTF-8 in 2, 3 and 4 bytes: PAE lengths in chars and in bytes differ. */
  private static final String NON_ASCII_PREDICATE =
      "{\"model\":\"Modèle météo — 天気予報 🌦\",\"reviewers\":[\"zoë@example.com\"]}";

  @TempDir Path dir;

  static Stream<Arguments> keylessVariants() {
    return Stream.of(BundleMediaType.V0_1, BundleMediaType.V0_2, BundleMediaType.V0_3, BundleMediaType.V0_3_NEW)
        .flatMap(mediaType -> Stream.of(Arguments.of(mediaType, false), Arguments.of(mediaType, true)));
  }

  @ParameterizedTest(name = "{0}, rfc3161={1}")
  @MethodSource("keylessVariants")
  void acceptsKeylessDsseAttestation(String mediaType, boolean timestamp, FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    Path bundle = sigstore.signer(IDENTITY, ISSUER).withMediaType(mediaType).withTimestamp(timestamp)
        .attest(model, PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom(PREDICATE), dir.resolve("a.json"));

    SigstoreJs.Result result = js.verifyIdentity(bundle, root(sigstore), model, IDENTITY, ISSUER);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @EnumSource(AttestationEntryKind.class)
  void acceptsEveryEntryKindAndStatementType(AttestationEntryKind kind, FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    Path root = root(sigstore);
    for (StatementType type : StatementType.values()) {
      Path bundle = sigstore.signer(IDENTITY, ISSUER).withAttestationEntryKind(kind).withStatementType(type)
          .attest(model, PredicateTypes.CYCLONEDX, "{\"bomFormat\":\"CycloneDX\"}", dir.resolve(type + ".json"));

      SigstoreJs.Result result = js.verifyIdentity(bundle, root, model, IDENTITY, ISSUER);

      assertThat(result.exitCode()).as(kind + " " + type + ": " + result.output()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(AttestationEntryKind.class)
  void acceptsNonAsciiPayload(AttestationEntryKind kind, FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    Path bundle = sigstore.signer(IDENTITY, ISSUER).withAttestationEntryKind(kind).withTimestamp(true)
        .attest(model, "https://example.com/predicate/ü/v1", NON_ASCII_PREDICATE, dir.resolve("a.json"));

    SigstoreJs.Result result = js.verifyIdentity(bundle, root(sigstore), model, IDENTITY, ISSUER);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @ParameterizedTest
  @EnumSource(AttestationEntryKind.class)
  void acceptsKeySignedAttestation(AttestationEntryKind kind, FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    KeySigner signer = sigstore.keySigner().withAttestationEntryKind(kind);
    Path model = model();
    Path bundle = signer.attest(model, PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom(NON_ASCII_PREDICATE),
        dir.resolve("a.json"));
    Path key = signer.writePublicKey(dir.resolve("key.pub"));

    SigstoreJs.Result result = js.verifyKey(bundle, root(sigstore), model, key);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void acceptsAttestedStatementWithSeveralSubjects(FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    String digest = java.util.HexFormat.of().formatHex(Sha256.ofFile(model));
    String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":["
        + "{\"name\":\"other\",\"digest\":{\"sha256\":\"" + "ab".repeat(32) + "\"}},"
        + "{\"name\":\"model.bin\",\"digest\":{\"sha256\":\"" + digest + "\"}}],"
        + "\"predicateType\":\"https://example.com/p\",\"predicate\":{}}";
    Path bundle = sigstore.signer(IDENTITY, ISSUER).attestStatement(statement, dir.resolve("a.json"));

    SigstoreJs.Result result = js.verifyIdentity(bundle, root(sigstore), model, IDENTITY, ISSUER);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void rejectsAttestationOfAnotherArtifact(FakeSigstore sigstore) throws Exception {
    SigstoreJs js = SigstoreJs.require();
    Path model = model();
    Path other = Files.writeString(dir.resolve("other.bin"), "other");
    Path bundle = sigstore.signer(IDENTITY, ISSUER)
        .attest(model, PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom(PREDICATE), dir.resolve("a.json"));

    SigstoreJs.Result result = js.verifyIdentity(bundle, root(sigstore), other, IDENTITY, ISSUER);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("no in-toto subject has sha256");
  }

  private Path model() throws Exception {
    return Files.write(dir.resolve("model.bin"), FixtureFactory.modelBytes());
  }

  private Path root(FakeSigstore sigstore) {
    return sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
  }
}
