package dev.modelseal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * A fake Fulcio: a root and an intermediate CA that issue short-lived code-signing certificates
 * binding an OIDC identity and issuer to a key, each with an SCT from a CT log embedded.
 */
final class FulcioCa {
  static final String URI = "https://fulcio.modelseal.test";
  static final String ORGANIZATION = "modelseal.test";
  /** Fulcio OIDC issuer, v2: extnValue is a DER UTF8String. */
  static final ASN1ObjectIdentifier OIDC_ISSUER = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8");
  /** Fulcio OIDC issuer, legacy v1: extnValue is the raw ASCII bytes. */
  static final ASN1ObjectIdentifier OIDC_ISSUER_V1 = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.1");
  /** RFC 6962 §3.3 embedded SCT list. */
  static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");
  /** Leaves are valid from a minute before issuance (clock skew) to ten minutes after, as Fulcio's. */
  static final Duration BACKDATE = Duration.ofMinutes(1);
  static final Duration LIFETIME = Duration.ofMinutes(10);

  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  /** The key usages a leaf states: Fulcio's, or one defect in them. */
  enum LeafUsage {
    /** keyUsage digitalSignature, extendedKeyUsage codeSigning, as Fulcio issues. */
    CODE_SIGNING,
    /** extendedKeyUsage serverAuth instead of codeSigning. */
    SERVER_AUTH,
    /** No extendedKeyUsage extension at all. */
    NO_EXTENDED_KEY_USAGE,
    /** keyUsage keyEncipherment instead of digitalSignature. */
    KEY_ENCIPHERMENT
  }

  private final String commonName;
  private final X509Certificate root;
  private final X509Certificate intermediate;
  private final PrivateKey intermediateKey;
  private final LeafUsage usage;

  private FulcioCa(String commonName, X509Certificate root, X509Certificate intermediate, PrivateKey intermediateKey,
      LeafUsage usage) {
    this.commonName = commonName;
    this.root = root;
    this.intermediate = intermediate;
    this.intermediateKey = intermediateKey;
    this.usage = usage;
  }

  /** Returns a CA whose root and intermediate, named after {@code commonName}, are valid in [from, until]. */
  static FulcioCa create(String commonName, Instant from, Instant until) {
    KeyPair rootKeys = EcdsaP256.generate();
    KeyPair intermediateKeys = EcdsaP256.generate();
    X509Certificate root =
        Certificates.selfSignedCa(Certificates.name(ORGANIZATION, commonName), rootKeys, from, until);
    X509Certificate intermediate = Certificates.subordinateCa(
        Certificates.name(ORGANIZATION, commonName + "-intermediate"),
        intermediateKeys.getPublic(), root, rootKeys.getPrivate(), from, until);
    return new FulcioCa(commonName, root, intermediate, intermediateKeys.getPrivate(), LeafUsage.CODE_SIGNING);
  }

  /** Returns this same CA (same keys, same chain) issuing leaves with {@code leafUsage}. */
  FulcioCa withLeafUsage(LeafUsage leafUsage) {
    return new FulcioCa(commonName, root, intermediate, intermediateKey, leafUsage);
  }

  String commonName() {
    return commonName;
  }

  /** Returns the chain a trusted root lists: intermediate first, then root. */
  List<X509Certificate> chain() {
    return List.of(intermediate, root);
  }

  /**
   * Issues a leaf for {@code key} valid from {@code issuedAt} - 1 min to + 10 min, with an SCT
   * from {@code ctLog} timestamped {@code issuedAt}.
   *
   * <p>The SCT signs the TBSCertificate without the SCT extension (RFC 6962 §3.2). The final leaf
   * repeats every field and appends the SCT list extension last, so a verifier that removes it
   * gets byte-identical TBS bytes back.
   */
  X509Certificate issue(String identity, String oidcIssuer, PublicKey key, Instant issuedAt, CtLog ctLog) {
    BigInteger serial = Certificates.randomSerial();
    X509v3CertificateBuilder precert = leafBuilder(identity, oidcIssuer, key, issuedAt, serial);
    byte[] precertTbs = tbs(precert);
    byte[] sct = ctLog.sct(precertTbs, intermediate.getPublicKey(), issuedAt);

    X509v3CertificateBuilder leaf = leafBuilder(identity, oidcIssuer, key, issuedAt, serial);
    Certificates.addExtension(leaf, SCT_LIST, false, new DEROctetString(CtLog.sctList(List.of(sct))));
    return Certificates.toX509(Certificates.sign(leaf, intermediateKey));
  }

  /** Every field of the leaf except the SCT list, in Fulcio's extension order. */
  private X509v3CertificateBuilder leafBuilder(
      String identity, String oidcIssuer, PublicKey key, Instant issuedAt, BigInteger serial) {
    X509v3CertificateBuilder builder = Certificates.builder(
        Certificates.subject(intermediate), serial,
        issuedAt.minus(BACKDATE), issuedAt.plus(LIFETIME),
        new X500Name(new RDN[0]), key);
    Certificates.addExtension(builder, Extension.keyUsage, true, new KeyUsage(
        usage == LeafUsage.KEY_ENCIPHERMENT ? KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
    if (usage != LeafUsage.NO_EXTENDED_KEY_USAGE) {
      Certificates.addExtension(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          usage == LeafUsage.SERVER_AUTH ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_codeSigning));
    }
    Certificates.addKeyIdentifiers(builder, key, intermediate.getPublicKey());
    // The subject is empty, so RFC 5280 §4.2.1.6 requires the SAN to be critical.
    Certificates.addExtension(builder, Extension.subjectAlternativeName, true, new GeneralNames(
        java.util.Arrays.stream(identity.split(" ")).map(FulcioCa::san).toArray(GeneralName[]::new)));
    Certificates.addExtension(builder, OIDC_ISSUER_V1, false, oidcIssuer.getBytes(StandardCharsets.US_ASCII));
    Certificates.addExtension(builder, OIDC_ISSUER, false, new DERUTF8String(oidcIssuer));
    return builder;
  }

  /** An identity with '@' and no URI scheme is an email address; anything else is a URI. */
  static GeneralName san(String identity) {
    boolean email = identity.contains("@") && !URI_SCHEME.matcher(identity).find();
    return new GeneralName(email ? GeneralName.rfc822Name : GeneralName.uniformResourceIdentifier, identity);
  }

  private byte[] tbs(X509v3CertificateBuilder builder) {
    try {
      return Certificates.sign(builder, intermediateKey)
          .toASN1Structure()
          .getTBSCertificate()
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a TBSCertificate", e);
    }
  }
}
