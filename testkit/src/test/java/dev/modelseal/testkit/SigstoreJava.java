package dev.modelseal.testkit;

import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Verifies a keyless bundle with sigstore-java 2.0.0 offline, against a trusted root file and an exact identity. */
final class SigstoreJava {
  private SigstoreJava() {}

  /** Returns normally when sigstore-java accepts; throws its exception when it rejects. */
  static void verify(Path artifact, Path bundle, Path trustedRoot, String identity, String issuer) throws Exception {
    KeylessVerifier verifier =
        KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
    Bundle parsed;
    try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
      parsed = Bundle.from(reader);
    }
    VerificationOptions options = VerificationOptions.builder()
        .addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
            .subjectAlternativeName(StringMatcher.string(identity))
            .issuer(StringMatcher.string(issuer))
            .build())
        .build();
    verifier.verify(artifact, parsed, options);
  }

  static void verify(Fixture fixture) throws Exception {
    verify(fixture.model(), fixture.signature(), fixture.trustedRoot(), fixture.identity(), fixture.issuer());
  }
}
