package dev.modelseal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A fake RFC 3161 time-stamping authority with its own root, issuing DER TimeStampResp
 * structures that attest a SHA-256 message imprint existed at a given time.
 */
final class TimestampAuthority {
  static final String URI = "https://tsa.modelseal.test";
  /** The policy OID sigstore/timestamp-authority uses by default. */
  private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate root;
  private final X509Certificate leaf;
  private final PrivateKey leafKey;

  private TimestampAuthority(X509Certificate root, X509Certificate leaf, PrivateKey leafKey) {
    this.root = root;
    this.leaf = leaf;
    this.leafKey = leafKey;
  }

  /** Returns a TSA whose root and signing certificate are valid in [from, until]. */
  static TimestampAuthority create(Instant from, Instant until) {
    KeyPair rootKeys = EcdsaP256.generate();
    KeyPair leafKeys = EcdsaP256.generate();
    X509Certificate root = Certificates.selfSignedCa(
        Certificates.name(FulcioCa.ORGANIZATION, "modelseal-tsa-root"), rootKeys, from, until);
    X509v3CertificateBuilder builder = Certificates.builder(
        Certificates.subject(root), Certificates.randomSerial(), from, until,
        Certificates.name(FulcioCa.ORGANIZATION, "modelseal-tsa"), leafKeys.getPublic());
    Certificates.addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
    Certificates.addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    // RFC 3161 §2.3: the one and critical extended key usage is timeStamping.
    Certificates.addExtension(builder, Extension.extendedKeyUsage, true,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    Certificates.addKeyIdentifiers(builder, leafKeys.getPublic(), rootKeys.getPublic());
    X509Certificate leaf = Certificates.toX509(Certificates.sign(builder, rootKeys.getPrivate()));
    return new TimestampAuthority(root, leaf, leafKeys.getPrivate());
  }

  /** Returns the chain a trusted root lists: signing certificate first, then root. */
  List<X509Certificate> chain() {
    return List.of(leaf, root);
  }

  /**
   * Returns a granted DER TimeStampResp whose token attests SHA-256({@code data}) at {@code
   * genTime} and embeds the signing certificate.
   */
  byte[] timestamp(byte[] data, Instant genTime) {
    try {
      TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
      requests.setCertReq(true);
      TimeStampRequest request = requests.generate(
          TSPAlgorithms.SHA256, Sha256.of(data), BigInteger.valueOf(RANDOM.nextLong() >>> 1));
      SignerInfoGenerator signer =
          new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", leafKey, leaf);
      DigestCalculator certIdDigest = new JcaDigestCalculatorProviderBuilder().build()
          .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
      TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signer, certIdDigest, POLICY);
      tokens.addCertificates(new JcaCertStore(List.of(leaf)));
      return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
          .generateGrantedResponse(request, Certificates.randomSerial(),
              Date.from(genTime.truncatedTo(ChronoUnit.SECONDS)))
          .getEncoded(ASN1Encoding.DER);
    } catch (OperatorCreationException | TSPException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue an RFC 3161 timestamp", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an RFC 3161 timestamp", e);
    }
  }
}
