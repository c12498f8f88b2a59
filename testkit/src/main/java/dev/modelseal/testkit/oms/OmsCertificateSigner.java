package dev.modelseal.testkit.oms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The model_signing {@code certificate} method: a generated chain root CA → intermediate CA → leaf
 * (EC P-384 throughout, leaf with keyUsage digitalSignature and extendedKeyUsage codeSigning)
 * signs, and the bundle's {@code x509CertificateChain.certificates} lists [leaf, intermediate]
 * (and the root, if asked), with {@code tlogEntries: []}. Verifiers anchor on {@link #rootCaPem()}
 * only.
 *
 * <p>The CAs are valid from three years before creation to ten years after; the leaf from an hour
 * before creation to a year after, unless made expired or not yet valid. Immutable, thread-safe.
 */
public final class OmsCertificateSigner implements OmsSigner {
  private static final EcCurve CURVE = EcCurve.P384;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A CA chain: root and intermediate with the intermediate's key. */
  private record Pki(X509Certificate root, X509Certificate intermediate, KeyPair intermediateKeys, Instant created) {}

  private final Pki pki;
  private final X509Certificate exposedRoot;
  private final X509Certificate leaf;
  private final KeyPair leafKeys;
  private final boolean includeRoot;

  private OmsCertificateSigner(Pki pki, X509Certificate exposedRoot, X509Certificate leaf, KeyPair leafKeys,
      boolean includeRoot) {
    this.pki = pki;
    this.exposedRoot = exposedRoot;
    this.leaf = leaf;
    this.leafKeys = leafKeys;
    this.includeRoot = includeRoot;
  }

  /** Returns a signer with a fresh root, intermediate and leaf, the leaf valid now. */
  public static OmsCertificateSigner create() {
    Pki pki = pki(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    KeyPair leafKeys = OmsKeySigner.generate(CURVE);
    X509Certificate leaf = leaf(pki, leafKeys.getPublic(), pki.created().minus(Duration.ofHours(1)),
        pki.created().plus(Duration.ofDays(365)));
    return new OmsCertificateSigner(pki, pki.root(), leaf, leafKeys, false);
  }

  /** Returns a copy whose bundles list the root CA too, after the intermediate (default: they do not). */
  public OmsCertificateSigner withRootInChain(boolean include) {
    return new OmsCertificateSigner(pki, exposedRoot, leaf, leafKeys, include);
  }

  /**
   * Returns a signer whose leaf and intermediate chain to a different, fresh root while {@link
   * #rootCaPem()} still returns this signer's root: a verifier anchored on it must reject the chain.
   */
  public OmsCertificateSigner withUntrustedChain() {
    Pki other = pki(pki.created());
    KeyPair keys = OmsKeySigner.generate(CURVE);
    return new OmsCertificateSigner(other, exposedRoot,
        leaf(other, keys.getPublic(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()),
        keys, includeRoot);
  }

  /**
   * Returns a signer whose leaf (same CAs) was valid from two years to one year before creation.
   * Note that model_signing (Python) and the Go implementation validate chains at the leaf's
   * notBefore, so they accept it; a verifier checking at the current time rejects it.
   */
  public OmsCertificateSigner withExpiredLeaf() {
    return withLeafValidity(pki.created().minus(Duration.ofDays(730)), pki.created().minus(Duration.ofDays(365)));
  }

  /** Returns a signer whose leaf (same CAs) becomes valid a year after creation, for two years. */
  public OmsCertificateSigner withNotYetValidLeaf() {
    return withLeafValidity(pki.created().plus(Duration.ofDays(365)), pki.created().plus(Duration.ofDays(1095)));
  }

  private OmsCertificateSigner withLeafValidity(Instant from, Instant until) {
    KeyPair keys = OmsKeySigner.generate(CURVE);
    return new OmsCertificateSigner(pki, exposedRoot, leaf(pki, keys.getPublic(), from, until), keys, includeRoot);
  }

  /** Returns the trust anchor a verifier is given: the root CA certificate as PEM. */
  public String rootCaPem() {
    return OmsBundle.certificatePem(exposedRoot);
  }

  /** Writes {@link #rootCaPem()} to {@code file} and returns {@code file}. */
  public Path writeRootCa(Path file) {
    return OmsBundle.writeText(file, rootCaPem());
  }

  /** Returns the trust anchor certificate ({@link #rootCaPem()} parsed). */
  public X509Certificate rootCa() {
    return exposedRoot;
  }

  /** Returns the chain the bundles carry: leaf, intermediate, and the signing chain's root if included. */
  public List<X509Certificate> chain() {
    List<X509Certificate> chain = new ArrayList<>(List.of(leaf, pki.intermediate()));
    if (includeRoot) {
      chain.add(pki.root());
    }
    return List.copyOf(chain);
  }

  @Override
  public Path sign(String statementJson, Path out) {
    byte[] payload = statementJson.getBytes(StandardCharsets.UTF_8);
    byte[] signature = OmsBundle.sign(CURVE, leafKeys.getPrivate(), payload);
    return OmsBundle.writeCertificateBundle(out, payload, signature, chain());
  }

  private static Pki pki(Instant now) {
    Instant from = now.minus(Duration.ofDays(1095));
    Instant until = now.plus(Duration.ofDays(3650));
    KeyPair rootKeys = OmsKeySigner.generate(CURVE);
    X500Name rootName = new X500Name("O=modelseal.test,CN=modelseal-oms-root-" + serial().toString(16));
    X509v3CertificateBuilder root = builder(rootName, rootName, rootKeys.getPublic(), from, until);
    extension(root, Extension.basicConstraints, true, new BasicConstraints(true));
    extension(root, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    keyIdentifiers(root, rootKeys.getPublic(), rootKeys.getPublic());
    X509Certificate rootCert = sign(root, rootKeys);

    KeyPair intermediateKeys = OmsKeySigner.generate(CURVE);
    X509v3CertificateBuilder intermediate = builder(rootName,
        new X500Name("O=modelseal.test,CN=modelseal-oms-intermediate"), intermediateKeys.getPublic(), from, until);
    extension(intermediate, Extension.basicConstraints, true, new BasicConstraints(0));
    extension(intermediate, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    keyIdentifiers(intermediate, intermediateKeys.getPublic(), rootKeys.getPublic());
    return new Pki(rootCert, sign(intermediate, rootKeys), intermediateKeys, now);
  }

  private static X509Certificate leaf(Pki pki, PublicKey key, Instant from, Instant until) {
    X509v3CertificateBuilder leaf = builder(X500Name.getInstance(pki.intermediate().getSubjectX500Principal().getEncoded()),
        new X500Name("O=modelseal.test,CN=modelseal-oms-signing"), key, from, until);
    extension(leaf, Extension.basicConstraints, true, new BasicConstraints(false));
    extension(leaf, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    extension(leaf, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    keyIdentifiers(leaf, key, pki.intermediate().getPublicKey());
    return sign(leaf, pki.intermediateKeys());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant from,
      Instant until) {
    return new X509v3CertificateBuilder(issuer, serial(), Date.from(from), Date.from(until), subject,
        SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  private static BigInteger serial() {
    return new BigInteger(159, RANDOM).add(BigInteger.ONE);
  }

  private static void keyIdentifiers(X509v3CertificateBuilder builder, PublicKey subject, PublicKey issuer) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      extension(builder, Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subject));
      extension(builder, Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform has no SHA-1 for key identifiers", e);
    }
  }

  private static void extension(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
      ASN1Encodable value) {
    try {
      builder.addExtension(oid, critical, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode extension " + oid, e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(CURVE.signatureAlgorithm()).build(issuerKeys.getPrivate())));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate with " + CURVE.signatureAlgorithm(), e);
    }
  }

  @Override
  public String toString() {
    return "OmsCertificateSigner{" + leaf.getSubjectX500Principal() + (includeRoot ? ", root in chain" : "") + "}";
  }
}
