package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.spi.EvidenceLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSF Model Signing signatures edited the way an attacker or a confused pipeline would: each is
 * refused for its reason. Made from the real model_signing vectors, copied into a temporary folder.
 */
class OmsHostileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static Path tests() {
    return Vectors.dir().resolve("oms/model-transparency/scripts/tests");
  }

  private static Path keys() {
    return tests().resolve("keys/certificate");
  }

  private Path copy(String vector) throws Exception {
    Path to = Files.createDirectories(dir.resolve(vector));
    try (var files = Files.list(tests().resolve(vector))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  private static Reason reason(ThrowingCall call) {
    try {
      call.run().close();
      throw new AssertionError("expected a refusal");
    } catch (ModelVerificationException e) {
      return e.reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface ThrowingCall {
    VerifiedModel run() throws Exception;
  }

  @Test
  void aKeyCarriedInTheBundleMustBeThePinnedOne() throws Exception {
    Path vector = tests().resolve("v1.0.0-elliptic-key");
    Policy other = OmsVectorsTest.keyPolicy(Vectors.dir().resolve("oms/synthetic/p256-key-pub.pem"));
    assertThat(reason(() -> VerifiedModel.load(vector.resolve("signme-1"), other,
        LoadOptions.builder().bundle(vector.resolve("model.sig")).build()))).isEqualTo(Reason.KEY_MISMATCH);
  }

  @Test
  void aKeySignatureWithTimestampsButNoFulcioCertificateIsRefused() throws Exception {
    Path model = copy("v1.1.0-elliptic-key");
    ObjectNode bundle = (ObjectNode) JSON.readTree(model.resolve("model.sig").toFile());
    ((ObjectNode) bundle.get("verificationMaterial")).putObject("timestampVerificationData")
        .putArray("rfc3161Timestamps").addObject().put("signedTimestamp", "AAAA");
    JSON.writeValue(model.resolve("model.sig").toFile(), bundle);
    Policy key = OmsVectorsTest.keyPolicy(keys().resolve("signing-key-pub.pem"));
    assertThat(reason(() -> VerifiedModel.load(model, key, LoadOptions.builder().ignorePaths("ignore-me").build())))
        .isEqualTo(Reason.INVALID_TLOG_ENTRY);
  }

  @Test
  void aResourceListThatIsNotTheSignedOneIsRefusedBeforeHashing() throws Exception {
    Path model = copy("v1.1.0-elliptic-key");
    ObjectNode bundle = (ObjectNode) JSON.readTree(model.resolve("model.sig").toFile());
    ObjectNode env = (ObjectNode) bundle.get("dsseEnvelope");
    ObjectNode statement = (ObjectNode) JSON.readTree(java.util.Base64.getDecoder().decode(env.get("payload").asText()));
    ((ObjectNode) statement.get("predicate").get("resources").get(0)).put("digest", "00".repeat(32));
    env.put("payload", java.util.Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(statement)));
    JSON.writeValue(model.resolve("model.sig").toFile(), bundle);
    Policy key = OmsVectorsTest.keyPolicy(keys().resolve("signing-key-pub.pem"));
    assertThat(reason(() -> VerifiedModel.load(model, key, LoadOptions.builder().ignorePaths("ignore-me").build())))
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void aModelHasExactlyOneModelSignature() throws Exception {
    Path model = copy("v1.1.0-elliptic-key");
    Path second = Files.copy(model.resolve("model.sig"), dir.resolve("second.sig"));
    Policy key = OmsVectorsTest.keyPolicy(keys().resolve("signing-key-pub.pem"));
    EvidenceLocator extra = m -> new EvidenceLocator.Evidence(List.of(second), List.of(), List.of());
    assertThat(reason(() -> VerifiedModel.load(model, key, LoadOptions.builder().evidenceLocator(extra)
        .ignorePaths("ignore-me").build()))).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void aSigstoreSignatureOfTheFileBesideItsModelSignatureIsRefused() throws Exception {
    Path vector = copy("v1.0.0-elliptic-key");
    dev.modelseal.testkit.FakeSigstore.create().signer("release@example.com", "https://accounts.example.com")
        .signBundle(vector.resolve("signme-1"));
    Policy key = OmsVectorsTest.keyPolicy(keys().resolve("signing-key-pub.pem"));
    assertThat(reason(() -> VerifiedModel.load(vector.resolve("signme-1"), key,
        LoadOptions.builder().bundle(vector.resolve("model.sig")).build()))).isEqualTo(Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void theModelSigningRelaxationsApplyToModelSignaturesOnly() throws Exception {
    // A v0.3 bundle with a certificate chain is model_signing's, not protobuf-specs': refused as a
    // signature of a file (no model_signing statement in it).
    Path cert = tests().resolve("v1.1.0-certificate");
    ObjectNode bundle = (ObjectNode) JSON.readTree(cert.resolve("model.sig").toFile());
    bundle.remove("dsseEnvelope");
    bundle.putObject("messageSignature").put("signature", "AAAA");
    Path model = Files.writeString(dir.resolve("model.onnx"), "weights");
    JSON.writeValue(dir.resolve("model.onnx.sigstore.json").toFile(), bundle);
    assertThatThrownBy(() -> VerifiedModel.load(model, OmsVectorsTest.certificatePolicy(keys().resolve("ca-cert.pem"))))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BUNDLE));
  }

  @Test
  void aModelSignatureHoldsADsseEnvelope() throws Exception {
    Path model = copy("v1.1.0-elliptic-key");
    ObjectNode bundle = (ObjectNode) JSON.readTree(model.resolve("model.sig").toFile());
    bundle.remove("dsseEnvelope");
    bundle.putObject("messageSignature").put("signature", "AAAA");
    JSON.writeValue(model.resolve("model.sig").toFile(), bundle);
    Policy key = OmsVectorsTest.keyPolicy(keys().resolve("signing-key-pub.pem"));
    assertThat(reason(() -> VerifiedModel.load(model, key, LoadOptions.builder().ignorePaths("ignore-me").build())))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void aKeySignatureNeedsAPinnedKey() throws Exception {
    Policy certificateOnly = OmsVectorsTest.certificatePolicy(keys().resolve("ca-cert.pem"));
    assertThat(reason(() -> VerifiedModel.load(tests().resolve("v1.1.0-elliptic-key"), certificateOnly,
        LoadOptions.builder().ignorePaths("ignore-me").build()))).isEqualTo(Reason.KEY_MISMATCH);
  }
}
