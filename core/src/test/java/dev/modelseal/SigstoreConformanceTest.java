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
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code bundle-verify} case of sigstore-conformance twice, as upstream does: with the
 * artifact file (through {@link VerifiedModel#load}) and with {@code sha256:<hex>} (through
 * {@link BundleVerifier}). Cases named {@code *_fail} must be rejected, for the reason pinned here.
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
      Map.entry("wrong-material_fail", Reason.DIGEST_MISMATCH));

  @TestFactory
  Stream<DynamicTest> bundleVerifyCases() throws IOException {
    Path suite = Vectors.dir().resolve("sigstore-conformance");
    Path cases = suite.resolve("bundle-verify");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(cases)) {
      for (Path c : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = c.getFileName().toString();
        tests.add(DynamicTest.dynamicTest("PATH-" + name, () -> run(suite, c, false)));
        tests.add(DynamicTest.dynamicTest("DIGEST-" + name, () -> run(suite, c, true)));
      }
    }
    assertThat(tests).hasSize(140);
    assertThat(EXPECTED).hasSize(49);
    return tests.stream();
  }

  private static void run(Path suite, Path c, boolean digestForm) throws Exception {
    String name = c.getFileName().toString();
    Path artifact = Files.exists(c.resolve("artifact")) ? c.resolve("artifact") : c.resolveSibling("a.txt");
    Path bundle = c.resolve("bundle.sigstore.json");
    if (name.endsWith("_fail")) {
      assertThatThrownBy(() -> verify(suite, c, artifact, bundle, digestForm))
          .isInstanceOf(ModelVerificationException.class)
          .satisfies(e -> assertThat(((ModelVerificationException) e).reason())
              .as(e.getMessage())
              .isEqualTo(EXPECTED.get(name)));
    } else {
      VerifiedSignature v = verify(suite, c, artifact, bundle, digestForm);
      assertThat(v.report().checks()).isNotEmpty();
    }
  }

  private static VerifiedSignature verify(Path suite, Path c, Path artifact, Path bundle,
      boolean digestForm) throws Exception {
    Path root = Files.exists(c.resolve("trusted_root.json"))
        ? c.resolve("trusted_root.json") : suite.resolve("trusted_root.production.json");
    Policy.Builder policy = Policy.builder().trustRoot(TrustRoot.fromJson(root));
    if (Files.exists(c.resolve("key.pub"))) {
      policy.allowKeyPem(Files.readString(c.resolve("key.pub")));
    } else {
      policy.allowIdentity(read(c.resolve("identity"), DEFAULT_IDENTITY), read(c.resolve("issuer"), DEFAULT_ISSUER));
    }
    if (digestForm) {
      return BundleVerifier.verify(bundle, Digests.ofSha256(Sha256.hex(artifact)), policy.build());
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
