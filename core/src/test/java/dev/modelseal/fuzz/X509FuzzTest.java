package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.internal.trust.Authority;
import dev.modelseal.internal.x509.Certificates;
import dev.modelseal.internal.x509.Pem;
import dev.modelseal.internal.x509.PublicKeys;
import dev.modelseal.internal.x509.SctVerifier;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * PEM armor ({@link Pem}), DER keys and certificates ({@link PublicKeys}, {@link Certificates})
 * and the SCT list embedded in a certificate ({@link SctVerifier}). These report bad input as an
 * empty result, never by throwing.
 */
class X509FuzzTest {
  // Built when the class loads, before the fuzzer starts timing inputs.
  private static final FuzzFixtures FIXTURES = FuzzFixtures.get();

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void pem(byte[] utf8) {
    String text = new String(utf8, StandardCharsets.UTF_8);
    PublicKeys.fromPem(text);
    for (Pem.Block block : Pem.decode(text)) {
      der(block.der());
    }
  }

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void der(byte[] der) {
    PublicKeys.fromSpki(der);
    PublicKeys.fromPkcs1Rsa(der);
    Certificates.parse(der).ifPresent(Certificates::isSelfSigned);
  }

  /** A fuzzed leaf certificate's SCTs, checked against the fixture's CT log and Fulcio intermediate. */
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void sct(byte[] leafDer) {
    Optional<X509Certificate> leaf = Certificates.parse(leafDer);
    if (leaf.isEmpty()) {
      return;
    }
    for (Authority ca : FIXTURES.root.certificateAuthorities()) {
      SctVerifier.verify(leaf.get(), ca.chain().get(0), FIXTURES.root);
    }
  }
}
