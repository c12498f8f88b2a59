package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeSigstoreExtension.class)
class KeySignerTest {
  @TempDir Path dir;

  @Test
  void bundleHintsAtTheKeyAndLogsItsPem(FakeSigstore sigstore) throws Exception {
    KeySigner signer = sigstore.keySigner();
    byte[] modelBytes = FixtureFactory.modelBytes();
    Path model = Files.write(dir.resolve("model.bin"), modelBytes);

    Path bundle = signer.signBundle(model);

    assertThat(bundle).isEqualTo(dir.resolve("model.bin.sigstore.json"));
    JsonNode json = BundleJson.read(bundle);
    assertThat(json.get("mediaType").asText()).isEqualTo(BundleMediaType.V0_3_NEW);
    assertThat(json.get("verificationMaterial").fieldNames()).toIterable()
        .containsExactly("publicKey", "tlogEntries");
    PublicKey key = fromPem(signer.publicKeyPem());
    assertThat(json.at("/verificationMaterial/publicKey/hint").asText())
        .isEqualTo(signer.keyHint())
        .isEqualTo(Base64.getEncoder().encodeToString(Sha256.of(key.getEncoded())));
    JsonNode body = BundleJson.parse(BundleJson.base64(json.at("/verificationMaterial/tlogEntries/0/canonicalizedBody")));
    assertThat(BundleJson.base64Text(body.at("/spec/signature/publicKey/content"))).isEqualTo(signer.publicKeyPem());
    assertThat(BundleJson.verifies(key, modelBytes, BundleJson.base64(json.at("/messageSignature/signature")))).isTrue();
  }

  @Test
  void writesThePublicKeyPem(FakeSigstore sigstore) throws Exception {
    KeySigner signer = sigstore.keySigner();

    Path file = signer.writePublicKey(dir.resolve("keys/cosign.pub"));

    assertThat(Files.readString(file, StandardCharsets.US_ASCII))
        .isEqualTo(signer.publicKeyPem())
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("\n-----END PUBLIC KEY-----\n");
  }

  private static PublicKey fromPem(String pem) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----|\n", "");
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
