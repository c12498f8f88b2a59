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
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reads attestation bundles back field by field, independently of the code that wrote them. */
@ExtendWith(FakeSigstoreExtension.class)
class AttestationTest {
  private static final String IDENTITY = "ml-team@example.com";
  private static final String ISSUER = "https://accounts.example.com";
  private static final String PREDICATE = "{\"eval\":{\"accuracy\":0.91,\"safety_pass_rate\":0.995}}";
  private static final String NON_ASCII = "{\"note\":\"Modèle — 天気 🌦\"}";
  private static final String IN_TOTO = "application/vnd.in-toto+json";

  @TempDir Path dir;
  private Path model;
  private String modelSha;

  @BeforeEach
  void writeModel() throws Exception {
    model = Files.write(dir.resolve("model.bin"), FixtureFactory.modelBytes());
    modelSha = HexFormat.of().formatHex(Sha256.of(FixtureFactory.modelBytes()));
  }

  @Test
  void keylessBundleCarriesSignedStatementAndDsseEntry(FakeSigstore sigstore) throws Exception {
    JsonNode bundle = BundleJson.read(sigstore.signer(IDENTITY, ISSUER)
        .attest(model, PredicateTypes.COSIGN_CUSTOM, PREDICATE, dir.resolve("a.json")));

    assertThat(bundle.get("mediaType").asText()).isEqualTo(BundleMediaType.V0_3_NEW);
    assertThat(bundle.has("messageSignature")).isFalse();
    JsonNode envelope = bundle.get("dsseEnvelope");
    assertThat(envelope.get("payloadType").asText()).isEqualTo(IN_TOTO);
    assertThat(envelope.get("signatures")).hasSize(1);
    assertThat(envelope.at("/signatures/0/keyid").asText()).isEmpty();
    byte[] payload = BundleJson.base64(envelope.get("payload"));
    JsonNode statement = BundleJson.parse(payload);
    assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(statement.get("subject")).hasSize(1);
    assertThat(statement.at("/subject/0/name").asText()).isEqualTo("model.bin");
    assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(modelSha);
    assertThat(statement.get("predicateType").asText()).isEqualTo(PredicateTypes.COSIGN_CUSTOM);
    assertThat(statement.get("predicate")).isEqualTo(BundleJson.parse(PREDICATE.getBytes(StandardCharsets.UTF_8)));
    assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"safety_pass_rate\":0.995");

    X509Certificate leaf = BundleJson.certificate(BundleJson.base64(bundle.at("/verificationMaterial/certificate/rawBytes")));
    byte[] signature = BundleJson.base64(envelope.at("/signatures/0/sig"));
    assertThat(BundleJson.verifies(leaf.getPublicKey(), pae(payload), signature)).isTrue();

