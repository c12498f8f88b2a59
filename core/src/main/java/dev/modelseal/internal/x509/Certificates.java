package dev.modelseal.internal.x509;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** Parses DER X.509 certificates without trusting them. */
public final class Certificates {
  private Certificates() {}

  /**
   * The certificate in {@code der}, or empty if it is not exactly one well-formed certificate
   * within the {@link Der} size and nesting limits (checked before the JDK's parser sees it).
   */
  public static Optional<X509Certificate> parse(byte[] der) {
    if (Der.problem(der).isPresent()) {
      return Optional.empty();
    }
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      return Optional.of((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
    } catch (CertificateException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True when the certificate names itself as issuer and its key verifies its own signature. */
  public static boolean isSelfSigned(X509Certificate cert) {
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
