package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import dev.sigstore.KeylessVerificationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks keyless DSSE attestation bundles with sigstore-java 2.0.0, which handles {@code dsse
 * 0.0.1} entries with ASCII payloads only (its PAE counts UTF-16 chars; it has no {@code intoto},
 * key-bundle or legacy support), so only those are tested here.
 */
@ExtendWith(FakeSigstoreExtension.class)
class SigstoreJavaAttestationTest {
  private static final String IDENTITY = "ml-team@example.com";
  private static final String ISSUER = "https://accounts.example.com";
  private static final String PREDICATE =
      "{\"eval\":{\"accuracy\":0.91,\"safety_pass_rate\":0.995},\"reviewers\":[\"alice@example.com\"]}";

  @TempDir Path dir;

  static Stream<Arguments> variants() {
    return Stream.of(BundleMediaType.V0_2, BundleMediaType.V0_3, BundleMediaType.V0_3_NEW)
        .flatMap(mediaType -> Stream.of(Arguments.of(mediaType, false), Arguments.of(mediaType, true)));
  }

  @ParameterizedTest(name = "{0}, rfc3161={1}")
  @MethodSource("variants")
  void acceptsKeylessDsseAttestation(String mediaType, boolean timestamp, FakeSigstore sigstore) throws Exception {
    Path model = model();
    Path bundle = sigstore.signer(IDENTITY, ISSUER).withMediaType(mediaType).withTimestamp(timestamp)
        .attest(model, PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom(PREDICATE), dir.resolve("a.json"));
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    assertThatCode(() -> SigstoreJava.verify(model, bundle, root, IDENTITY, ISSUER)).doesNotThrowAnyException();
  }

  @Test
  void acceptsCycloneDxAttestationOfAnMlBom(FakeSigstore sigstore) throws Exception {
    Path model = model();
    String bom = MlBom.typical(model).build().json();
    Path bundle = sigstore.signer(IDENTITY, ISSUER).attest(model, PredicateTypes.CYCLONEDX, bom, dir.resolve("a.json"));
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    assertThatCode(() -> SigstoreJava.verify(model, bundle, root, IDENTITY, ISSUER)).doesNotThrowAnyException();
  }

  @Test
  void rejectsAttestationOfAnotherArtifact(FakeSigstore sigstore) throws Exception {
    Path model = model();
    Path other = Files.writeString(dir.resolve("other.bin"), "other");
    Path bundle = sigstore.signer(IDENTITY, ISSUER)
        .attest(model, PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom(PREDICATE), dir.resolve("a.json"));
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    assertThatThrownBy(() -> SigstoreJava.verify(other, bundle, root, IDENTITY, ISSUER))
        .isInstanceOf(KeylessVerificationException.class);
  }

  private Path model() throws Exception {
    return Files.write(dir.resolve("model.bin"), FixtureFactory.modelBytes());
  }
}
