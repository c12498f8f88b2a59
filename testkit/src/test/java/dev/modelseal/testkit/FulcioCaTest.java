package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.junit.jupiter.api.Test;

class FulcioCaTest {
  private static final Instant ISSUED = Instant.parse("2025-06-01T12:00:00Z");
  private static final String ISSUER = "https://issuer.example";

  private final CtLog ctLog = new CtLog();
  private final FulcioCa ca =
      FulcioCa.create("test-ca", ISSUED.minus(Duration.ofDays(1)), ISSUED.plus(Duration.ofDays(1)));
  private final KeyPair keys = EcdsaP256.generate();

  @Test
  void leafIsAShortLivedCodeSigningCertificateWithBothIssuerExtensions() throws Exception {
    X509Certificate leaf = ca.issue("alice@example.com", ISSUER, keys.getPublic(), ISSUED, ctLog);

    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(ISSUED.minus(Duration.ofMinutes(1)));
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(ISSUED.plus(Duration.ofMinutes(10)));
    assertThat(leaf.getSubjectX500Principal().getEncoded()).containsExactly(0x30, 0x00);
    assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(leaf.getKeyUsage()).startsWith(true, false);
    assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.15", "2.5.29.17");
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(GeneralName.rfc822Name, "alice@example.com"));
    assertThat(extensionValue(leaf, FulcioCa.OIDC_ISSUER)).isEqualTo(new DERUTF8String(ISSUER).getEncoded());
    assertThat(extensionValue(leaf, FulcioCa.OIDC_ISSUER_V1)).isEqualTo(ISSUER.getBytes(StandardCharsets.US_ASCII));
    leaf.verify(ca.chain().get(0).getPublicKey());
    ca.chain().get(0).verify(ca.chain().get(1).getPublicKey());
    ca.chain().get(1).verify(ca.chain().get(1).getPublicKey());
  }

  @Test
  void identitiesWithASchemeBecomeUriSans() {
    assertThat(FulcioCa.san("https://github.com/o/r/.github/workflows/w.yml@refs/heads/main").getTagNo())
        .isEqualTo(GeneralName.uniformResourceIdentifier);
    assertThat(FulcioCa.san("spiffe://cluster/ns/default").getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
    assertThat(FulcioCa.san("bot@example.com").getTagNo()).isEqualTo(GeneralName.rfc822Name);
  }

  @Test
  void embeddedSctSignsTheLeafTbsWithoutTheSctExtension() throws Exception {
    X509Certificate leaf = ca.issue("alice@example.com", ISSUER, keys.getPublic(), ISSUED, ctLog);
    TBSCertificate tbs = Certificate.getInstance(leaf.getEncoded()).getTBSCertificate();
    Extensions all = tbs.getExtensions();
    Extension[] extensions = Arrays.stream(all.getExtensionOIDs()).map(all::getExtension).toArray(Extension[]::new);
    assertThat(extensions[extensions.length - 1].getExtnId()).isEqualTo(FulcioCa.SCT_LIST);

    ByteBuffer list = ByteBuffer.wrap(ASN1OctetString.getInstance(extensionValue(leaf, FulcioCa.SCT_LIST)).getOctets());
    assertThat(list.getShort() & 0xFFFF).isEqualTo(list.remaining());
    assertThat(list.getShort() & 0xFFFF).isEqualTo(list.remaining());
    assertThat(list.get()).isZero(); // v1
    byte[] logId = new byte[32];
    list.get(logId);
    long timestamp = list.getLong();
    assertThat(list.getShort()).isZero(); // no extensions
    assertThat(list.get()).isEqualTo((byte) 4); // sha256
    assertThat(list.get()).isEqualTo((byte) 3); // ecdsa
    byte[] signature = new byte[list.getShort() & 0xFFFF];
    list.get(signature);
    assertThat(list.hasRemaining()).isFalse();
    assertThat(logId).isEqualTo(ctLog.key().logId());
    assertThat(timestamp).isEqualTo(ISSUED.toEpochMilli());

    // Rebuild the precertificate TBS as verifiers do: same fields, SCT extension removed.
    byte[] precertTbs = withoutLastExtension(tbs, extensions);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(signed);
    out.writeByte(0);
    out.writeByte(0);
    out.writeLong(timestamp);
    out.writeShort(1);
    out.write(Sha256.of(ca.chain().get(0).getPublicKey().getEncoded()));
    out.writeByte(precertTbs.length >>> 16);
    out.writeShort(precertTbs.length);
    out.write(precertTbs);
    out.writeShort(0);
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(ctLog.key().publicKey());
    verifier.update(signed.toByteArray());
    assertThat(verifier.verify(signature)).isTrue();
  }

  private static byte[] withoutLastExtension(TBSCertificate tbs, Extension[] extensions) throws Exception {
    V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
    generator.setSerialNumber(tbs.getSerialNumber());
    generator.setSignature(tbs.getSignature());
    generator.setIssuer(tbs.getIssuer());
    generator.setStartDate(tbs.getStartDate());
    generator.setEndDate(tbs.getEndDate());
    generator.setSubject(tbs.getSubject());
    generator.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
    generator.setIssuerUniqueID((DERBitString) tbs.getIssuerUniqueId());
    generator.setSubjectUniqueID((DERBitString) tbs.getSubjectUniqueId());
    generator.setExtensions(new Extensions(Arrays.copyOf(extensions, extensions.length - 1)));
    return generator.generateTBSCertificate().getEncoded(ASN1Encoding.DER);
  }

  private static byte[] extensionValue(X509Certificate certificate, Object oid) {
    return ASN1OctetString.getInstance(certificate.getExtensionValue(oid.toString())).getOctets();
  }
}
