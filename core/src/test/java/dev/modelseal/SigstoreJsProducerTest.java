package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence from an independent signer: sigstore-js ({@code @sigstore/sign}) against
 * {@code @sigstore/mock}'s Fulcio, Rekor and TSA, produced once per class by
 * {@code src/test/sigstore-js-producer/produce.js}. ModelSeal accepts every good bundle, among them
 * the first entry of the log (log index 0, which protobuf JSON omits), and refuses each tampered
 * copy for its own reason. docs/vector-decisions.md lists what the producer changes in the mock
 * Rekor's answers to make them what real Rekor returns.
 */
class SigstoreJsProducerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVAL = "https://modelseal.dev/attestation/eval/v1";
  private static final String CYCLONEDX = "https://cyclonedx.org/bom";
  private static final String SIGNATURE = "model.onnx.sigstore.json";
  private static final String ATTESTATION = "model.onnx.attest.bundle";
  private static final String SBOM = "model.onnx.sbom.bundle";

  @TempDir static Path work;
  private static SigstoreJsProducer.Output produced;

  @BeforeAll
  static void produce() throws IOException {
    produced = SigstoreJsProducer.produce(Files.createDirectory(work.resolve("produced")));
  }

  private static Policy.Builder signerPolicy(Path trustedRoot) throws ModelVerificationException {
    return Policy.builder()
        .trustRoot(TrustRoot.fromJson(trustedRoot))
        .allowIdentity(produced.identity(), produced.issuer());
  }

  /** The release policy: the signer, eval accuracy of at least {@code minAccuracy}, an ML-BOM. */
  private static Policy releasePolicy(Path trustedRoot, double minAccuracy, SbomPolicy sbom)
      throws ModelVerificationException {
    return signerPolicy(trustedRoot)
        .requireAttestation(AttestationRequirement.builder(EVAL)
            .condition("{{ eval.accuracy }}", "GreaterThanOrEquals", minAccuracy).build())
        .requireSbom(sbom)
        .build();
  }

  private static SbomPolicy sbomRules() {
    return SbomPolicy.builder().denyLicenses("*-NC-*").requireModelCardFields("modelParameters.task").build();
  }

  private static JsonNode bundle(String file) throws IOException {
    return JSON.readTree(produced.dir().resolve(file).toFile());
  }

  /** A protobuf JSON int64: a string, a number, or absent for its default 0. */
  private static long int64(JsonNode holder, String field) {
    JsonNode v = holder.get(field);
    return v == null ? 0 : Long.parseLong(v.asText());
  }

  @Test
  void theFirstEntryOfTheLogIsAmongTheGoodBundles() throws IOException {
    List<Long> indices = new ArrayList<>();
    for (String file : List.of(SIGNATURE, ATTESTATION, SBOM)) {
      JsonNode entry = bundle(file).at("/verificationMaterial/tlogEntries/0");
      assertThat(int64(entry.get("inclusionProof"), "logIndex")).as(file).isEqualTo(int64(entry, "logIndex"));
      indices.add(int64(entry, "logIndex"));
    }
    assertThat(indices).containsExactly(0L, 1L, 2L);
    JsonNode first = bundle(SIGNATURE).at("/verificationMaterial/tlogEntries/0");
    // protobuf JSON omits a field holding its default, so index 0 is written as no field at all
    assertThat(first.has("logIndex")).isFalse();
    assertThat(first.get("inclusionProof").has("logIndex")).isFalse();
    assertThat(produced.record().get("bundles")).extracting(b -> b.get("kind").asText())
        .containsExactly("hashedrekord 0.0.1", "dsse 0.0.1", "intoto 0.0.2");
  }

  /** Keeps docs/vector-decisions.md true: what the mock Rekor answered and what was changed. */
  @Test
  void theMockRekorAnswersWereChangedAsDocumented() {
    JsonNode changes = produced.record().get("rekorChanges");
    assertThat(changes).hasSize(3);
    for (int i = 0; i < changes.size(); i++) {
      JsonNode mock = changes.get(i).get("mock");
      JsonNode rekor = changes.get(i).get("rekor");
      assertThat(mock.get("treeSize").asLong()).isEqualTo(1);
      assertThat(mock.get("inclusionProofLogIndex").asLong()).isZero();
      assertThat(mock.get("bodyIsProposedEntry").asBoolean()).isTrue();
      assertThat(rekor.get("logIndex").asLong()).isEqualTo(i);
      assertThat(rekor.get("treeSize").asLong()).isEqualTo(i + 1);
      assertThat(rekor.get("bodyChanged").asBoolean()).isTrue();
      assertThat(rekor.get("checkpointOrigin").asText()).isEqualTo(changes.get(0).at("/rekor/checkpointOrigin").asText());
    }
  }

  @TestFactory
  Stream<DynamicTest> eachGoodBundleVerifiesAlone() {
    return Stream.of(SIGNATURE, ATTESTATION, SBOM).map(file -> dynamicTest(file, () -> {
      VerifiedSignature v = BundleVerifier.verify(produced.dir().resolve(file),
          Digests.ofSha256(produced.record().get("sha256").asText()),
          signerPolicy(produced.trustedRoot()).build());
      assertThat(v.signer().subject()).isEqualTo(produced.identity());
      assertThat(v.signer().issuer()).isEqualTo(produced.issuer());
      assertThat(v.logIndex()).hasValue(indexOf(file));
    }));
  }

  private static long indexOf(String file) throws IOException {
    return int64(bundle(file).at("/verificationMaterial/tlogEntries/0"), "logIndex");
  }

  @Test
  void theModelLoadsWithItsSignatureAlone() throws Exception {
    Path dir = Files.createDirectory(work.resolve("signature-alone"));
    Path model = Files.copy(produced.model(), dir.resolve("model.onnx"));
    LoadOptions options = LoadOptions.builder().bundle(produced.dir().resolve(SIGNATURE)).build();
    try (VerifiedModel m = VerifiedModel.load(model, signerPolicy(produced.trustedRoot()).build(), options)) {
      assertThat(m.digests().sha256()).isEqualTo(Sha256.hex(model));
      assertThat(m.signer().subject()).isEqualTo(produced.identity());
      assertThat(m.logIndex()).hasValue(0);
      assertThat(m.attestations()).isEmpty();
    }
  }

  @Test
  void theDeliveryUnitLoadsUnderTheReleasePolicy() throws Exception {
    Policy policy = releasePolicy(produced.trustedRoot(), 0.85, sbomRules());
    try (VerifiedModel m = VerifiedModel.load(produced.model(), policy)) {
      assertThat(m.signer().subject()).isEqualTo(produced.identity());
      assertThat(m.signer().issuer()).isEqualTo(produced.issuer());
      assertThat(m.signatures()).hasSize(1);
      assertThat(m.attestations()).extracting(VerifiedAttestation::predicateType)
          .containsExactlyInAnyOrder(EVAL, CYCLONEDX);
      assertThat(JSON.readTree(m.predicate(EVAL).orElseThrow()).at("/eval/accuracy").asDouble()).isEqualTo(0.91);
      assertThat(m.sbom()).isPresent();
      assertThat(m.report().violations()).isEmpty();
    }
  }

  /** One defect in a copy of the delivery unit, and the reason it must be refused for. */
  private record Tamper(String name, Reason reason, Edit edit) {}

  @FunctionalInterface
  private interface Edit {
    /** Damages the copy in {@code dir}; returns the policy to load it with. */
    Policy apply(Path dir) throws Exception;
  }

  private static Edit onBundle(String file, Consumer<ObjectNode> change) {
    return dir -> {
      editJson(dir.resolve(file), change);
      return releasePolicy(dir.resolve("trusted_root.json"), 0.85, sbomRules());
    };
  }

  private static Edit onTrustRoot(Consumer<ObjectNode> change) {
    return dir -> {
      editJson(dir.resolve("trusted_root.json"), change);
      return releasePolicy(dir.resolve("trusted_root.json"), 0.85, sbomRules());
    };
  }

  private static void editJson(Path file, Consumer<ObjectNode> change) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
    change.accept(json);
    JSON.writeValue(file.toFile(), json);
  }

  private static ObjectNode entry(ObjectNode bundle) {
    return (ObjectNode) bundle.at("/verificationMaterial/tlogEntries/0");
  }

  /** Flips the low bit of byte {@code index} (negative: from the end) of a base64 field. */
  private static void flip(ObjectNode holder, String field, int index) {
    byte[] raw = Base64.getDecoder().decode(holder.get(field).asText());
    raw[index < 0 ? raw.length + index : index] ^= 1;
    holder.put(field, Base64.getEncoder().encodeToString(raw));
  }

  private static void flip(ArrayNode holder, int element, int index) {
    byte[] raw = Base64.getDecoder().decode(holder.get(element).asText());
    raw[index] ^= 1;
    holder.set(element, holder.textNode(Base64.getEncoder().encodeToString(raw)));
  }

  /** Rewrites the DSSE payload (base64 of the in-toto statement) without re-signing it. */
  private static void editPayload(ObjectNode bundle, String from, String to) {
    ObjectNode envelope = (ObjectNode) bundle.get("dsseEnvelope");
    String statement = new String(Base64.getDecoder().decode(envelope.get("payload").asText()), StandardCharsets.UTF_8);
    assertThat(statement).contains(from);
    envelope.put("payload", Base64.getEncoder().encodeToString(statement.replace(from, to).getBytes(StandardCharsets.UTF_8)));
  }

  private static ArrayNode list(ObjectNode root, String field) {
    return (ArrayNode) root.get(field);
  }

  private static List<Tamper> tampers() {
    return List.of(
        new Tamper("flipped model byte", Reason.DIGEST_MISMATCH, dir -> {
          byte[] model = Files.readAllBytes(dir.resolve("model.onnx"));
          model[model.length / 2] ^= 1;
          Files.write(dir.resolve("model.onnx"), model);
          return releasePolicy(dir.resolve("trusted_root.json"), 0.85, sbomRules());
        }),
        new Tamper("flipped message signature byte", Reason.INVALID_SIGNATURE,
            onBundle(SIGNATURE, b -> flip((ObjectNode) b.get("messageSignature"), "signature", -1))),
        new Tamper("flipped DSSE signature byte", Reason.INVALID_SIGNATURE,
            onBundle(ATTESTATION, b -> flip((ObjectNode) b.at("/dsseEnvelope/signatures/0"), "sig", -1))),
        new Tamper("altered DSSE payload (accuracy 0.91 -> 0.99)", Reason.INVALID_SIGNATURE,
            onBundle(ATTESTATION, b -> editPayload(b, "\"accuracy\":0.91", "\"accuracy\":0.99"))),
        new Tamper("altered ML-BOM payload (dataset license)", Reason.INVALID_SIGNATURE,
            onBundle(SBOM, b -> editPayload(b, "CC-BY-4.0", "CC-BY-NC-4.0"))),
        new Tamper("flipped inclusion proof hash", Reason.INVALID_INCLUSION_PROOF,
            onBundle(ATTESTATION, b -> flip(list((ObjectNode) entry(b).get("inclusionProof"), "hashes"), 0, 0))),
        new Tamper("flipped root hash of log index 0", Reason.INVALID_INCLUSION_PROOF,
            onBundle(SIGNATURE, b -> flip((ObjectNode) entry(b).get("inclusionProof"), "rootHash", 0))),
        new Tamper("inclusion proof index 0 moved to 1", Reason.INVALID_INCLUSION_PROOF,
            onBundle(SIGNATURE, b -> ((ObjectNode) entry(b).get("inclusionProof")).put("logIndex", "1"))),
        new Tamper("log index 0 moved to 1 (SET covers it)", Reason.INVALID_SET,
            onBundle(SIGNATURE, b -> entry(b).put("logIndex", "1"))),
        new Tamper("flipped SET byte", Reason.INVALID_SET,
            onBundle(SIGNATURE, b -> flip((ObjectNode) entry(b).get("inclusionPromise"), "signedEntryTimestamp", -1))),
        new Tamper("flipped checkpoint signature", Reason.INVALID_CHECKPOINT,
            onBundle(SBOM, b -> {
              ObjectNode checkpoint = (ObjectNode) entry(b).at("/inclusionProof/checkpoint");
              String note = checkpoint.get("envelope").asText();
              int at = note.stripTrailing().length() - 5; // inside the ECDSA signature's s, past the key hint
              char c = note.charAt(at);
              checkpoint.put("envelope", note.substring(0, at) + (c == 'A' ? 'B' : 'A') + note.substring(at + 1));
            })),
        new Tamper("flipped RFC 3161 timestamp byte", Reason.INVALID_TIMESTAMP,
            onBundle(ATTESTATION, b -> flip((ObjectNode) b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0"),
                "signedTimestamp", -1))),
        new Tamper("wrong identity in the policy", Reason.IDENTITY_MISMATCH, dir -> Policy.builder()
            .trustRoot(TrustRoot.fromJson(dir.resolve("trusted_root.json")))
            .allowIdentity(produced.identity().replace("refs/heads/main", "refs/heads/dev"), produced.issuer())
            .build()),
        new Tamper("wrong issuer in the policy", Reason.IDENTITY_MISMATCH, dir -> Policy.builder()
            .trustRoot(TrustRoot.fromJson(dir.resolve("trusted_root.json")))
            .allowIdentity(produced.identity(), "https://accounts.example.com")
            .build()),
        new Tamper("failing condition eval.accuracy >= 0.95", Reason.CONDITION_FAILED,
            dir -> releasePolicy(dir.resolve("trusted_root.json"), 0.95, sbomRules())),
        new Tamper("SBOM rule denies the dataset's CC-BY-* license", Reason.SBOM_VIOLATION,
            dir -> releasePolicy(dir.resolve("trusted_root.json"), 0.85,
                SbomPolicy.builder().denyLicenses("CC-BY-*").build())),
        new Tamper("trust root without the mock's Fulcio CA", Reason.UNTRUSTED_CERTIFICATE,
            onTrustRoot(root -> list(root, "certificateAuthorities").removeAll())),
        new Tamper("trust root without the mock's CT log", Reason.INVALID_SCT,
            onTrustRoot(root -> list(root, "ctlogs").removeAll())),
        new Tamper("trust root without the mock's Rekor", Reason.INVALID_TLOG_ENTRY,
            onTrustRoot(root -> list(root, "tlogs").removeAll())),
        new Tamper("trust root without the mock's TSA", Reason.INVALID_TIMESTAMP,
            onTrustRoot(root -> list(root, "timestampAuthorities").removeAll())));
  }

  @TestFactory
  Stream<DynamicTest> eachTamperingIsRefusedForItsReason() {
    return tampers().stream().map(t -> dynamicTest(t.name() + " -> " + t.reason(), () -> {
      Path dir = Files.createDirectory(work.resolve("tamper-" + Integer.toHexString(t.name().hashCode())));
      try (Stream<Path> files = Files.list(produced.dir())) {
        for (Path f : files.toList()) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
      Policy policy = t.edit().apply(dir);
      try (VerifiedModel m = VerifiedModel.load(dir.resolve("model.onnx"), policy)) {
        throw new AssertionError("accepted: " + m.report().describe());
      } catch (ModelVerificationException e) {
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(t.reason());
      }
    }));
  }
}
