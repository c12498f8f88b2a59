package dev.modelseal.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.Reason;
import dev.modelseal.TrustRoot;
import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.TinyOnnx;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.OmsSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every README snippet on real signed models from the testkit. */
class ReadmeExamplesTest {
  static final float[] X = {1f, 2f, 3f};
  @TempDir Path dir;

  private DeliveryUnit unit(AttestationTamper tamper) {
    return FakeSigstore.create().deliveryUnit().model(TinyOnnx.create().bytes()).tamper(tamper).write(dir);
  }

  private Path policyFile() throws Exception {
    return Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: modelseal.dev/v1
        kind: ModelPolicy
        trustRoot: trusted_root.json
        identities:
          - issuer: %s
            subject: %s
        attestations:
          - type: custom
            conditions:
              - all:
                  - key: "{{ eval.accuracy }}"
                    operator: GreaterThanOrEquals
                    value: 0.85
        sbom:
          deniedLicenses: ["*-NC-*"]
        """.formatted(DeliveryUnit.ISSUER, DeliveryUnit.IDENTITY));
  }

  private Path clusterPolicy() throws Exception {
    return Files.writeString(dir.resolve("clusterpolicy.yaml"), """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: verified-models
        spec:
          validationFailureAction: Enforce
          rules:
            - name: check-model
              match:
                any:
                  - resources:
                      kinds: [Pod]
              verifyImages:
                - imageReferences: ["registry.example.com/models/*"]
                  attestors:
                    - entries:
                        - keyless:
                            subject: %s
                            issuer: %s
                  attestations:
                    - type: https://cosign.sigstore.dev/attestation/v1
                      conditions:
                        - all:
                            - key: "{{ eval.accuracy }}"
                              operator: GreaterThanOrEquals
                              value: 0.85
        """.formatted(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER));
  }

  @Test
  void inferenceService() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    assertThat(ReadmeExamples.inferenceService(unit.model(), policyFile(), X))
        .containsExactly(TinyOnnx.create().expectedOutput(X));
    DeliveryUnit weak = FakeSigstore.create().deliveryUnit().model(TinyOnnx.create().bytes())
        .tamper(AttestationTamper.FAILING_PREDICATE).write(dir.resolve("weak"));
    Path weakPolicy = Files.copy(policyFile(), weak.directory().resolve("policy.yaml"));
    assertThatThrownBy(() -> ReadmeExamples.inferenceService(weak.model(), weakPolicy, X))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONDITION_FAILED));
  }

  @Test
  void platformTeam() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    assertThat(ReadmeExamples.platformTeam(unit.model(), clusterPolicy(), unit.trustedRoot().orElseThrow()))
        .contains(DeliveryUnit.IDENTITY, "accuracy");
  }

  @Test
  void frameworkIntegrator() throws Exception {
    DeliveryUnit unit = unit(AttestationTamper.NONE);
    Path store = Files.createDirectories(dir.resolve("registry-cache"));
    Files.move(unit.signature().orElseThrow(), store.resolve("signature.sigstore.json"));
    Files.move(unit.attestation().orElseThrow(), store.resolve("attestation.sigstore.json"));
    Files.move(unit.sbom().orElseThrow(), store.resolve("sbom.sigstore.json"));
    Files.delete(unit.metadata().orElseThrow());
    Policy policy = Policy.builder().trustRoot(TrustRoot.fromJson(unit.trustedRoot().orElseThrow()))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).build();
    assertThat(ReadmeExamples.frameworkIntegrator(unit.model(), store, policy, X))
        .containsExactly(TinyOnnx.create().expectedOutput(X));
  }

  @Test
  void directoryModel() throws Exception {
    FakeSigstore sigstore = FakeSigstore.create();
    Path model = Files.createDirectories(dir.resolve("llama-tiny"));
    Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 8}");
    Files.write(model.resolve("model.onnx"), TinyOnnx.create().bytes());
    ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER)));
    Policy policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"))))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).build();
    assertThat(ReadmeExamples.directoryModel(model, policy)).isEqualTo("[config.json, model.onnx] {\"hidden_size\": 8}");
    Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 9}");
    assertThatThrownBy(() -> ReadmeExamples.directoryModel(model, policy))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
  }
}
