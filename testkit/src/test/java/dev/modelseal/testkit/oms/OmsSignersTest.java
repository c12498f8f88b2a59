package dev.modelseal.testkit.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The three signing methods write bundles that plain JCA and the JDK's PKIX validator accept. */
@ExtendWith(FakeSigstoreExtension.class)
class OmsSignersTest {
  @TempDir Path dir;
  Path model;

  @BeforeEach
  void model() throws Exception {
    model = Files.createDirectory(dir.resolve("model"));
    Files.writeString(model.resolve("weights.bin"), "weights");
    Files.createDirectory(model.resolve("sub"));
    Files.writeString(model.resolve("sub/config.json"), "{}");
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void keyBundleHintsAtThePemAndVerifiesOverDssePae(EcCurve curve) throws Exception {
    OmsKeySigner signer = OmsKeySigner.create(curve);

    SignedModel signed = ModelSigning.files().sign(model, signer);

    assertThat(signed.signature()).isEqualTo(model.resolve("model.sig"));
    JsonNode bundle = OmsVectors.json(signed.signature());
    assertThat(bundle.get("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    JsonNode material = bundle.get("verificationMaterial");
    assertThat(material.fieldNames()).toIterable().containsExactly("publicKey", "tlogEntries");
    assertThat(material.get("tlogEntries")).isEmpty();
    assertThat(material.at("/publicKey/hint").asText())
        .isEqualTo(signer.keyHint())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(signer.publicKeyPem().getBytes(StandardCharsets.US_ASCII))));
    assertThat(bundle.at("/dsseEnvelope/payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    assertThat(bundle.at("/dsseEnvelope/signatures/0/keyid").asText()).isEmpty();
    byte[] payload = Base64.getDecoder().decode(bundle.at("/dsseEnvelope/payload").asText());
    assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(signed.statementJson());
    PublicKey key = publicKey(signer.publicKeyPem());
    assertThat(((ECPublicKey) key).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(curve == EcCurve.P256 ? 256 : 384);
    assertThat(verifies(key, curve == EcCurve.P256 ? "SHA256withECDSA" : "SHA384withECDSA", payload,
        signatureOf(bundle))).isTrue();
    assertThat(signed.files()).containsExactly("sub/config.json", "weights.bin");
  }

  @Test
  void keyHintIsComputedAsModelSigningDoesForItsTestKey() throws Exception {
    String pem = Files.readString(OmsVectors.dir()
        .resolve("model-transparency/scripts/tests/keys/certificate/signing-key-pub.pem"));

    PublicKey key = publicKey(pem.substring(pem.indexOf("-----BEGIN PUBLIC KEY-----")));

    assertThat(OmsBundle.keyHint(key)).isEqualTo("e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e");
  }

  @Test
  void wrongKeyKeepsTheExposedHintButItsSignatureFailsWithTheExposedKey() throws Exception {
    OmsKeySigner exposed = OmsKeySigner.create(EcCurve.P384);
    OmsKeySigner wrong = exposed.withWrongKey();

    JsonNode bundle = OmsVectors.json(ModelSigning.files().sign(model, wrong).signature());

    assertThat(wrong.publicKeyPem()).isEqualTo(exposed.publicKeyPem());
    assertThat(bundle.at("/verificationMaterial/publicKey/hint").asText()).isEqualTo(exposed.keyHint());
    assertThat(verifies(publicKey(exposed.publicKeyPem()), "SHA384withECDSA", payloadOf(bundle), signatureOf(bundle)))
        .isFalse();
  }

  @Test
  void certificateChainValidatesAgainstTheExposedRootAndTheLeafSigns() throws Exception {
    OmsCertificateSigner signer = OmsCertificateSigner.create();

    JsonNode bundle = OmsVectors.json(ModelSigning.files().sign(model, signer).signature());

    JsonNode material = bundle.get("verificationMaterial");
    assertThat(material.fieldNames()).toIterable().containsExactly("x509CertificateChain", "tlogEntries");
    assertThat(material.get("tlogEntries")).isEmpty();
    List<X509Certificate> chain = chainOf(bundle);
    assertThat(chain).hasSize(2);
    X509Certificate leaf = chain.get(0);
    assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
    validate(chain, signer.rootCaPem(), new Date());
    assertThat(verifies(leaf.getPublicKey(), "SHA384withECDSA", payloadOf(bundle), signatureOf(bundle))).isTrue();
    assertThat(Files.readString(signer.writeRootCa(dir.resolve("anchors/root.pem")))).isEqualTo(signer.rootCaPem());
  }

  @Test
  void rootIsListedAfterTheIntermediateOnlyWhenAsked() throws Exception {
    OmsCertificateSigner signer = OmsCertificateSigner.create().withRootInChain(true);

    List<X509Certificate> chain = chainOf(OmsVectors.json(ModelSigning.files().sign(model, signer).signature()));

    assertThat(chain).hasSize(3);
    assertThat(chain.get(2)).isEqualTo(signer.rootCa());
    validate(chain.subList(0, 2), signer.rootCaPem(), new Date());
  }

  @Test
  void untrustedChainDoesNotValidateAgainstTheExposedRoot() throws Exception {
    OmsCertificateSigner signer = OmsCertificateSigner.create().withUntrustedChain();

    List<X509Certificate> chain = chainOf(OmsVectors.json(ModelSigning.files().sign(model, signer).signature()));

    assertThatThrownBy(() -> validate(chain, signer.rootCaPem(), new Date()))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void expiredLeafFailsNowButValidatesAtItsNotBefore() throws Exception {
    OmsCertificateSigner signer = OmsCertificateSigner.create().withExpiredLeaf();

    List<X509Certificate> chain = chainOf(OmsVectors.json(ModelSigning.files().sign(model, signer).signature()));

    assertThatThrownBy(() -> validate(chain, signer.rootCaPem(), new Date()))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.EXPIRED));
    validate(chain, signer.rootCaPem(), chain.get(0).getNotBefore());
  }

  @Test
  void notYetValidLeafFailsNow() throws Exception {
    OmsCertificateSigner signer = OmsCertificateSigner.create().withNotYetValidLeaf();

    List<X509Certificate> chain = chainOf(OmsVectors.json(ModelSigning.files().sign(model, signer).signature()));

    assertThatThrownBy(() -> validate(chain, signer.rootCaPem(), new Date()))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.NOT_YET_VALID));
  }

  @Test
  void keylessBundleCarriesAFulcioCertificateADsseEntryAndATimestamp(FakeSigstore sigstore) throws Exception {
    OmsSigner signer = OmsSigner.keyless(
        sigstore.signer("alice@example.com", "https://issuer.example").withTimestamp(true));

    SignedModel signed = ModelSigning.files().sign(model, signer);

    JsonNode bundle = OmsVectors.json(signed.signature());
    assertThat(bundle.get("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(bundle.at("/verificationMaterial/certificate/rawBytes").asText()).isNotEmpty();
    assertThat(bundle.at("/verificationMaterial/tlogEntries/0/kindVersion/kind").asText()).isEqualTo("dsse");
    assertThat(bundle.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps")).hasSize(1);
    assertThat(new String(payloadOf(bundle), StandardCharsets.UTF_8)).isEqualTo(signed.statementJson());
    X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(Base64.getDecoder().decode(bundle.at("/verificationMaterial/certificate/rawBytes").asText())));
    assertThat(verifies(leaf.getPublicKey(), "SHA256withECDSA", payloadOf(bundle), signatureOf(bundle))).isTrue();
  }

  private static void validate(List<X509Certificate> chain, String rootPem, Date at) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    X509Certificate root = (X509Certificate) factory.generateCertificate(
        new ByteArrayInputStream(rootPem.getBytes(StandardCharsets.US_ASCII)));
    CertPath path = factory.generateCertPath(chain);
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(at);
    CertPathValidator.getInstance("PKIX").validate(path, parameters);
  }

  private static List<X509Certificate> chainOf(JsonNode bundle) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> chain = new ArrayList<>();
    for (JsonNode certificate : bundle.at("/verificationMaterial/x509CertificateChain/certificates")) {
      chain.add((X509Certificate) factory.generateCertificate(
          new ByteArrayInputStream(Base64.getDecoder().decode(certificate.get("rawBytes").asText()))));
    }
    return chain;
  }

  private static byte[] payloadOf(JsonNode bundle) {
    return Base64.getDecoder().decode(bundle.at("/dsseEnvelope/payload").asText());
  }

  private static byte[] signatureOf(JsonNode bundle) {
    return Base64.getDecoder().decode(bundle.at("/dsseEnvelope/signatures/0/sig").asText());
  }

  /** Verifies over PAE built here independently of the code under test. */
  private static boolean verifies(PublicKey key, String algorithm, byte[] payload, byte[] signature) throws Exception {
    byte[] prefix = ("DSSEv1 28 application/vnd.in-toto+json " + payload.length + " ").getBytes(StandardCharsets.US_ASCII);
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key);
    verifier.update(prefix);
    verifier.update(payload);
    return verifier.verify(signature);
  }

  private static PublicKey publicKey(String pem) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