    JsonNode entry = bundle.at("/verificationMaterial/tlogEntries/0");
    assertThat(entry.at("/kindVersion/kind").asText()).isEqualTo("dsse");
    assertThat(entry.at("/kindVersion/version").asText()).isEqualTo("0.0.1");
    JsonNode body = BundleJson.parse(BundleJson.base64(entry.get("canonicalizedBody")));
    String cosignEnvelope = "{\"payloadType\":\"" + IN_TOTO + "\",\"payload\":\"" + envelope.get("payload").asText()
        + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"" + envelope.at("/signatures/0/sig").asText() + "\"}]}";
    assertThat(body.at("/spec/envelopeHash/value").asText()).isEqualTo(sha(cosignEnvelope.getBytes(StandardCharsets.UTF_8)));
    assertThat(body.at("/spec/payloadHash/algorithm").asText()).isEqualTo("sha256");
    assertThat(body.at("/spec/payloadHash/value").asText()).isEqualTo(sha(payload));
    assertThat(body.at("/spec/signatures")).hasSize(1);
    assertThat(body.at("/spec/signatures/0/signature").asText()).isEqualTo(envelope.at("/signatures/0/sig").asText());
    assertThat(BundleJson.base64Text(body.at("/spec/signatures/0/verifier")))
        .isEqualTo(pem("CERTIFICATE", leaf.getEncoded()));
    assertThat(bundle.at("/verificationMaterial").has("timestampVerificationData")).isFalse();
  }

  @Test
  void timestampIsOverTheDsseSignatureBytes(FakeSigstore sigstore) throws Exception {
    JsonNode bundle = BundleJson.read(sigstore.signer(IDENTITY, ISSUER).withTimestamp(true)
        .attest(model, PredicateTypes.COSIGN_CUSTOM, PREDICATE, dir.resolve("a.json")));

    byte[] signature = BundleJson.base64(bundle.at("/dsseEnvelope/signatures/0/sig"));
    TimeStampResponse response = new TimeStampResponse(BundleJson.base64(
        bundle.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp")));
    assertThat(response.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest())
        .isEqualTo(Sha256.of(signature));
  }

  @Test
  void statementV01AndIntotoEntryOnRequest(FakeSigstore sigstore) throws Exception {
    JsonNode bundle = BundleJson.read(sigstore.signer(IDENTITY, ISSUER)
        .withStatementType(StatementType.V0_1).withAttestationEntryKind(AttestationEntryKind.INTOTO)
        .attest(model, PredicateTypes.CYCLONEDX, "{}", dir.resolve("a.json")));

    byte[] payload = BundleJson.base64(bundle.at("/dsseEnvelope/payload"));
    assertThat(BundleJson.parse(payload).get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v0.1");
    JsonNode entry = bundle.at("/verificationMaterial/tlogEntries/0");
    assertThat(entry.at("/kindVersion/kind").asText()).isEqualTo("intoto");
    assertThat(entry.at("/kindVersion/version").asText()).isEqualTo("0.0.2");
    assertIntotoBody(BundleJson.parse(BundleJson.base64(entry.get("canonicalizedBody"))),
        bundle.at("/dsseEnvelope/signatures/0/sig").asText(), payload, false);
  }

  @Test
  void intotoWithPayloadKeepsTheDoubleBase64Payload(FakeSigstore sigstore) throws Exception {
    JsonNode bundle = BundleJson.read(sigstore.keySigner()
        .withAttestationEntryKind(AttestationEntryKind.INTOTO_WITH_PAYLOAD)
        .attest(model, PredicateTypes.CYCLONEDX, "{}", dir.resolve("a.json")));

    JsonNode body = BundleJson.parse(BundleJson.base64(bundle.at("/verificationMaterial/tlogEntries/0/canonicalizedBody")));
    assertIntotoBody(body, bundle.at("/dsseEnvelope/signatures/0/sig").asText(),
        BundleJson.base64(bundle.at("/dsseEnvelope/payload")), true);
  }

  @Test
  void nonAsciiPayloadIsSignedOverByteLengths(FakeSigstore sigstore) throws Exception {
    JsonNode bundle = BundleJson.read(sigstore.signer(IDENTITY, ISSUER)
        .attest(model, "https://example.com/ü", NON_ASCII, dir.resolve("a.json")));

    byte[] payload = BundleJson.base64(bundle.at("/dsseEnvelope/payload"));
    String text = new String(payload, StandardCharsets.UTF_8);
    assertThat(text).contains("Modèle — 天気 🌦");
    assertThat(payload.length).isGreaterThan(text.length());
    PublicKey key = BundleJson.certificate(BundleJson.base64(bundle.at("/verificationMaterial/certificate/rawBytes")))
        .getPublicKey();
    byte[] signature = BundleJson.base64(bundle.at("/dsseEnvelope/signatures/0/sig"));
    assertThat(BundleJson.verifies(key, pae(payload), signature)).isTrue();
    byte[] charCountedPae = ("DSSEv1 " + IN_TOTO.length() + " " + IN_TOTO + " " + text.length() + " " + text)
        .getBytes(StandardCharsets.UTF_8);
    assertThat(BundleJson.verifies(key, charCountedPae, signature)).isFalse();
  }

  @Test
  void keySignedBundleHintsAtTheKeyAndLogsIt(FakeSigstore sigstore) throws Exception {
    KeySigner signer = sigstore.keySigner();

    JsonNode bundle = BundleJson.read(signer.attest(model, PredicateTypes.COSIGN_CUSTOM, PREDICATE, dir.resolve("a.json")));

    assertThat(bundle.get("verificationMaterial").fieldNames()).toIterable().containsExactly("publicKey", "tlogEntries");
    assertThat(bundle.at("/verificationMaterial/publicKey/hint").asText()).isEqualTo(signer.keyHint());
    byte[] payload = BundleJson.base64(bundle.at("/dsseEnvelope/payload"));
    byte[] signature = BundleJson.base64(bundle.at("/dsseEnvelope/signatures/0/sig"));
    assertThat(BundleJson.verifies(publicKey(signer.publicKeyPem()), pae(payload), signature)).isTrue();
    JsonNode body = BundleJson.parse(BundleJson.base64(bundle.at("/verificationMaterial/tlogEntries/0/canonicalizedBody")));
    assertThat(body.get("kind").asText()).isEqualTo("dsse");
    assertThat(BundleJson.base64Text(body.at("/spec/signatures/0/verifier"))).isEqualTo(signer.publicKeyPem());
  }

  @Test
  void attestStatementSignsTheGivenBytes(FakeSigstore sigstore) throws Exception {
    String statement = "{\"_type\":\"odd\", \"subject\":[]}";

    JsonNode bundle = BundleJson.read(sigstore.signer(IDENTITY, ISSUER).attestStatement(statement, dir.resolve("a.json")));

    assertThat(BundleJson.base64Text(bundle.at("/dsseEnvelope/payload"))).isEqualTo(statement);
  }

  @Test
  void legacyKeylessAttestationIsCosignAttestBlobs(FakeSigstore sigstore) throws Exception {
    JsonNode bundle = BundleJson.read(sigstore.signer(IDENTITY, ISSUER)
        .attestLegacyCosign(model, PredicateTypes.COSIGN_CUSTOM, PREDICATE, dir.resolve("a.json")));

    assertThat(bundle.fieldNames()).toIterable().containsExactly("base64Signature", "cert", "rekorBundle");
    String envelopeJson = BundleJson.base64Text(bundle.get("base64Signature"));
    JsonNode envelope = BundleJson.parse(envelopeJson.getBytes(StandardCharsets.UTF_8));
    assertThat(envelope.fieldNames()).toIterable().containsExactly("payloadType", "payload", "signatures");
    assertThat(envelope.get("payloadType").asText()).isEqualTo(IN_TOTO);
    assertThat(envelope.at("/signatures/0").fieldNames()).toIterable().containsExactly("keyid", "sig");
    byte[] payload = BundleJson.base64(envelope.get("payload"));
    JsonNode statement = BundleJson.parse(payload);
    assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v0.1");
    assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(modelSha);

    String certPem = BundleJson.base64Text(bundle.get("cert"));
    X509Certificate leaf = BundleJson.certificate(certPem.getBytes(StandardCharsets.US_ASCII));
    String sig = envelope.at("/signatures/0/sig").asText();
    assertThat(BundleJson.verifies(leaf.getPublicKey(), pae(payload), Base64.getDecoder().decode(sig))).isTrue();

    JsonNode rekorPayload = bundle.at("/rekorBundle/Payload");
    assertThat(rekorPayload.fieldNames()).toIterable().containsExactly("body", "integratedTime", "logIndex", "logID");
    JsonNode body = BundleJson.parse(BundleJson.base64(rekorPayload.get("body")));
    assertThat(body.get("kind").asText()).isEqualTo("intoto");
    assertIntotoBody(body, sig, payload, false);
    assertThat(body.at("/spec/content/envelope/signatures/0/publicKey").asText()).isEqualTo(bundle.get("cert").asText());
    assertSetVerifies(sigstore, bundle);
  }

  @Test
  void legacyAttestationFollowsExplicitSettings(FakeSigstore sigstore) throws Exception {
    KeySigner signer = sigstore.keySigner()
        .withStatementType(StatementType.V1).withAttestationEntryKind(AttestationEntryKind.DSSE);

    JsonNode bundle = BundleJson.read(signer.attestLegacyCosign(model, PredicateTypes.CYCLONEDX, "{}", dir.resolve("a.json")));

    assertThat(BundleJson.base64Text(bundle.get("cert"))).isEqualTo(signer.publicKeyPem());
    JsonNode envelope = BundleJson.parse(BundleJson.base64(bundle.get("base64Signature")));
    assertThat(BundleJson.parse(BundleJson.base64(envelope.get("payload"))).get("_type").asText())
        .isEqualTo("https://in-toto.io/Statement/v1");
    JsonNode body = BundleJson.parse(BundleJson.base64(bundle.at("/rekorBundle/Payload/body")));
    assertThat(body.get("kind").asText()).isEqualTo("dsse");
    assertThat(body.at("/spec/envelopeHash/value").asText()).isEqualTo(sha(BundleJson.base64(bundle.get("base64Signature"))));
    assertSetVerifies(sigstore, bundle);
  }

  /** The intoto 0.0.2 body: double base64 sig, base64 PEM, payload hash, hash over Rekor's envelope form. */
  private static void assertIntotoBody(JsonNode body, String sigBase64, byte[] payload, boolean withPayload) {
    assertThat(body.get("apiVersion").asText()).isEqualTo("0.0.2");
    JsonNode content = body.at("/spec/content");
    JsonNode envelope = content.get("envelope");
    assertThat(envelope.get("payloadType").asText()).isEqualTo(IN_TOTO);
    assertThat(envelope.get("signatures")).hasSize(1);
    assertThat(BundleJson.base64Text(envelope.at("/signatures/0/sig"))).isEqualTo(sigBase64);
    assertThat(BundleJson.base64Text(envelope.at("/signatures/0/publicKey"))).startsWith("-----BEGIN ");
    String payloadBase64 = Base64.getEncoder().encodeToString(payload);
    if (withPayload) {
      assertThat(BundleJson.base64Text(envelope.get("payload"))).isEqualTo(payloadBase64);
    } else {
      assertThat(envelope.has("payload")).isFalse();
    }
    assertThat(content.at("/payloadHash/value").asText()).isEqualTo(sha(payload));
    String rekorEnvelope = "{\"payload\":\"" + payloadBase64 + "\",\"payloadType\":\"" + IN_TOTO
        + "\",\"signatures\":[{\"sig\":\"" + sigBase64 + "\"}]}";
    assertThat(content.at("/hash/algorithm").asText()).isEqualTo("sha256");
    assertThat(content.at("/hash/value").asText()).isEqualTo(sha(rekorEnvelope.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertSetVerifies(FakeSigstore sigstore, JsonNode bundle) throws Exception {
    JsonNode tlog = BundleJson.parse(sigstore.trustedRootJson().getBytes(StandardCharsets.UTF_8)).at("/tlogs/0");
    PublicKey logKey = KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(BundleJson.base64(tlog.at("/publicKey/rawBytes"))));
    JsonNode payload = bundle.at("/rekorBundle/Payload");
    String signed = String.format("{\"body\":\"%s\",\"integratedTime\":%d,\"logID\":\"%s\",\"logIndex\":%d}",
        payload.get("body").asText(), payload.get("integratedTime").asLong(),
        payload.get("logID").asText(), payload.get("logIndex").asLong());
    assertThat(BundleJson.verifies(logKey, signed.getBytes(StandardCharsets.UTF_8),
        BundleJson.base64(bundle.at("/rekorBundle/SignedEntryTimestamp")))).isTrue();
  }

  /** PAE written out independently of the testkit's Dsse class. */
  private static byte[] pae(byte[] payload) {
    byte[] prefix = ("DSSEv1 " + IN_TOTO.length() + " " + IN_TOTO + " " + payload.length + " ")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[prefix.length + payload.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(payload, 0, all, prefix.length, payload.length);
    return all;
  }

  private static String sha(byte[] data) {
    return HexFormat.of().formatHex(Sha256.of(data));
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static PublicKey publicKey(String pem) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----|\n", "");
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
