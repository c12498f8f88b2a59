package dev.modelseal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the X.509 certificates of the fake services (self-signed roots, subordinate CAs and the
 * pieces of end-entity certificates), all signed with ECDSA-SHA256 and linked by key identifiers.
 */
final class Certificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  /** Returns the name {@code O=<organization>, CN=<commonName>}. */
  static X500Name name(String organization, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, organization)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /** Returns a certificate's subject with its exact DER, so issuer/subject chaining is byte-equal. */
  static X500Name subject(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  /** Returns a self-signed CA certificate, the trust anchor of a chain. */
  static X509Certificate selfSignedCa(X500Name name, KeyPair keys, Instant from, Instant until) {
    X509v3CertificateBuilder builder =
        builder(name, randomSerial(), from, until, name, keys.getPublic());
    addCaExtensions(builder, keys.getPublic(), keys.getPublic(), new BasicConstraints(true));
    return toX509(sign(builder, keys.getPrivate()));
  }

  /** Returns a CA certificate for {@code key} issued by {@code issuer} that may only sign leaves. */
  static X509Certificate subordinateCa(
      X500Name name, PublicKey key, X509Certificate issuer, PrivateKey issuerKey, Instant from, Instant until) {
    X509v3CertificateBuilder builder = builder(subject(issuer), randomSerial(), from, until, name, key);
    addCaExtensions(builder, key, issuer.getPublicKey(), new BasicConstraints(0));
    return toX509(sign(builder, issuerKey));
  }

  /** Returns a v3 certificate builder with validity truncated to whole seconds, as X.509 encodes it. */
  static X509v3CertificateBuilder builder(
      X500Name issuer, BigInteger serial, Instant from, Instant until, X500Name subject, PublicKey key) {
    return new X509v3CertificateBuilder(
        issuer,
        serial,
        Date.from(from.truncatedTo(ChronoUnit.SECONDS)),
        Date.from(until.truncatedTo(ChronoUnit.SECONDS)),
        subject,
        SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  /** Adds the subject and authority key identifiers, which path builders use to find the issuer. */
  static void addKeyIdentifiers(X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      addExtension(builder, Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      addExtension(builder, Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform has no SHA-1 for key identifiers", e);
    }
  }

  /** Adds an extension; BouncyCastle declares an I/O exception for what is an in-memory encoding. */
  static void addExtension(
      X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      builder.addExtension(oid, critical, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode extension " + oid, e);
    }
  }

  /** Adds an extension whose extnValue octets are {@code rawValue} as they are. */
  static void addExtension(
      X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical, byte[] rawValue) {
    try {
      builder.addExtension(oid, critical, rawValue);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode extension " + oid, e);
    }
  }

  /** Signs the certificate with ECDSA-SHA256. */
  static X509CertificateHolder sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate with ECDSA-SHA256", e);
    }
  }

  static X509Certificate toX509(X509CertificateHolder holder) {
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform cannot parse a certificate BouncyCastle built", e);
    }
  }

  /** Returns the DER encoding of a certificate this testkit issued. */
  static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate this testkit issued", e);
    }
  }

  /** Returns a positive random serial of at most 20 octets (RFC 5280 §4.1.2.2). */
  static BigInteger randomSerial() {
    return new BigInteger(159, RANDOM).add(BigInteger.ONE);
  }

  private static void addCaExtensions(
      X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey, BasicConstraints constraints) {
    addExtension(builder, Extension.basicConstraints, true, constraints);
    addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    addKeyIdentifiers(builder, subjectKey, issuerKey);
  }
}
