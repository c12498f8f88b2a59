package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.BundleMediaType;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeylessSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rejecting case per fail-closed check of the evidence verifier that the testkit's {@code
 * Tamper} fixtures do not reach: every key, log, CA and TSA validity window judged at its own
 * verified time, the verified time itself, the timestamp's binding and signer, the trust root's
 * logs, and AUDIT mode never admitting an integrity failure. Each case is made from testkit
 * evidence (no external vectors), edited where the defect lies outside the signed bytes (the trust
 * root, an unsigned bundle field), and asserts the {@link Reason}; each has a control that the
 * unedited evidence loads, so the edit alone causes the refusal.
 */
class FailClosedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";
  /** The fake Sigstore's clock: every signature, SET, SCT and timestamp is made at this instant. */
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String BEFORE_NOW = NOW.minus(Duration.ofDays(1)).toString();

  @TempDir Path dir;
  private FakeSigstore sigstore;
  private KeylessSigner signer;
  private Path model;
  private int files;

  @BeforeEach
  void setUp() throws Exception {
    sigstore = FakeSigstore.create(Clock.fixed(NOW, ZoneOffset.UTC));
    signer = sigstore.signer(ID, ISSUER);
    model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
  }

  private ObjectNode bundle(KeylessSigner by) throws Exception {
    Path out = by.signBundle(model, dir.resolve("signed-" + files++ + ".json"));
    return (ObjectNode) JSON.readTree(out.toFile());
  }

  private ObjectNode root() throws Exception {
    return (ObjectNode) JSON.readTree(sigstore.trustedRootJson());
  }

  private static ObjectNode root(FakeSigstore other) throws Exception {
    return (ObjectNode) JSON.readTree(other.trustedRootJson());
  }

  private Policy policy(ObjectNode trustedRoot, EnforcementMode mode) throws Exception {
    Path file = Files.write(dir.resolve("root-" + files++ + ".json"), JSON.writeValueAsBytes(trustedRoot));
    return Policy.builder().trustRoot(TrustRoot.fromJson(file)).allowIdentity(ID, ISSUER).mode(mode).build();
  }

  private VerifiedModel load(ObjectNode bundle, ObjectNode trustedRoot, EnforcementMode mode) throws Exception {
    Path file = Files.write(dir.resolve("bundle-" + files++ + ".json"), JSON.writeValueAsBytes(bundle));
    return VerifiedModel.load(model, policy(trustedRoot, mode), LoadOptions.builder().bundle(file).build());
  }

  private void loads(ObjectNode bundle, ObjectNode trustedRoot) throws Exception {
    load(bundle, trustedRoot, EnforcementMode.ENFORCE).close();
  }

  private Reason refused(ObjectNode bundle, ObjectNode trustedRoot, EnforcementMode mode) throws Exception {
    try (VerifiedModel m = load(bundle, trustedRoot, mode)) {
      throw new AssertionError("accepted " + m.path());
    } catch (ModelVerificationException e) {
      return e.reason();
    }
  }

  private Reason refused(ObjectNode bundle, ObjectNode trustedRoot) throws Exception {
    return refused(bundle, trustedRoot, EnforcementMode.ENFORCE);
  }

  private static ObjectNode edited(ObjectNode json, Consumer<ObjectNode> change) {
    ObjectNode copy = json.deepCopy();
    change.accept(copy);
    return copy;
  }

  private static ObjectNode first(ObjectNode trustedRoot, String list) {
    return (ObjectNode) trustedRoot.withArray(list).get(0);
  }

  /** Ends the validity of the first entry of {@code list} a day before the signing time. */
  private static Consumer<ObjectNode> endedBeforeNow(String list) {
    return r -> {
      ObjectNode entry = first(r, list);
      ObjectNode holder = entry.has("publicKey") ? (ObjectNode) entry.get("publicKey") : entry;
      holder.with("validFor").put("end", BEFORE_NOW);
    };
  }

  private static ObjectNode tlogEntry(ObjectNode bundle) {
    return (ObjectNode) bundle.with("verificationMaterial").withArray("tlogEntries").get(0);
  }

  private static ArrayNode timestamps(ObjectNode bundle) {
    return bundle.with("verificationMaterial").with("timestampVerificationData").withArray("rfc3161Timestamps");
  }

  @Test
  void theRekorKeyMustBeValidAtTheIntegratedTime() throws Exception {
    ObjectNode bundle = bundle(signer);
    loads(bundle, edited(root(), r -> first(r, "tlogs").with("publicKey").with("validFor").put("end", NOW.toString())));
    assertThat(refused(bundle, edited(root(), endedBeforeNow("tlogs")))).isEqualTo(Reason.INVALID_TLOG_ENTRY);
  }

  @Test
  void theCtLogKeyMustBeValidAtTheSctTime() throws Exception {
    ObjectNode bundle = bundle(signer);
    assertThat(refused(bundle, edited(root(), endedBeforeNow("ctlogs")))).isEqualTo(Reason.INVALID_SCT);
  }

  @Test
  void theCertificateAuthorityMustBeValidAtTheSigningTime() throws Exception {
    ObjectNode bundle = bundle(signer);
    assertThat(refused(bundle, edited(root(), endedBeforeNow("certificateAuthorities"))))
        .isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void theTimestampAuthorityMustBeValidAtTheTimestampTime() throws Exception {
    ObjectNode bundle = bundle(signer.withTimestamp(true));
    loads(bundle, root());
    assertThat(refused(bundle, edited(root(), endedBeforeNow("timestampAuthorities"))))
        .isEqualTo(Reason.INVALID_TIMESTAMP);
  }

  @Test
  void anEntryWithoutSetIsJudgedAtTheTimestampTime() throws Exception {
    ObjectNode bundle = edited(bundle(signer.withTimestamp(true)), b -> tlogEntry(b).remove("inclusionPromise"));
    try (VerifiedModel m = load(bundle, root(), EnforcementMode.ENFORCE)) {
      assertThat(m.signingTime()).contains(NOW);
    }
    assertThat(refused(bundle, edited(root(), endedBeforeNow("tlogs")))).isEqualTo(Reason.INVALID_TLOG_ENTRY);
  }

  @Test
  void withoutSetOrTimestampThereIsNoVerifiedTime() throws Exception {
    ObjectNode bundle = edited(bundle(signer), b -> tlogEntry(b).remove("inclusionPromise"));
    assertThat(refused(bundle, root())).isEqualTo(Reason.NO_VERIFIED_TIME);
  }

  @Test
  void aTimestampOverAnotherSignatureIsRefused() throws Exception {
    ObjectNode bundle = bundle(signer.withTimestamp(true));
    ObjectNode other = bundle(signer.withTimestamp(true));
    ObjectNode swapped = edited(bundle, b -> timestamps(b).set(0, timestamps(other).get(0).deepCopy()));
    assertThat(refused(swapped, root())).isEqualTo(Reason.INVALID_TIMESTAMP);
  }

  @Test
  void aTimestampNeedsATrustedTimestampAuthority() throws Exception {
    ObjectNode bundle = bundle(signer.withTimestamp(true));
    ObjectNode stranger = root(FakeSigstore.create(Clock.fixed(NOW, ZoneOffset.UTC)));
    assertThat(refused(bundle, edited(root(), r -> r.set("timestampAuthorities", stranger.get("timestampAuthorities")))))
        .isEqualTo(Reason.INVALID_TIMESTAMP);
    assertThat(refused(bundle, edited(root(), r -> r.putArray("timestampAuthorities"))))
        .isEqualTo(Reason.INVALID_TIMESTAMP);
  }

  @Test
  void theTimestampAuthoritysChainMustLeadToItsRoot() throws Exception {
    ObjectNode bundle = bundle(signer.withTimestamp(true));
    ObjectNode stranger = root(FakeSigstore.create(Clock.fixed(NOW, ZoneOffset.UTC)));
    ArrayNode strangerChain = first(stranger, "timestampAuthorities").with("certChain").withArray("certificates");
    ObjectNode otherRoot = (ObjectNode) strangerChain.get(strangerChain.size() - 1);
    ObjectNode wrongRoot = edited(root(), r -> {
      ArrayNode chain = first(r, "timestampAuthorities").with("certChain").withArray("certificates");
      assertThat(chain.size()).as("the testkit's TSA chain has a root above its signer").isGreaterThan(1);
      chain.set(chain.size() - 1, otherRoot.deepCopy());
    });
    assertThat(refused(bundle, wrongRoot)).isEqualTo(Reason.INVALID_TIMESTAMP);
  }

  @Test
  void theEntryMustBeFromALogOfTheTrustRoot() throws Exception {
    ObjectNode bundle = bundle(signer);
    ObjectNode stranger = root(FakeSigstore.create(Clock.fixed(NOW, ZoneOffset.UTC)));
    assertThat(refused(bundle, edited(root(), r -> r.set("tlogs", stranger.get("tlogs")))))
        .isEqualTo(Reason.INVALID_TLOG_ENTRY);
  }

  @Test
  void theSctMustBeFromACtLogOfTheTrustRoot() throws Exception {
    ObjectNode bundle = bundle(signer);
    ObjectNode stranger = root(FakeSigstore.create(Clock.fixed(NOW, ZoneOffset.UTC)));
    assertThat(refused(bundle, edited(root(), r -> r.set("ctlogs", stranger.get("ctlogs")))))
        .isEqualTo(Reason.INVALID_SCT);
    assertThat(refused(bundle, edited(root(), r -> r.putArray("ctlogs")))).isEqualTo(Reason.INVALID_SCT);
  }

  @Test
  void aSelfSignedCertificateInTheBundleChainIsRefused() throws Exception {
    ObjectNode bundle = bundle(signer.withMediaType(BundleMediaType.V0_2));
    loads(bundle, root());
    JsonNode caRoot = last(first(root(), "certificateAuthorities").with("certChain").withArray("certificates"));
    ObjectNode withRoot = edited(bundle, b -> b.with("verificationMaterial").with("x509CertificateChain")
        .withArray("certificates").add(caRoot.deepCopy()));
    assertThat(refused(withRoot, root())).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void aV01BundleNeedsASignedEntryTimestamp() throws Exception {
    ObjectNode bundle = bundle(signer.withMediaType(BundleMediaType.V0_1));
    loads(bundle, root());
    assertThat(refused(edited(bundle, b -> tlogEntry(b).remove("inclusionPromise")), root()))
        .isEqualTo(Reason.INVALID_SET);
    // v0.1 needs no inclusion proof: the SET alone gives the time.
    loads(edited(bundle, b -> tlogEntry(b).remove("inclusionProof")), root());
  }

  @Test
  void auditModeNeverAdmitsAnIntegrityFailure() throws Exception {
    ObjectNode bundle = bundle(signer);
    ObjectNode otherSigner = bundle(sigstore.signer("mallory@example.com", ISSUER));
    try (VerifiedModel admitted = load(otherSigner, root(), EnforcementMode.AUDIT)) {
      assertThat(admitted.report().violations()).hasSize(1);
    }
    assertThat(refused(bundle, edited(root(), endedBeforeNow("tlogs")), EnforcementMode.AUDIT))
        .isEqualTo(Reason.INVALID_TLOG_ENTRY);
    assertThat(refused(edited(bundle, b -> tlogEntry(b).remove("inclusionPromise")), root(), EnforcementMode.AUDIT))
        .isEqualTo(Reason.NO_VERIFIED_TIME);
  }

  @Test
  void theVerdictRefusesAnIntegrityReasonInAuditModeWhoeverCollectedIt() {
    List<ModelVerificationException.Failure> mixed = List.of(
        new ModelVerificationException.Failure(Reason.IDENTITY_MISMATCH, "policy"),
        new ModelVerificationException.Failure(Reason.DIGEST_MISMATCH, "integrity"));
    assertThatThrownBy(() -> Verdict.settle(mixed, EnforcementMode.AUDIT, "m"))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.failures()).extracting(ModelVerificationException.Failure::reason)
                .contains(Reason.DIGEST_MISMATCH));
    for (Reason reason : Reason.values()) {
      List<ModelVerificationException.Failure> one = List.of(new ModelVerificationException.Failure(reason, "x"));
      if (reason.isPolicyViolation()) {
        try {
          assertThat(Verdict.settle(one, EnforcementMode.AUDIT, "m")).hasSize(1);
        } catch (ModelVerificationException e) {
          throw new AssertionError(reason + " is a policy violation but AUDIT refused it", e);
        }
      } else {
        assertThatThrownBy(() -> Verdict.settle(one, EnforcementMode.AUDIT, "m")).as(reason.name())
            .isInstanceOfSatisfying(ModelVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
      }
      assertThatThrownBy(() -> Verdict.settle(one, EnforcementMode.ENFORCE, "m")).as(reason.name())
          .isInstanceOf(ModelVerificationException.class);
    }
  }

  private static JsonNode last(ArrayNode array) {
    return array.get(array.size() - 1);
  }
}
