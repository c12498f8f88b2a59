package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.OmsSigner;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The certificate method's rules on the leaf, with chains made here (the testkit's signer makes
 * only valid leaves): key usage digitalSignature or extended key usage codeSigning is needed, and
 * a self-signed leaf is never its own root.
 */
class OmsCertificateRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  enum Usage { DIGITAL_SIGNATURE, CODE_SIGNING, BOTH, NEITHER }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
      boolean ca, Usage usage) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject),
        subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      if (usage == Usage.DIGITAL_SIGNATURE || usage == Usage.BOTH) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      }
      if (usage == Usage.CODE_SIGNING || usage == Usage.BOTH) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      }
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  /** A model_signing certificate-method bundle over {@code statement}, signed by {@code leafKeys}. */
  private static OmsSigner signer(List<X509Certificate> chain, KeyPair leafKeys) {
    return (statement, out) -> {
      try {
        byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
        String type = "application/vnd.in-toto+json";
        ByteArrayOutputStream pae = new ByteArrayOutputStream();
        pae.writeBytes(("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        pae.writeBytes(payload);
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(leafKeys.getPrivate());
        s.update(pae.toByteArray());
        ObjectNode bundle = JSON.createObjectNode().put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        var certs = bundle.putObject("verificationMaterial").putObject("x509CertificateChain").putArray("certificates");
        for (X509Certificate c : chain) {
          certs.addObject().put("rawBytes", Base64.getEncoder().encodeToString(c.getEncoded()));
        }
        ObjectNode env = bundle.putObject("dsseEnvelope");
        env.put("payload", Base64.getEncoder().encodeToString(payload)).put("payloadType", type);
        env.putArray("signatures").addObject().put("sig", Base64.getEncoder().encodeToString(s.sign()));
        Files.createDirectories(out.getParent());
        JSON.writeValue(out.toFile(), bundle);
        return out;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
  }

  private Path model() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("weights.bin"), "weights");
    return model;
  }

  @ParameterizedTest
  @EnumSource(Usage.class)
  void theLeafNeedsDigitalSignatureOrCodeSigning(Usage usage) throws Exception {
    KeyPair rootKeys = keys();
    KeyPair leafKeys = keys();
    X509Certificate root = certificate("CN=root", rootKeys, "CN=root", rootKeys, true, null);
    X509Certificate leaf = certificate("CN=leaf", leafKeys, "CN=root", rootKeys, false, usage);
    Path model = model();
    ModelSigning.files().sign(model, signer(List.of(leaf), leafKeys));
    Policy policy = Policy.builder().allowCertificateChainToPem(pem(root)).build();
    if (usage == Usage.NEITHER) {
      try {
        VerifiedModel.load(model, policy).close();
        throw new AssertionError("a leaf without digitalSignature or codeSigning verified");
      } catch (ModelVerificationException e) {
        assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
        assertThat(e.getMessage()).contains("digitalSignature", "codeSigning");
      }
    } else {
      try (VerifiedModel m = VerifiedModel.load(model, policy)) {
        assertThat(m.signer().subject()).isEqualTo("CN=leaf");
      }
    }
  }

  @Test
  void aSelfSignedLeafIsNotItsOwnRoot() throws Exception {
    KeyPair leafKeys = keys();
    X509Certificate selfSigned = certificate("CN=leaf", leafKeys, "CN=leaf", leafKeys, false, Usage.BOTH);
    Path model = model();
    ModelSigning.files().sign(model, signer(List.of(selfSigned), leafKeys));
    Policy policy = Policy.builder().allowCertificateChainToPem(pem(selfSigned)).build();
    try {
      VerifiedModel.load(model, policy).close();
      throw new AssertionError("a self-signed leaf verified");
    } catch (ModelVerificationException e) {
      assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
      assertThat(e.getMessage()).contains("self-signed");
    }
  }
}
