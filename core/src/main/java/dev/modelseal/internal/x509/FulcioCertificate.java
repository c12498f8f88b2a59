package dev.modelseal.internal.x509;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * Reads the Sigstore identity out of a Fulcio certificate: the SAN (email, URI or Sigstore
 * otherName) and the OIDC issuer extension (1.3.6.1.4.1.57264.1.8, or the legacy .1.1).
 */
public final class FulcioCertificate {
  private static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
  private static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  private static final ASN1ObjectIdentifier OTHERNAME_USERNAME =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.7");

  private FulcioCertificate() {}

  /** Every identity-bearing SAN value of the certificate, in order. */
  public static List<String> subjects(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    byte[] ext = cert.getExtensionValue("2.5.29.17");
    if (ext == null) {
      return out;
    }
    try {
      GeneralNames names =
          GeneralNames.getInstance(ASN1OctetString.getInstance(ext).getOctets());
      for (GeneralName n : names.getNames()) {
        switch (n.getTagNo()) {
          case GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier ->
              out.add(((ASN1String) n.getName()).getString());
          case GeneralName.otherName -> {
            OtherName on = OtherName.getInstance(n.getName());
            if (on.getTypeID().equals(OTHERNAME_USERNAME)) {
              ASN1Primitive v = on.getValue().toASN1Primitive();
              if (v instanceof ASN1TaggedObject t) {
                v = t.getBaseObject().toASN1Primitive();
              }
              if (v instanceof ASN1String s) {
                out.add(s.getString());
              }
            }
          }
          default -> {
            // DNS names, IPs etc. are not Sigstore identities
          }
        }
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      return List.of();
    }
    return out;
  }

  /**
   * How many names of any type the certificate's subject alternative name extension holds (0
   * without one, -1 when it does not parse). Fulcio issues exactly one.
   */
  public static int alternativeNameCount(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.17");
    if (ext == null) {
      return 0;
    }
    try {
      return GeneralNames.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getNames().length;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return -1;
    }
  }

  /** The OIDC issuer the certificate was issued for, or null when it carries none. */
  public static String issuer(X509Certificate cert) {
    byte[] v2 = cert.getExtensionValue(ISSUER_V2);
    try {
      if (v2 != null) {
        ASN1Primitive inner =
            ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
        return inner instanceof ASN1String s ? s.getString() : null;
      }
      byte[] v1 = cert.getExtensionValue(ISSUER_V1);
      if (v1 != null) {
        return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    return null;
  }
}
