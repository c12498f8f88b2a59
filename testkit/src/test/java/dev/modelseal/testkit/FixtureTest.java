package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeSigstoreExtension.class)
class FixtureTest {
  @TempDir Path dir;

  @Test
  void writesModelBundleAndTrustedRootAndExpectsTheGoodSigner(FakeSigstore sigstore) throws Exception {
    Fixture fixture = sigstore.fixture(dir.resolve("good"), Tamper.NONE);

    assertThat(fixture.model()).isEqualTo(dir.resolve("good/model.bin"));
    assertThat(fixture.signature()).isEqualTo(dir.resolve("good/model.bin.sigstore.json"));
    assertThat(fixture.trustedRoot()).isEqualTo(dir.resolve("good/trusted_root.json"));
    assertThat(fixture.identity()).isEqualTo(FixtureFactory.IDENTITY);
    assertThat(fixture.issuer()).isEqualTo(FixtureFactory.ISSUER);
    assertThat(fixture.tamper()).isEqualTo(Tamper.NONE);
    assertThat(Files.readString(fixture.trustedRoot())).isEqualTo(sigstore.trustedRootJson());
    byte[] model = Files.readAllBytes(fixture.model());
    assertThat(model).hasSize(16 * 1024).isEqualTo(FixtureFactory.modelBytes());
    JsonNode bundle = BundleJson.read(fixture.signature());
    assertThat(bundle.get("mediaType").asText()).isEqualTo(BundleMediaType.V0_3_NEW);
    assertThat(bundle.at("/messageSignature/messageDigest/digest").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(Sha256.of(model)));
  }

  @Test
  void flippedModelDiffersFromTheSignedBytesInExactlyOneByte(FakeSigstore sigstore) throws Exception {
    byte[] signed = FixtureFactory.modelBytes();

    byte[] model = Files.readAllBytes(sigstore.fixture(dir, Tamper.FLIPPED_MODEL_BYTE).model());

    int differences = 0;
    for (int i = 0; i < signed.length; i++) {
      differences += signed[i] != model[i] ? 1 : 0;
    }
    assertThat(differences).isEqualTo(1);
  }

  @Test
  void proofsAreNonTrivial(FakeSigstore sigstore) {
    JsonNode bundle = BundleJson.read(sigstore.fixture(dir, Tamper.NONE).signature());

    assertThat(bundle.at("/verificationMaterial/tlogEntries/0/inclusionProof/hashes").size()).isGreaterThan(1);
  }

  @Test
  void streamedDigestEqualsTheInMemoryDigestAcrossBlockBoundaries() throws Exception {
    byte[] bytes = new byte[3 * (1 << 20) + 5];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    Path file = Files.write(dir.resolve("big.bin"), bytes);

    assertThat(Sha256.ofFile(file)).isEqualTo(Sha256.of(bytes));
  }
}
