package dev.modelseal.internal.x509;

import dev.modelseal.internal.trust.Authority;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a leaf against one authority's chain from the trust root (PKIX, no revocation), at a
 * given time rather than now: Sigstore certificates are short-lived and judged at signing time.
 */
public final class ChainValidator {
  private ChainValidator() {}

  /**
   * Validates {@code leaf} through {@code authority}'s intermediates to its root at {@code time};
   * returns the certificate that issued the leaf, or empty with the problem in {@code problems}.
   */
  public static Optional<X509Certificate> validate(
      X509Certificate leaf, Authority authority, Instant time, List<String> problems) {
    List<X509Certificate> chain = authority.chain();
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    path.addAll(chain.subList(0, chain.size() - 1));
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      CertPath cp = cf.generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(authority.root(), null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(time));
      CertPathValidator.getInstance("PKIX").validate(cp, params);
      return Optional.of(path.size() > 1 ? path.get(1) : authority.root());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      problems.add(authority.uri() + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
