package dev.modelseal.cli.readme;

// snippet:test-suite
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.Reason;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.Fixture;
import dev.modelseal.testkit.Tamper;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FakeSigstoreExtension.class)
class ReadmeTestSuiteExampleTest {
  @Test
  void refusesTamperedModels(FakeSigstore sigstore, @TempDir Path dir) throws Exception {
    Fixture f = sigstore.fixture(dir, Tamper.FLIPPED_MODEL_BYTE); // model, bundle, trusted_root.json
    Policy policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(f.trustedRoot()))
        .allowIdentity(f.identity(), f.issuer())
        .build();
    ModelVerificationException e =
        assertThrows(ModelVerificationException.class, () -> VerifiedModel.load(f.model(), policy));
    assertEquals(Reason.DIGEST_MISMATCH, e.reason());
  }

  @Test
  void loadsGoodModels(FakeSigstore sigstore, @TempDir Path dir) throws Exception {
    Path model = dir.resolve("model.onnx");
    java.nio.file.Files.write(model, new byte[] {1, 2, 3});
    sigstore.signer("ci@example.com", "https://issuer.example").signBundle(model); // model.onnx.sigstore.json
    Policy policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"))))
        .allowIdentity("ci@example.com", "https://issuer.example")
        .build();
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      assertEquals("ci@example.com", m.signer().subject());
    }
  }
}
// end:test-suite
