package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.internal.delivery.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.InTotoStatement;
import dev.modelseal.testkit.PredicateTypes;
import dev.modelseal.testkit.Predicates;
import dev.modelseal.testkit.StatementType;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import dev.modelseal.testkit.oms.EcCurve;
import dev.modelseal.testkit.oms.HashType;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.ModelTamper;
import dev.modelseal.testkit.oms.OmsCertificateSigner;
import dev.modelseal.testkit.oms.OmsKeySigner;
import dev.modelseal.testkit.oms.OmsSigner;
import dev.modelseal.testkit.oms.SignedModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Directory models signed with OpenSSF Model Signing (by the testkit, in all three methods) as a
 * delivery unit: what is handed out, every tamper refused for its reason, attestations bound to the
 * digest the signature signs, and nothing re-read from the directory after verification.
 */
@ExtendWith(FakeSigstoreExtension.class)
class DirectoryModelTest {
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private FakeSigstore sigstore;
  private TrustRoot trustRoot;
  private Path model;
  private final Map<String, String> contents = new TreeMap<>();

  @BeforeEach
  void setUp(FakeSigstore sigstore) throws Exception {
    this.sigstore = sigstore;
    trustRoot = TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("trusted_root.json")));
    model = Files.createDirectories(dir.resolve("llama-tiny"));
    contents.put("config.json", "{\"hidden_size\": 8}");
    contents.put("tokenizer.json", "{\"vocab\": {\"a\": 0}}");
    contents.put("weights/model-00001-of-00002.safetensors", "x".repeat(5000));
    contents.put("weights/model-00002-of-00002.safetensors", "y".repeat(3000));
    contents.put(".hidden", "dotfiles are signed too");
    for (Map.Entry<String, String> e : contents.entrySet()) {
      Path p = model.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
  }

  private Policy keyless() {
    return Policy.builder().trustRoot(trustRoot).allowIdentity(ID, ISSUER).build();
  }

  private static ModelVerificationException refused(ThrowingLoad load) {
    try (VerifiedModel m = load.run()) {
      throw new AssertionError("expected a refusal, but verified " + m.artifact());
    } catch (ModelVerificationException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface ThrowingLoad {
    VerifiedModel run() throws Exception;
  }

  private void assertHandsOutExactlyTheSignedFiles(VerifiedModel m) throws Exception {
    assertThat(m.status()).isEqualTo(VerificationStatus.VERIFIED);
    assertThat(m.artifact().name()).isEqualTo("llama-tiny");
    assertThat(m.artifact().files().keySet()).containsExactlyElementsOf(contents.keySet());
    for (Map.Entry<String, String> e : contents.entrySet()) {
      try (InputStream in = m.openStream(e.getKey())) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(e.getValue());
      }
      assertThat(m.artifact().file(e.getKey()).orElseThrow().size()).isEqualTo(e.getValue().length());
    }
  }

  @ParameterizedTest
  @EnumSource(HashType.class)
  void keylessSignedDirectoriesVerifyInEveryHash(HashType hash) throws Exception {
    ModelSigning.files().withHashType(hash).sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    try (VerifiedModel m = VerifiedModel.load(model, keyless())) {
      assertHandsOutExactlyTheSignedFiles(m);
      assertThat(m.signer()).isEqualTo(new Signer(ID, ISSUER, null));
      assertThat(m.artifact().file("config.json").orElseThrow().digest()).hasValueSatisfying(
          d -> assertThat(d).startsWith(hash.id() + ":"));
    }
  }

  @Test
  void shardSignedDirectoriesVerifyAndTheirFilesHaveNoWholeFileDigest() throws Exception {
    ModelSigning.shards(1024).sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    try (VerifiedModel m = VerifiedModel.load(model, keyless())) {
      assertHandsOutExactlyTheSignedFiles(m);
      assertThat(m.artifact().file("config.json").orElseThrow().digest()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(EcCurve.class)
  void keySignedDirectoriesVerifyWithThePinnedKeyOnly(EcCurve curve) throws Exception {
    OmsKeySigner key = OmsKeySigner.create(curve);
    ModelSigning.files().sign(model, key);
    Policy pinned = Policy.builder().trustRoot(trustRoot).allowKeyPem(key.publicKeyPem()).build();
    try (VerifiedModel m = VerifiedModel.load(model, pinned)) {
      assertHandsOutExactlyTheSignedFiles(m);
      assertThat(m.signer().isKeyless()).isFalse();
      assertThat(m.logIndex()).isEmpty();
      assertThat(m.signingTime()).as("a key signature without a log has no verified time").isEmpty();
    }
    Policy other = Policy.builder().trustRoot(trustRoot)
        .allowKeyPem(OmsKeySigner.create(curve).publicKeyPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, other)).reason()).isEqualTo(Reason.KEY_MISMATCH);
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).reason()).isEqualTo(Reason.KEY_MISMATCH);
  }

  @Test
  void aKeySignatureThatDoesNotVerifyIsRefused() throws Exception {
    OmsKeySigner key = OmsKeySigner.create(EcCurve.P256);
    ModelSigning.files().sign(model, key.withWrongKey());
    Policy pinned = Policy.builder().trustRoot(trustRoot).allowKeyPem(key.publicKeyPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, pinned)).reason()).isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void certificateSignedDirectoriesVerifyAgainstTheGivenRootOnly() throws Exception {
    OmsCertificateSigner ca = OmsCertificateSigner.create();
    ModelSigning.files().sign(model, ca);
    Policy anchored = Policy.builder().trustRoot(trustRoot).allowCertificateChainToPem(ca.rootCaPem()).build();
    try (VerifiedModel m = VerifiedModel.load(model, anchored)) {
      assertHandsOutExactlyTheSignedFiles(m);
      assertThat(m.signer().isCertificate()).isTrue();
      assertThat(m.signingTime()).contains(ca.chain().get(0).getNotBefore().toInstant());
    }
    Policy otherRoot = Policy.builder().trustRoot(trustRoot)
        .allowCertificateChainToPem(OmsCertificateSigner.create().rootCaPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, otherRoot)).reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void aCertificateChainToAnotherRootIsRefusedAndARootInTheChainIsNotTrusted() throws Exception {
    OmsCertificateSigner untrusted = OmsCertificateSigner.create().withUntrustedChain();
    ModelSigning.files().sign(model, untrusted);
    Policy anchored = Policy.builder().trustRoot(trustRoot).allowCertificateChainToPem(untrusted.rootCaPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, anchored)).reason()).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);

    OmsCertificateSigner withRoot = OmsCertificateSigner.create().withRootInChain(true);
    ModelSigning.files().sign(model, withRoot);
    Policy otherRoot = Policy.builder().trustRoot(trustRoot)
        .allowCertificateChainToPem(OmsCertificateSigner.create().rootCaPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, otherRoot)).reason())
        .as("the root the bundle carries is not an anchor").isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    try (VerifiedModel m = VerifiedModel.load(model, Policy.builder().trustRoot(trustRoot)
        .allowCertificateChainToPem(withRoot.rootCaPem()).build())) {
      assertThat(m.status()).isEqualTo(VerificationStatus.VERIFIED);
    }
  }

  @Test
  void anExpiredLeafIsJudgedAtItsNotBeforeAsModelSigningDoes() throws Exception {
    OmsCertificateSigner expired = OmsCertificateSigner.create().withExpiredLeaf();
    ModelSigning.files().sign(model, expired);
    try (VerifiedModel m = VerifiedModel.load(model, Policy.builder().trustRoot(trustRoot)
        .allowCertificateChainToPem(expired.rootCaPem()).build())) {
      assertThat(m.status()).isEqualTo(VerificationStatus.VERIFIED);
    }
  }

  @Test
  void aSignerThePolicyDoesNotAllowIsRefusedOrAdmittedInAuditMode() throws Exception {
    ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer("mallory@example.com", ISSUER)));
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
    try (VerifiedModel m = VerifiedModel.load(model, keyless().withMode(EnforcementMode.AUDIT))) {
      assertThat(m.status()).isEqualTo(VerificationStatus.ADMITTED_WITH_VIOLATIONS);
      assertThatThrownBy(() -> m.artifact().file("config.json").orElseThrow().requireLoadable())
          .isInstanceOf(ModelVerificationException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(ModelTamper.class)
  void everyChangeToTheDirectoryIsRefusedForItsReason(ModelTamper tamper) throws Exception {
    SignedModel signed = ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    signed.tamper(tamper);
    Reason expected = tamper == ModelTamper.MODIFIED_BYTE ? Reason.DIGEST_MISMATCH : Reason.FILE_SET_MISMATCH;
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).reason()).isEqualTo(expected);
  }

  @Test
  void anUnsignedFileIsLeftOutOnlyWhenTheCallerSaysSo() throws Exception {
    ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    Files.writeString(model.resolve("README.md"), "not signed");
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).reason()).isEqualTo(Reason.FILE_SET_MISMATCH);
    try (VerifiedModel m = VerifiedModel.load(model, keyless(), LoadOptions.builder().ignoreUnsignedFiles(true).build())) {
      assertHandsOutExactlyTheSignedFiles(m);
    }
    try (VerifiedModel m = VerifiedModel.load(model, keyless(), LoadOptions.builder().ignorePaths("README.md").build())) {
      assertHandsOutExactlyTheSignedFiles(m);
    }
    for (String outside : new String[] {"../README.md", dir.resolve("elsewhere").toString(), ".", "READ\u0000ME.md"}) {
      assertThat(refused(() -> VerifiedModel.load(model, keyless(), LoadOptions.builder().ignorePaths(outside).build()))
          .reason()).as(outside).isEqualTo(Reason.INVALID_POLICY);
    }
    Files.delete(model.resolve("config.json"));
    assertThat(refused(() -> VerifiedModel.load(model, keyless(), LoadOptions.builder().ignoreUnsignedFiles(true)
        .build())).reason()).as("a missing signed file fails whatever the options").isEqualTo(Reason.FILE_SET_MISMATCH);
  }

  @Test
  void aSymlinkIsRefused() throws Exception {
    ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    Path outside = Files.writeString(dir.resolve("outside.json"), "{\"hidden_size\": 8}");
    Files.delete(model.resolve("config.json"));
    Files.createSymbolicLink(model.resolve("config.json"), outside);
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).reason()).isEqualTo(Reason.UNSAFE_PATH);
  }

  @Test
  void aMissingSignatureSaysWhereItWasExpected() {
    ModelVerificationException e = refused(() -> VerifiedModel.load(model, keyless()));
    assertThat(e.reason()).isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(e.getMessage()).contains("model.sig");
  }

  private String rootDigest(SignedModel signed) throws Exception {
    return JSON.readTree(signed.statementJson()).path("subject").get(0).path("digest").path("sha256").asText();
  }

  @Test
  void attestationsInTheDirectoryBindToTheDigestTheSignatureSigns() throws Exception {
    SignedModel signed = ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    String root = rootDigest(signed);
    sigstore.signer(ID, ISSUER).attestStatement(InTotoStatement.json(StatementType.V1, "llama-tiny", root,
        PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom("{\"eval\":{\"accuracy\":0.91}}")),
        model.resolve("eval.attest.bundle"));
    Policy requiring = Policy.builder().trustRoot(trustRoot).allowIdentity(ID, ISSUER)
        .requireAttestation(AttestationRequirement.builder("custom").condition("{{ eval.accuracy }}", "GreaterThanOrEquals", 0.85).build())
        .build();
    try (VerifiedModel m = VerifiedModel.load(model, requiring)) {
      assertHandsOutExactlyTheSignedFiles(m); // the attestation is evidence, never part of the model
      assertThat(m.attestations()).hasSize(1);
      assertThat(m.digests().sha256()).isEqualTo(root);
    }
    Policy stricter = Policy.builder().trustRoot(trustRoot).allowIdentity(ID, ISSUER)
        .requireAttestation(AttestationRequirement.builder("custom").condition("{{ eval.accuracy }}", "GreaterThanOrEquals", 0.95).build())
        .build();
    assertThat(refused(() -> VerifiedModel.load(model, stricter)).reason()).isEqualTo(Reason.CONDITION_FAILED);

    sigstore.signer(ID, ISSUER).attestStatement(InTotoStatement.json(StatementType.V1, "llama-tiny", "00".repeat(32),
        PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom("{\"eval\":{\"accuracy\":0.99}}")),
        model.resolve("eval.attest.bundle"));
    assertThat(refused(() -> VerifiedModel.load(model, requiring)).reason())
        .as("an attestation about another digest").isEqualTo(Reason.DIGEST_MISMATCH);
  }

  @Test
  void nothingIsReadFromTheDirectoryAfterVerification() throws Exception {
    ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    Path snapshots = Files.createDirectories(dir.resolve("snapshots"));
    for (LoadOptions options : new LoadOptions[] {LoadOptions.defaults(),
        LoadOptions.builder().snapshotDirectory(snapshots).build()}) {
      try (VerifiedModel m = VerifiedModel.load(model, keyless(), options)) {
        Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 9999}");
        Files.delete(model.resolve("tokenizer.json"));
        Files.createSymbolicLink(model.resolve("tokenizer.json"), dir.resolve("trusted_root.json"));
        Files.writeString(model.resolve("added.bin"), "added after verification");
        assertHandsOutExactlyTheSignedFiles(m);
        assertThat(OpenDescriptors.in(snapshots)).hasSize(options.snapshotDirectory().isPresent() ? 1 : 0);
      } finally {
        for (Map.Entry<String, String> e : contents.entrySet()) {
          Files.deleteIfExists(model.resolve(e.getKey()));
          Files.writeString(model.resolve(e.getKey()), e.getValue());
        }
        Files.deleteIfExists(model.resolve("added.bin"));
      }
    }
    assertThat(OpenDescriptors.in(snapshots)).as("snapshot files are gone once the model is closed").isEmpty();
  }

  private void attestBom(String root, String fileName, String alg, String hex) throws Exception {
    String bom = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[{"
        + "\"type\":\"file\",\"name\":\"" + fileName + "\",\"hashes\":[{\"alg\":\"" + alg + "\",\"content\":\""
        + hex + "\"}]}]}";
    sigstore.signer(ID, ISSUER).attestStatement(InTotoStatement.json(StatementType.V1, "llama-tiny", root,
        PredicateTypes.CYCLONEDX, bom), model.resolve("model.sbom.bundle"));
  }

  @Test
  void anSbomsFileHashesMustMatchTheSignedFiles() throws Exception {
    SignedModel signed = ModelSigning.files().withHashType(HashType.BLAKE3)
        .sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    String root = rootDigest(signed);
    String config = signed.resources().stream().filter(r -> r.name().equals("config.json")).findFirst()
        .orElseThrow().digestHex();
    attestBom(root, "config.json", "BLAKE3", config);
    try (VerifiedModel m = VerifiedModel.load(model, keyless())) {
      assertThat(m.sbom()).isPresent();
      assertHandsOutExactlyTheSignedFiles(m);
    }
    attestBom(root, "config.json", "BLAKE3", "00".repeat(32));
    ModelVerificationException wrong = refused(() -> VerifiedModel.load(model, keyless()));
    assertThat(wrong.reason()).isEqualTo(Reason.SBOM_VIOLATION);
    assertThat(wrong.getMessage()).contains("config.json").contains(config);
    attestBom(root, "config.json", "SHA-256", "00".repeat(32));
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).getMessage())
        .as("a hash in an algorithm the model was not signed with cannot be checked").contains("cannot be checked");
    attestBom(root, "not-in-the-model.bin", "BLAKE3", config);
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).getMessage()).contains("not a signed file");
  }

  @Test
  void anSbomsFileHashOfAShardSignedFileCannotBeChecked() throws Exception {
    SignedModel signed = ModelSigning.shards(1024).sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    attestBom(rootDigest(signed), "config.json", "SHA-256", "00".repeat(32));
    ModelVerificationException e = refused(() -> VerifiedModel.load(model, keyless()));
    assertThat(e.reason()).isEqualTo(Reason.SBOM_VIOLATION);
    assertThat(e.getMessage()).contains("signed in shards");
  }

  @Test
  void keyAndCertificateSignaturesNeedNoTrustRootButSigstoreBundlesDo() throws Exception {
    OmsKeySigner key = OmsKeySigner.create(EcCurve.P256);
    ModelSigning.files().sign(model, key);
    Policy noRoot = Policy.builder().allowKeyPem(key.publicKeyPem()).build();
    assertThat(noRoot.trustRoot().isNone()).isTrue();
    try (VerifiedModel m = VerifiedModel.load(model, noRoot)) {
      assertHandsOutExactlyTheSignedFiles(m);
    }
    OmsCertificateSigner ca = OmsCertificateSigner.create();
    ModelSigning.files().sign(model, ca);
    try (VerifiedModel m = VerifiedModel.load(model, Policy.builder().allowCertificateChainToPem(ca.rootCaPem()).build())) {
      assertHandsOutExactlyTheSignedFiles(m);
    }
    Path file = Files.writeString(dir.resolve("model.onnx"), "weights");
    dev.modelseal.testkit.KeySigner sigstoreKey = sigstore.keySigner();
    sigstoreKey.signBundle(file);
    ModelVerificationException e = refused(() -> VerifiedModel.load(file,
        Policy.builder().allowKeyPem(sigstoreKey.publicKeyPem()).build()));
    assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(e.getMessage()).contains("trust root");
    assertThatThrownBy(() -> Policy.builder().allowIdentity(ID, ISSUER).build())
        .as("identities always need a trust root").isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPolicyRefusalComesBeforeTheDirectoryIsHashed() throws Exception {
    ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer("mallory@example.com", ISSUER)));
    Files.writeString(model.resolve("unsigned.txt"), "hashing would find this file");
    assertThat(refused(() -> VerifiedModel.load(model, keyless())).reason())
        .as("ENFORCE refuses the signer before walking the directory").isEqualTo(Reason.IDENTITY_MISMATCH);
    Policy keysOnly = Policy.builder().trustRoot(trustRoot).allowKeyPem(OmsKeySigner.create(EcCurve.P256).publicKeyPem())
        .mode(EnforcementMode.AUDIT).build();
    assertThat(refused(() -> VerifiedModel.load(model, keysOnly)).reason())
        .as("an integrity refusal in AUDIT mode comes before hashing too").isEqualTo(Reason.KEY_MISMATCH);
    assertThat(refused(() -> VerifiedModel.load(model, keyless().withMode(EnforcementMode.AUDIT))).reason())
        .as("AUDIT admits the signer, then the directory is checked").isEqualTo(Reason.FILE_SET_MISMATCH);
  }

  @Test
  void aModelSealMetadataFileIsEvidenceAndAnyOtherMetadataFileIsModelContent() throws Exception {
    contents.put("metadata.json", "{\"framework\": \"onnx\"}"); // the model's own metadata
    Files.writeString(model.resolve("metadata.json"), contents.get("metadata.json"));
    ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    try (VerifiedModel m = VerifiedModel.load(model, keyless())) {
      assertHandsOutExactlyTheSignedFiles(m);
    }
    // Nor is a metadata.json that a delivery file could never be: an array, a duplicate key, over the size limit.
    for (String other : List.of("[{\"framework\": \"onnx\"}]", "{\"a\": 1, \"a\": 2}",
        "{\"pad\": \"" + "x".repeat(DeliveryUnit.MAX_METADATA_BYTES) + "\"}")) {
      contents.put("metadata.json", other);
      Files.writeString(model.resolve("metadata.json"), other);
      ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
      try (VerifiedModel m = VerifiedModel.load(model, keyless())) {
        assertHandsOutExactlyTheSignedFiles(m);
      }
    }
    contents.remove("metadata.json");
    Files.delete(model.resolve("metadata.json"));
    SignedModel signed = ModelSigning.files().sign(model, OmsSigner.keyless(sigstore.signer(ID, ISSUER)));
    Path evidence = Files.createDirectories(model.resolve("evidence"));
    sigstore.signer(ID, ISSUER).attestStatement(InTotoStatement.json(StatementType.V1, "llama-tiny", rootDigest(signed),
        PredicateTypes.COSIGN_CUSTOM, Predicates.cosignCustom("{\"eval\":{\"accuracy\":0.91}}")),
        evidence.resolve("eval.json"));
    Files.writeString(model.resolve("metadata.json"), "{\"mediaType\": \"" + dev.modelseal.testkit.DeliveryUnit.MEDIA_TYPE
        + "\", \"model\": \".\", \"attestations\": [\"evidence/eval.json\"]}");
    try (VerifiedModel m = VerifiedModel.load(model, keyless())) {
      assertHandsOutExactlyTheSignedFiles(m); // neither metadata.json nor what it names is model content
      assertThat(m.attestations()).hasSize(1);
    }
  }
}
