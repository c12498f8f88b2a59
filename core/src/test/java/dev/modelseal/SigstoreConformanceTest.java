package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bundle-verify} case of sigstore-conformance, and the newest cases from its open
 * pull requests, in three forms: the artifact file as a model ({@link VerifiedModel#load}), the
 * artifact file as the conformance client's {@code verify-bundle} reads it ({@link
 * BundleVerifier#verify(Path, Path, Policy)}), and {@code sha256:<hex>} ({@link BundleVerifier}).
 * Cases named {@code *_fail} must be rejected, for the reason pinned here, in every form.
 */
class SigstoreConformanceTest {
  private static final String DEFAULT_IDENTITY =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/"
          + "workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  private static final String DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";

  /** The reason each failing case must be rejected for, in both forms. */
  private static final Map<String, Reason> EXPECTED = Map.ofEntries(
      Map.entry("bundle-empty-certificate-chain_fail", Reason.MALFORMED_BUNDLE),
      Map.entry("bundle-from-wrong-instance_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("bundle-invalid-base64-signature_fail", Reason.MALFORMED_BUNDLE),
      Map.entry("bundle-malformed-json_fail", Reason.MALFORMED_BUNDLE),
      Map.entry("bundle-negative-log-index_fail", Reason.MALFORMED_BUNDLE),
      Map.entry("bundle-unknown-version_fail", Reason.UNSUPPORTED_FORMAT),
      Map.entry("bundle-with-root-cert_fail", Reason.UNTRUSTED_CERTIFICATE),
      Map.entry("checkpoint-bad-keyhint_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("checkpoint-wrong-roothash_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("dsse-invalid-sig_fail", Reason.INVALID_SIGNATURE),
      Map.entry("dsse-mismatch-envelope_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("dsse-mismatch-sig_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("inclusion-proof-corrupted-hash_fail", Reason.INVALID_INCLUSION_PROOF),
      Map.entry("incorrect-public-key_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("integrated-time-in-future_fail", Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry("intoto-expired-certificate_fail", Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry("intoto-log-entry-mismatch_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("intoto-missing-inclusion-proof_fail", Reason.INVALID_INCLUSION_PROOF),
      Map.entry("intoto-set-outside-signing-cert-validity_fail", Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry("intoto-tsa-timestamp-outside-cert-validity_fail", Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry("invalid-checkpoint-signature_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("invalid-ct-key_fail", Reason.INVALID_SCT),
      Map.entry("invalid-inclusion-proof_fail", Reason.INVALID_INCLUSION_PROOF),
      Map.entry("managed-key-no-key_fail", Reason.KEY_MISMATCH),
      Map.entry("managed-key-wrong-key_fail", Reason.INVALID_SIGNATURE),
      Map.entry("message-digest-mismatch_fail", Reason.DIGEST_MISMATCH),
      Map.entry("rekor2-checkpoint-missing-log-signature_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("rekor2-checkpoint-missing-origin_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("rekor2-checkpoint-missing-root-hash_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("rekor2-checkpoint-missing-size_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("rekor2-checkpoint-no-matching-signature_fail", Reason.INVALID_CHECKPOINT),
      Map.entry("rekor2-dsse-invalid-sig_fail", Reason.INVALID_SIGNATURE),
      Map.entry("rekor2-dsse-mismatch-envelope_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("rekor2-dsse-mismatch-sig_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("rekor2-no-inclusion-proof_fail", Reason.INVALID_INCLUSION_PROOF),
      Map.entry("rekor2-no-timestamp_fail", Reason.NO_VERIFIED_TIME),
      Map.entry("rekor2-timestamp-outside-trust-root-tsa-validity_fail", Reason.INVALID_TIMESTAMP),
      Map.entry("rekor2-timestamp-outside-tsa-cert-validity_fail", Reason.INVALID_TIMESTAMP),
      Map.entry("rekor2-timestamp-payload-mismatch_fail", Reason.INVALID_TIMESTAMP),
      Map.entry("rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail", Reason.INVALID_TIMESTAMP),
      Map.entry("rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail", Reason.INVALID_TIMESTAMP),
      Map.entry("rekor2-timestamp-with-incorrect-time_fail", Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry("set-invalid-signature_fail", Reason.INVALID_SET),
      Map.entry("signature-mismatch_fail", Reason.INVALID_SIGNATURE),
      Map.entry("trust-root-tlog-missing-validity-start_fail", Reason.INVALID_TRUST_ROOT),
      Map.entry("wrong-hashedrekord-artifact_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("wrong-hashedrekord-cert-and-sig_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("wrong-hashedrekord-entry_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("wrong-material_fail", Reason.DIGEST_MISMATCH),
      // sigstore-conformance-pr: cases from open pull requests, and derived ones.
      Map.entry("cve-2022-36056-swapped-tlog-entry_fail", Reason.INVALID_TLOG_ENTRY),
      Map.entry("dsse-statement-missing-type_fail", Reason.MALFORMED_BUNDLE),
      Map.entry("dsse-statement-unknown-type_fail", Reason.UNSUPPORTED_FORMAT),
      Map.entry("rekor2-multiple-timestamps-one-outside-cert-validity_fail", Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      // The decoy TSA has an empty certificate chain, which makes the whole trust root malformed
      // here (docs/vector-decisions.md); refused before the timestamp is even looked at.
      Map.entry("rekor2-timestamp-wrong-tsa-validity-borrow_fail", Reason.INVALID_TRUST_ROOT),
      Map.entry("tsa-validity-borrow-with-chain_fail", Reason.INVALID_TIMESTAMP));

  /**
   * Cases that must verify upstream but that ModelSeal deliberately refuses, with the reason; see
   * docs/vector-decisions.md. A pinned case that starts verifying fails this test.
   */
  private static final Map<String, Reason> REFUSED_ON_PURPOSE = Map.of(
      // A managed-key Rekor v1 intoto entry with neither an SET nor a timestamp: no verified time
      // at all (sigstore-js refuses it too). Every bundle needs a verified time here.
      "intoto-canonical-log-entry", Reason.NO_VERIFIED_TIME);

  private enum Form { PATH, FILE, DIGEST }

  @TestFactory
  Stream<DynamicTest> bundleVerifyCases() throws IOException {
    Path suite = Vectors.dir().resolve("sigstore-conformance");
    List<DynamicTest> tests = cases(suite, suite.resolve("bundle-verify"));
    assertThat(tests).hasSize(210);
    return Stream.concat(tests.stream(), Stream.of(DynamicTest.dynamicTest("every pin names a case", () -> {
      Path pr = Vectors.dir().resolve("sigstore-conformance-pr");
      java.util.Set<String> names = new java.util.HashSet<>();
      for (Path dir : List.of(suite.resolve("bundle-verify"), pr.resolve("bundle-verify"),
          pr.resolve("derived").resolve("bundle-verify"))) {
        try (Stream<Path> dirs = Files.list(dir)) {
          dirs.filter(Files::isDirectory).forEach(d -> names.add(d.getFileName().toString()));
        }
      }
      assertThat(names).containsAll(EXPECTED.keySet()).containsAll(REFUSED_ON_PURPOSE.keySet());
    })));
  }

  @TestFactory
  Stream<DynamicTest> pullRequestCases() throws IOException {
    Path suite = Vectors.dir().resolve("sigstore-conformance-pr");
    List<DynamicTest> tests = cases(suite, suite.resolve("bundle-verify"));
    tests.addAll(cases(suite, suite.resolve("derived").resolve("bundle-verify")));
    assertThat(tests).hasSize(27);
    return tests.stream();
  }

  /**
   * Without a SET nothing signs an entry's own logIndex (Rekor v2): the index reported is the
   * inclusion proof's, which the signed checkpoint binds, whatever the entry claims or omits.
   */
  @Test
  void theIndexReportedWithoutASetIsTheOneTheProofBinds(@TempDir Path dir) throws Exception {
    Path suite = Vectors.dir().resolve("sigstore-conformance");
    Path c = suite.resolve("bundle-verify").resolve("rekor2-happy-path");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode bundle =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(c.resolve("bundle.sigstore.json").toFile());
    com.fasterxml.jackson.databind.node.ObjectNode entry =
        (com.fasterxml.jackson.databind.node.ObjectNode) bundle.get("verificationMaterial").get("tlogEntries").get(0);
    long proven = entry.get("inclusionProof").get("logIndex").asLong();
    assertThat(entry.has("inclusionPromise")).isFalse();
    for (String claim : new String[] {null, "999999"}) {
      if (claim == null) {
        entry.remove("logIndex");
      } else {
        entry.put("logIndex", claim);
      }
      Path b = Files.write(dir.resolve("b.json"), json.writeValueAsBytes(bundle));
      VerifiedSignature v = verify(suite, c, c.resolveSibling("a.txt"), b, Form.DIGEST);
      assertThat(v.logIndex()).as("entry logIndex " + claim).hasValue(proven);
    }
  }

  /** Three forms of every case directory below {@code cases}; {@code suite} holds the default root. */
  private static List<DynamicTest> cases(Path suite, Path cases) throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(cases)) {
      for (Path c : dirs.filter(Files::isDirectory).sorted().toList()) {
        for (Form form : Form.values()) {
          tests.add(DynamicTest.dynamicTest(form + "-" + c.getFileName(), () -> run(suite, c, form)));
        }
      }
    }
    return tests;
  }

  private static void run(Path suite, Path c, Form form) throws Exception {
    String name = c.getFileName().toString();
    Path artifact = Files.exists(c.resolve("artifact")) ? c.resolve("artifact") : c.resolveSibling("a.txt");
    Path bundle = c.resolve("bundle.sigstore.json");
    Reason refusal = name.endsWith("_fail") ? EXPECTED.get(name) : REFUSED_ON_PURPOSE.get(name);
    if (name.endsWith("_fail")) {
      assertThat(refusal).as("no reason pinned for " + name).isNotNull();
    }
    if (refusal != null) {
      assertThatThrownBy(() -> verify(suite, c, artifact, bundle, form))
          .isInstanceOf(ModelVerificationException.class)
          .satisfies(e -> assertThat(((ModelVerificationException) e).reason())
              .as(e.getMessage())
              .isEqualTo(refusal));
    } else {
      VerifiedSignature v = verify(suite, c, artifact, bundle, form);
      assertThat(v.report().checks()).isNotEmpty();
    }
  }

  private static VerifiedSignature verify(Path suite, Path c, Path artifact, Path bundle, Form form)
      throws Exception {
    Path root = Files.exists(c.resolve("trusted_root.json"))
        ? c.resolve("trusted_root.json") : suite.resolve("trusted_root.production.json");
    Policy.Builder policy = Policy.builder().trustRoot(TrustRoot.fromJson(root));
    if (Files.exists(c.resolve("key.pub"))) {
      policy.allowKeyPem(Files.readString(c.resolve("key.pub")));
    } else {
      policy.allowIdentity(read(c.resolve("identity"), DEFAULT_IDENTITY), read(c.resolve("issuer"), DEFAULT_ISSUER));
    }
    if (form == Form.DIGEST) {
      return BundleVerifier.verify(bundle, Digests.ofSha256(Sha256.hex(artifact)), policy.build());
    }
    if (form == Form.FILE) {
      return BundleVerifier.verify(bundle, artifact, policy.build());
    }
    try (VerifiedModel m = VerifiedModel.load(artifact, policy.build(),
        LoadOptions.builder().bundle(bundle).build())) {
      assertThat(m.digests().sha256()).isEqualTo(Sha256.hex(artifact));
      return m.signatures().get(0);
    }
  }

  private static String read(Path file, String otherwise) throws IOException {
    return Files.exists(file) ? Files.readString(file).strip() : otherwise;
  }
}
