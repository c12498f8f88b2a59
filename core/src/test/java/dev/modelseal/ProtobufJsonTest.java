package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.BundleMediaType;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeylessSigner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles and trusted roots are protobuf messages in JSON form: every form a conforming protobuf JSON
 * writer may produce reads the same (defaults omitted, proto field names, int64 as numbers, enums by
 * number), and where a default cannot stand for a value that verification needs, it is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtobufJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  private Path dir;
  private final FakeSigstore sigstore = FakeSigstore.createWithEmptyLog(java.time.Clock.systemUTC());
  private Policy policy;
  private Digests digest;
  /** Good bundles by name; the first one signed is the log's first entry, index 0. */
  private final Map<String, ObjectNode> good = new java.util.LinkedHashMap<>();

  @BeforeAll
  void signEveryKind(@TempDir Path tmp) throws Exception {
    dir = tmp;
    Path model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    digest = Digests.ofSha256(HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model))));
    policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json"))))
        .allowIdentity(ID, ISSUER).build();
    KeylessSigner signer = sigstore.signer(ID, ISSUER);
    good.put("v0.3 message signature with a timestamp",
        read(signer.withTimestamp(true).signBundle(model, dir.resolve("v03.json"))));
    good.put("v0.1 message signature", read(signer.withMediaType(BundleMediaType.V0_1).signBundle(model, dir.resolve("v01.json"))));
    good.put("v0.2 message signature", read(signer.withMediaType(BundleMediaType.V0_2).signBundle(model, dir.resolve("v02.json"))));
    good.put("v0.3 (new media type) message signature",
        read(signer.withMediaType(BundleMediaType.V0_3_NEW).signBundle(model, dir.resolve("v03new.json"))));
    good.put("v0.3 DSSE attestation",
        read(signer.attest(model, "https://example.com/eval", "{\"accuracy\":0.9}", dir.resolve("att.json"))));
  }

  private static ObjectNode read(Path p) throws Exception {
    return (ObjectNode) JSON.readTree(p.toFile());
  }

  private Path write(String name, JsonNode node) throws Exception {
    return Files.write(dir.resolve(name.replaceAll("[^A-Za-z0-9.]+", "_") + ".json"), JSON.writeValueAsBytes(node));
  }

  private void verifies(String name, JsonNode bundle, Policy p) throws Exception {
    VerifiedSignature v = BundleVerifier.verify(write(name, bundle), digest, p);
    assertThat(v.signer().subject()).isEqualTo(ID);
  }

  private Reason refusal(String name, JsonNode bundle) throws Exception {
    try {
      BundleVerifier.verify(write(name, bundle), digest, policy);
    } catch (ModelVerificationException e) {
      return e.reason();
    }
    throw new AssertionError("accepted: " + bundle);
  }

  private ObjectNode v03() {
    return good.get("v0.3 message signature with a timestamp").deepCopy();
  }

  private Reason mutated(Consumer<ObjectNode> change) throws Exception {
    ObjectNode b = v03();
    change.accept(b);
    return refusal("mutated", b);
  }

  private static ObjectNode entry(ObjectNode bundle) {
    return (ObjectNode) bundle.get("verificationMaterial").get("tlogEntries").get(0);
  }

  @Test
  void theFirstEntryOfALogHasIndexZero() {
    JsonNode first = entry(good.values().iterator().next());
    assertThat(first.get("logIndex").asText()).isEqualTo("0");
    assertThat(first.get("inclusionProof").get("logIndex").asText()).isEqualTo("0");
    assertThat(first.get("inclusionProof").get("treeSize").asText()).isEqualTo("1");
    assertThat(first.get("inclusionProof").get("hashes")).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyWriterFormOfEveryBundleVerifies() {
    List<DynamicTest> tests = new ArrayList<>();
    good.forEach((kind, bundle) -> ProtobufJsonForms.all().forEach((form, rewrite) ->
        tests.add(dynamicTest(kind + ", " + form, () -> {
          verifies(kind + form, rewrite.apply(bundle), policy);
        }))));
    return tests.stream();
  }

  @Test
  void logIndexZeroMayBeOmittedEverywhere() throws Exception {
    ObjectNode first = (ObjectNode) ProtobufJsonForms.omitDefaults(good.values().iterator().next());
    assertThat(entry(first).has("logIndex")).isFalse();
    assertThat(entry(first).get("inclusionProof").has("logIndex")).isFalse();
    verifies("index0", first, policy);
  }

  @TestFactory
  Stream<DynamicTest> everyWriterFormOfTheTrustedRootReadsTheSame() throws Exception {
    JsonNode root = JSON.readTree(sigstore.trustedRootJson());
    List<DynamicTest> tests = new ArrayList<>();
    ProtobufJsonForms.all().forEach((form, rewrite) -> tests.add(dynamicTest(form, () -> {
      Policy p = Policy.builder().trustRoot(trustRoot(rewrite.apply(root))).allowIdentity(ID, ISSUER).build();
      for (Map.Entry<String, ObjectNode> b : good.entrySet()) {
        verifies("root " + form + b.getKey(), b.getValue(), p);
      }
    })));
    return tests.stream();
  }

  /**
   * Fields that verification cannot do without: omitted, or holding their default, they are
   * malformed, and never read as "nothing to check".
   */
  @TestFactory
  Stream<DynamicTest> requiredValuesMayNotBeDefaults() {
    String v03 = "v0.3 message signature with a timestamp";
    String e = "/verificationMaterial/tlogEntries/0";
    Map<String, List<String>> required = Map.of(
        v03, List.of("/messageSignature/signature", "/messageSignature/messageDigest/digest",
            "/messageSignature/messageDigest/algorithm", "/verificationMaterial/certificate",
            "/verificationMaterial/certificate/rawBytes", e + "/logId", e + "/logId/keyId",
            e + "/kindVersion", e + "/kindVersion/kind", e + "/kindVersion/version",
            e + "/canonicalizedBody", e + "/inclusionProof/rootHash",
            e + "/inclusionPromise/signedEntryTimestamp",
            "/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp"),
        "v0.2 message signature", List.of("/verificationMaterial/x509CertificateChain/certificates",
            "/verificationMaterial/x509CertificateChain/certificates/0/rawBytes"),
        "v0.3 DSSE attestation", List.of("/dsseEnvelope/signatures", "/dsseEnvelope/signatures/0/sig"));
    List<DynamicTest> tests = new ArrayList<>();
    required.forEach((kind, pointers) -> pointers.forEach(pointer -> {
      tests.add(dynamicTest(kind + ": " + pointer + " omitted", () -> assertThat(
          refusal("omitted", change(good.get(kind), pointer, null))).isEqualTo(Reason.MALFORMED_BUNDLE)));
      tests.add(dynamicTest(kind + ": " + pointer + " as its default", () -> assertThat(
          refusal("default", change(good.get(kind), pointer, defaultOf(good.get(kind).at(pointer)))))
          .isEqualTo(Reason.MALFORMED_BUNDLE)));
    }));
    return tests.stream();
  }

  /** A copy of {@code bundle} with the field at {@code pointer} removed (null) or replaced. */
  private static ObjectNode change(ObjectNode bundle, String pointer, JsonNode value) {
    ObjectNode copy = bundle.deepCopy();
    JsonPointer p = JsonPointer.compile(pointer);
    ObjectNode parent = (ObjectNode) copy.at(p.head());
    assertThat(parent.has(p.last().getMatchingProperty())).as(pointer).isTrue();
    if (value == null) {
      parent.remove(p.last().getMatchingProperty());
    } else {
      parent.set(p.last().getMatchingProperty(), value);
    }
    return copy;
  }

  private static JsonNode defaultOf(JsonNode node) {
    if (node.isArray()) {
      return JSON.createArrayNode();
    }
    return node.isObject() ? JSON.createObjectNode() : JSON.getNodeFactory().textNode("");
  }

  @Test
  void defaultsThatMeanSomethingAreJudgedByTheVerifier() throws Exception {
    assertThat(mutated(b -> ((ObjectNode) entry(b).get("inclusionProof")).remove("treeSize")))
        .isEqualTo(Reason.INVALID_INCLUSION_PROOF);
    ObjectNode later = good.get("v0.2 message signature").deepCopy();
    assertThat(entry(later).get("logIndex").asLong()).isPositive();
    ((ObjectNode) entry(later).get("inclusionProof")).remove("logIndex");
    assertThat(refusal("later", later)).isEqualTo(Reason.INVALID_INCLUSION_PROOF);
    assertThat(mutated(b -> ((ObjectNode) entry(b).get("inclusionProof").get("checkpoint")).put("envelope", "")))
        .isEqualTo(Reason.INVALID_CHECKPOINT);
    assertThat(mutated(b -> ((ObjectNode) entry(b).get("inclusionProof")).remove("checkpoint")))
        .isEqualTo(Reason.INVALID_CHECKPOINT);
    assertThat(mutated(b -> entry(b).put("integratedTime", 0))).isEqualTo(Reason.INVALID_SET);
    assertThat(mutated(b -> entry(b).putNull("integratedTime"))).isEqualTo(Reason.INVALID_SET);
  }

  @Test
  void aFieldSpelledBothWaysIsADuplicate() throws Exception {
    assertThat(mutated(b -> entry(b).set("log_index", entry(b).get("logIndex")))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.set("verification_material", b.get("verificationMaterial"))))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void enumsAreReadByNameOrNumber() throws Exception {
    ObjectNode byNumber = v03();
    ((ObjectNode) byNumber.get("messageSignature").get("messageDigest")).put("algorithm", 1);
    verifies("enum1", byNumber, policy);
    assertThat(mutated(b -> ((ObjectNode) b.get("messageSignature").get("messageDigest")).put("algorithm", 99)))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> ((ObjectNode) b.get("messageSignature").get("messageDigest")).put("algorithm", "MD5")))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> ((ObjectNode) b.get("messageSignature").get("messageDigest")).put("algorithm", 4)))
        .as("SHA3_256 is a HashAlgorithm, but not one this verifier accepts")
        .isEqualTo(Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void int64MustBeAnInt64() throws Exception {
    for (String bad : List.of("1.5", "-1", "9223372036854775808", "", " 1", "0x10", "1e400", "+5", "007", ".5e1")) {
      assertThat(mutated(b -> entry(b).put("integratedTime", bad))).as(bad).isEqualTo(Reason.MALFORMED_BUNDLE);
    }
    assertThat(mutated(b -> entry(b).put("integratedTime", true))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> entry(b).put("integratedTime", 1.5))).isEqualTo(Reason.MALFORMED_BUNDLE);
    ObjectNode exponent = v03();
    entry(exponent).put("integratedTime", entry(exponent).get("integratedTime").asText() + "e0");
    verifies("exponent", exponent, policy);
  }

  /** 32 log entries or timestamps get past the parser (and fail verification); 33 do not. */
  @Test
  void countsAreCappedBeforeAnyElementIsParsed() throws Exception {
    assertThat(withEntries(32)).isNotEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(withEntries(33)).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(withTimestamps(32)).isEqualTo(Reason.INVALID_TIMESTAMP);
    assertThat(withTimestamps(33)).isEqualTo(Reason.MALFORMED_BUNDLE);
    // Distinct, so that only the cap (not the duplicate check) can refuse them.
    assertThat(withTimestamps(100_000)).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  private Reason withEntries(int n) throws Exception {
    return mutated(b -> {
      ArrayNode entries = (ArrayNode) b.get("verificationMaterial").get("tlogEntries");
      for (int i = entries.size(); i < n; i++) {
        entries.add(((ObjectNode) entries.get(0).deepCopy()).put("logIndex", String.valueOf(1000 + i)));
      }
    });
  }

  private Reason withTimestamps(int n) throws Exception {
    return mutated(b -> {
      ArrayNode stamps = (ArrayNode) b.get("verificationMaterial").get("timestampVerificationData").get("rfc3161Timestamps");
      stamps.removeAll();
      for (int i = 0; i < n; i++) {
        stamps.addObject().put("signedTimestamp",
            java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt(i).array()));
      }
    });
  }

  private static TrustRoot trustRoot(JsonNode root) throws Exception {
    return TrustRoot.fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(root)), "test root");
  }

  private Reason trustRootRefusal(UnaryOperator<ObjectNode> change) throws Exception {
    try {
      trustRoot(change.apply((ObjectNode) JSON.readTree(sigstore.trustedRootJson())));
    } catch (ModelVerificationException e) {
      return e.reason();
    }
    throw new AssertionError("trust root accepted");
  }

  private static ObjectNode firstTlog(ObjectNode root) {
    return (ObjectNode) root.get("tlogs").get(0);
  }

  @Test
  void trustedRootsAreStrictProtobufJsonToo() throws Exception {
    assertThat(trustRootRefusal(r -> r.put("extra", 1))).isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(trustRootRefusal(r -> { firstTlog(r).put("baseURL", "x"); return r; }))
        .isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(trustRootRefusal(r -> { firstTlog(r).set("public_key", firstTlog(r).get("publicKey")); return r; }))
        .isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(trustRootRefusal(r -> {
      ((ObjectNode) firstTlog(r).get("publicKey")).put("keyDetails", "PKIX_NO_SUCH_KEY");
      return r;
    })).isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(trustRootRefusal(r -> { ((ObjectNode) firstTlog(r).get("logId")).remove("keyId"); return r; }))
        .isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(trustRootRefusal(r -> { ((ObjectNode) firstTlog(r).get("publicKey")).put("rawBytes", ""); return r; }))
        .isEqualTo(Reason.INVALID_TRUST_ROOT);
  }

  @Test
  void trustedRootEnumsMayBeNumbers() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(sigstore.trustedRootJson());
    for (JsonNode log : root.get("tlogs")) {
      ((ObjectNode) log.get("publicKey")).put("keyDetails", 5); // PKIX_ECDSA_P256_SHA_256
      ((ObjectNode) log).put("hashAlgorithm", 1); // SHA2_256
    }
    verifies("numbers", v03(), Policy.builder().trustRoot(trustRoot(root)).allowIdentity(ID, ISSUER).build());
  }
}
