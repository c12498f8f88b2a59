package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fulcio puts exactly one identity in a certificate. One with several is refused as untrusted in
 * every mode, even when one of its names is allowed: which of them signed would be ambiguous.
 */
@ExtendWith(FakeSigstoreExtension.class)
class CertificateIdentityTest {
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  @TempDir Path dir;

  private ModelVerificationException refused(FakeSigstore sigstore, String identities, EnforcementMode mode)
      throws Exception {
    Path model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    sigstore.signer(identities, ISSUER).signBundle(model, dir.resolve("m.bin.bundle"));
    Policy policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json"))))
        .allowIdentity(ID, ISSUER).mode(mode).build();
    return catchThrowableOfType(ModelVerificationException.class, () -> VerifiedModel.load(model, policy).close());
  }

  @Test
  void oneSubjectAlternativeNameVerifies(FakeSigstore sigstore) throws Exception {
    assertThat(refused(sigstore, ID, EnforcementMode.ENFORCE)).isNull();
  }

  @Test
  void aCertificateWithTwoNamesIsRefusedEvenWhenOneIsAllowed(FakeSigstore sigstore) throws Exception {
    for (EnforcementMode mode : EnforcementMode.values()) {
      ModelVerificationException e = refused(sigstore, ID + " https://evil.example/ci", mode);
      assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
      assertThat(e.getMessage()).contains("2 subject alternative names", "Fulcio issues exactly one");
    }
  }
}
