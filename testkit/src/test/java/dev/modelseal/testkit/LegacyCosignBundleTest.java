package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** No available verifier reads cosign 2.x legacy bundles, so these tests check them field by field. */
@ExtendWith(FakeSigstoreExtension.class)
class LegacyCosignBundleTest {
  @TempDir Path dir;
  private Path model;
  private byte[] modelBytes;

  @BeforeEach
  void writeModel() throws Exception {
    modelBytes = FixtureFactory.modelBytes();
    model = Files.write(dir.resolve("model.bin"), modelBytes);
  }

  @Test
  void keylessBundleCarriesCertificatePemSignatureAndVerifiableSet(FakeSigstore sigstore) throws Exception {
    Path out = sigstore.signer("bot@example.com", "https://issuer.example").signLegacyCosign(model, dir.resolve("b.json"));

    JsonNode bundle = BundleJson.read(out);
    assertThat(bundle.fieldNames()).toIterable().containsExactly("base64Signature", "cert", "rekorBundle");
    String pem = BundleJson.base64Text(bundle.get("cert"));
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
    X509Certificate leaf = BundleJson.certificate(pem.getBytes(StandardCharsets.US_ASCII));
    assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(1, "bot@example.com"));
    assertSignedModelAndLogged(sigstore, bundle, leaf.getPublicKey());
  }

  @Test
  void keyBundleCarriesThePublicKeyPem(FakeSigstore sigstore) throws Exception {
    KeySigner signer = sigstore.keySigner();

    JsonNode bundle = BundleJson.read(signer.signLegacyCosign(model, dir.resolve("b.json")));

    String pem = BundleJson.base64Text(bundle.get("cert"));
    assertThat(pem).isEqualTo(signer.publicKeyPem());
    String base64 = pem.replaceAll("-----[A-Z ]+-----|\n", "");
    PublicKey key = KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(java.util.Base64.getDecoder().decode(base64)));
    assertSignedModelAndLogged(sigstore, bundle, key);
  }

  /** Signature over the model, Rekor body binding digest+signature+cert, and the SET over the payload. */
  private void assertSignedModelAndLogged(FakeSigstore sigstore, JsonNode bundle, PublicKey key) throws Exception {
    assertThat(BundleJson.verifies(key, modelBytes, BundleJson.base64(bundle.get("base64Signature")))).isTrue();

    JsonNode payload = bundle.at("/rekorBundle/Payload");
    assertThat(payload.fieldNames()).toIterable().containsExactly("body", "integratedTime", "logIndex", "logID");
    JsonNode body = BundleJson.parse(BundleJson.base64(payload.get("body")));
    assertThat(body.at("/spec/data/hash/value").asText())
        .isEqualTo(HexFormat.of().formatHex(Sha256.of(modelBytes)));
    assertThat(body.at("/spec/signature/content").asText()).isEqualTo(bundle.get("base64Signature").asText());
    assertThat(body.at("/spec/signature/publicKey/content").asText()).isEqualTo(bundle.get("cert").asText());

    JsonNode tlog = BundleJson.parse(sigstore.trustedRootJson().getBytes(StandardCharsets.UTF_8)).at("/tlogs/0");
    PublicKey logKey = KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(BundleJson.base64(tlog.at("/publicKey/rawBytes"))));
    assertThat(payload.get("logID").asText())
        .isEqualTo(HexFormat.of().formatHex(BundleJson.base64(tlog.at("/logId/keyId"))));
    String signed = String.format("{\"body\":\"%s\",\"integratedTime\":%d,\"logID\":\"%s\",\"logIndex\":%d}",
        payload.get("body").asText(), payload.get("integratedTime").asLong(),
        payload.get("logID").asText(), payload.get("logIndex").asLong());
    assertThat(BundleJson.verifies(logKey, signed.getBytes(StandardCharsets.UTF_8),
        BundleJson.base64(bundle.at("/rekorBundle/SignedEntryTimestamp")))).isTrue();
  }
}
