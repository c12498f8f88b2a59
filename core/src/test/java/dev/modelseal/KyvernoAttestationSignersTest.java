package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.PredicateTypes;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kyverno attestation's own {@code attestors} are the only ones that may sign it: an identity the
 * image-level attestors allow may sign the model, but not an attestation that names its own signer.
 */
@ExtendWith(FakeSigstoreExtension.class)
class KyvernoAttestationSignersTest {
  private static final String ISSUER = "https://accounts.example.com";
  private static final String BUILDER = "builder@example.com";
  private static final String EVALUATOR = "evaluator@example.com";
  private static final String PREDICATE = "{\"eval\":{\"accuracy\":0.91}}";

  @TempDir Path dir;
  private FakeSigstore sigstore;
  private Path model;
  private TrustRoot trustRoot;

  @BeforeEach
  void setUp(FakeSigstore sigstore) throws Exception {
    this.sigstore = sigstore;
    model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    sigstore.signer(BUILDER, ISSUER).signBundle(model, dir.resolve("m.bin.bundle"));
    trustRoot = TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json")));
  }

  private static String keyless(String subject) {
    return "- keyless:\n    issuer: " + ISSUER + "\n    subject: " + subject + "\n";
  }

  /** The model may be signed by the builder or the evaluator; the eval attestation only by the evaluator. */
  private Policy policy() throws Exception {
    return PolicyFiles.fromKyverno(Files.writeString(dir.resolve("policy.yaml"), yaml(EVALUATOR)), trustRoot);
  }

  private static String yaml(String attestationSigner) {
    return """
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: verify-model
        spec:
          validationFailureAction: Enforce
          rules:
            - name: models
              verifyImages:
                - imageReferences: ["registry.example.com/models/*"]
                  attestors:
                    - count: 1
                      entries:
        """ + (keyless(BUILDER) + keyless(EVALUATOR)).indent(18) + """
                  attestations:
                    - type: custom
                      attestors:
                        - entries:
        """ + keyless(attestationSigner).indent(20) + """
                      conditions:
                        - all:
                            - key: "{{ eval.accuracy }}"
                              operator: GreaterThanOrEquals
                              value: 0.85
        """;
  }

  private void attestBy(String subject) {
    sigstore.signer(subject, ISSUER).attest(model, PredicateTypes.COSIGN_CUSTOM, PREDICATE,
        dir.resolve("m.bin.attest.bundle"));
  }

  @Test
  void theAttestationsOwnAttestorMaySignIt() throws Exception {
    attestBy(EVALUATOR);
    try (VerifiedModel m = VerifiedModel.load(model, policy())) {
      assertThat(m.attestations()).singleElement().extracting(a -> a.signer().subject()).isEqualTo(EVALUATOR);
    }
  }

  @Test
  void anIdentityOnlyTheImageAttestorsAllowMayNotSignTheAttestation() throws Exception {
    attestBy(BUILDER);
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
        () -> VerifiedModel.load(model, policy()).close());
    assertThat(e.reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
    assertThat(e.getMessage()).contains("signed by " + EVALUATOR, "signed only by " + BUILDER);
  }

  @Test
  void anAttestationSignerTheImageAttestorsDoNotAllowIsRefusedInThePolicy() throws Exception {
    Path file = Files.writeString(dir.resolve("foreign.yaml"), yaml("someone-else@example.com"));
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
        () -> PolicyFiles.fromKyverno(file, trustRoot));
    assertThat(e.reason()).isEqualTo(Reason.INVALID_POLICY);
    assertThat(e.getMessage()).contains("someone-else@example.com", "which verifyImages[].attestors does not");
  }
}
