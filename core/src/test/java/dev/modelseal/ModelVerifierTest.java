package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verifier as a service uses it: built once, shared, and the result types it hands out. AUDIT
 * admission is visible in the result, and a loader (anything calling {@code requireLoadable}) refuses
 * such a model until the caller accepts its violations.
 */
@ExtendWith(FakeSigstoreExtension.class)
class ModelVerifierTest {
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  @TempDir Path dir;
  private FakeSigstore sigstore;
  private TrustRoot trustRoot;

  @BeforeEach
  void setUp(FakeSigstore sigstore) throws Exception {
    this.sigstore = sigstore;
    trustRoot = TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("trusted_root.json")));
  }

  private Path signed(String name, String signerIdentity) throws Exception {
    Path model = Files.writeString(dir.resolve(name), "weights of " + name);
    sigstore.signer(signerIdentity, ISSUER).signBundle(model);
    return model;
  }

  private Policy policy(EnforcementMode mode) {
    return Policy.builder().trustRoot(trustRoot).allowIdentity(ID, ISSUER).mode(mode).build();
  }

  @Test
  void oneVerifierServesManyModelsFromManyThreads() throws Exception {
    ModelVerifier verifier = ModelVerifier.of(policy(EnforcementMode.ENFORCE));
    List<Path> models = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      models.add(signed("model-" + i + ".onnx", ID));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (Path m : models) {
        results.add(pool.submit(() -> {
          try (VerifiedModel v = verifier.load(m); InputStream in = v.openStream()) {
            return new String(in.readAllBytes());
          }
        }));
      }
      for (int i = 0; i < models.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo("weights of model-" + i + ".onnx");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSingleFileModelIsAnArtifactOfOneFileNamedAfterIt() throws Exception {
    Path model = signed("resnet.v2.onnx", ID);
    try (VerifiedModel v = ModelVerifier.of(policy(EnforcementMode.ENFORCE)).load(model)) {
      assertThat(v.status()).isEqualTo(VerificationStatus.VERIFIED);
      assertThat(v.violations()).isEmpty();
      VerifiedArtifact artifact = v.artifact();
      assertThat(artifact.name()).isEqualTo("resnet.v2");
      assertThat(artifact.files()).containsOnlyKeys("resnet.v2.onnx");
      VerifiedFile file = artifact.file("resnet.v2.onnx").orElseThrow();
      assertThat(file.digest()).contains("sha256:" + v.digests().sha256());
      try (InputStream in = v.openStream("resnet.v2.onnx")) {
        assertThat(new String(in.readAllBytes())).isEqualTo("weights of resnet.v2.onnx");
      }
      assertThatThrownBy(() -> v.openStream("other.onnx")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("resnet.v2.onnx");
      artifact.requireLoadable();
      file.requireLoadable();
    }
  }

  @Test
  void auditAdmissionIsVisibleAndLoadersRefuseItUntilAccepted() throws Exception {
    Path model = signed("model.onnx", "mallory@example.com");
    assertThatThrownBy(() -> ModelVerifier.of(policy(EnforcementMode.ENFORCE)).load(model))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.IDENTITY_MISMATCH));
    try (VerifiedModel v = ModelVerifier.of(policy(EnforcementMode.AUDIT)).load(model)) {
      assertThat(v.status()).isEqualTo(VerificationStatus.ADMITTED_WITH_VIOLATIONS);
      assertThat(v.violations()).extracting(ModelVerificationException.Failure::reason)
          .containsExactly(Reason.IDENTITY_MISMATCH);
      VerifiedArtifact artifact = v.artifact();
      assertThat(artifact.status()).isEqualTo(VerificationStatus.ADMITTED_WITH_VIOLATIONS);
      VerifiedFile file = artifact.file("model.onnx").orElseThrow();
      assertThatThrownBy(file::requireLoadable).isInstanceOfSatisfying(ModelVerificationException.class, e -> {
        assertThat(e.reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
        assertThat(e.getMessage()).contains("AUDIT").contains("acceptViolations");
      });
      assertThatThrownBy(artifact::requireLoadable).isInstanceOf(ModelVerificationException.class);
      VerifiedArtifact accepted = artifact.acceptViolations();
      accepted.requireLoadable();
      accepted.file("model.onnx").orElseThrow().requireLoadable();
      assertThat(accepted.status()).as("accepting does not launder the status")
          .isEqualTo(VerificationStatus.ADMITTED_WITH_VIOLATIONS);
      assertThatThrownBy(file::requireLoadable).as("the original stays refused")
          .isInstanceOf(ModelVerificationException.class);
    }
  }

  @Test
  void aBundleVerifiedAloneHasItsSignerJudgedByThePolicyStep() throws Exception {
    Path model = Files.writeString(dir.resolve("model.onnx"), "weights");
    Path bundle = sigstore.signer("mallory@example.com", ISSUER).signBundle(model);
    assertThatThrownBy(() -> ModelVerifier.of(policy(EnforcementMode.ENFORCE)).verifyBundle(bundle, model))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.IDENTITY_MISMATCH));
    Policy keysOnly = Policy.builder().trustRoot(trustRoot)
        .allowKeyPem(sigstore.keySigner().publicKeyPem()).build();
    assertThatThrownBy(() -> ModelVerifier.of(keysOnly.withMode(EnforcementMode.AUDIT)).verifyBundle(bundle, model))
        .as("a certificate where only keys are allowed is refused even in AUDIT mode")
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MISMATCH));
    VerifiedSignature audited = ModelVerifier.of(policy(EnforcementMode.AUDIT)).verifyBundle(bundle, model);
    assertThat(audited.signer().subject()).isEqualTo("mallory@example.com");
    assertThat(audited.report().describe()).contains("IDENTITY_MISMATCH");
  }

  @ParameterizedTest
  @CsvSource({"model.onnx,model", "tiny-linear.v2.onnx,tiny-linear.v2", "weights,weights", ".hidden,.hidden",
      "sub/dir/model.pt,model", "'',model"})
  void namesModelsAfterTheirFile(String file, String name) {
    assertThat(VerifiedArtifact.baseName(file)).isEqualTo(name);
  }
}
