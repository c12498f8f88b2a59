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
 * Every row of {@code real-bundles/INDEX.tsv}: production and staging bundles made by
 * sigstore-python, sigstore-go, sigstore-js, sigstore-java and cosign. Rows marked {@code pass*} or
 * {@code fail*} are where implementations disagree; {@link #DECISIONS} records what ModelSeal does
 * and why (also in docs/vector-decisions.md).
 */
class RealBundlesTest {
  /** Our decision for each disputed row: true = accept. */
  static final Map<String, Boolean> DECISIONS = Map.ofEntries(
      // Every timestamp present is verified; one that does not verify fails the bundle.
      Map.entry("sp/tsa/bundle.txt", false),
      Map.entry("sp/tsa/bundle.late_timestamp", false),
      // v0.1 allows a SET without an inclusion proof (offline trust in the log's promise)...
      Map.entry("sg/examples/bundle-publish", true),
      Map.entry("sj/bundleV01-dsse-no-proof", true),
      Map.entry("sj/bundleV01-intoto-no-proof", true),
      Map.entry("sjava/bundle.v1.no.inclusion.sigstore", true),
      // ...but roots come only from the trust root: a chain that carries one is refused, as the
      // conformance case bundle-with-root-cert_fail asks, whatever else the bundle gets right.
      Map.entry("sg/dsse", false),
      Map.entry("sg/examples/bundle-provenance", false),
      Map.entry("sj/bundleV01-full-cert-chain", false),
      // messageDigest is optional, but this v0.3 bundle carries an x509CertificateChain where
      // v0.3 requires a single certificate.
      Map.entry("sjava/bundle-no-digest.sigstore", false),
      // dsse 0.0.2 was dropped from Rekor v2; unknown entry kinds are refused.
      Map.entry("sjava/bundle.dsse.rekor-v2.bad-entry-type.sigstore", false),
      // A transparency log entry is required; TSA-only bundles are refused by default.
      Map.entry("sjava/github-private-no-tlog", false));

  /** The reason each refused row is refused for. */
  static final Map<String, Reason> REASONS = Map.ofEntries(
      Map.entry("sp/Python-3.12.5.tgz", Reason.INVALID_CHECKPOINT),
      Map.entry("sp/bundle_cve_2022_36056", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sp/bundle_invalid_version", Reason.UNSUPPORTED_FORMAT),
      Map.entry("sp/bundle_no_cert_v1", Reason.MALFORMED_BUNDLE),
      Map.entry("sp/bundle_no_log_entry", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sp/bundle_no_checkpoint", Reason.INVALID_CHECKPOINT),
      Map.entry("sp/bundle_v3_no_signed_time", Reason.NO_VERIFIED_TIME),
      Map.entry("sp/tsa/bundle.txt", Reason.INVALID_TIMESTAMP),
      Map.entry("sp/tsa/bundle.duplicate", Reason.MALFORMED_BUNDLE),
      Map.entry("sp/tsa/bundle.many_timestamp", Reason.MALFORMED_BUNDLE),
      Map.entry("sp/tsa/bundle.late_timestamp", Reason.INVALID_TIMESTAMP),
      Map.entry("sg/dsse", Reason.UNTRUSTED_CERTIFICATE),
      Map.entry("sg/dsse-2sigs", Reason.MALFORMED_BUNDLE),
      Map.entry("sg/examples/bundle-provenance", Reason.UNTRUSTED_CERTIFICATE),
      Map.entry("sj/bundleV01-full-cert-chain", Reason.UNTRUSTED_CERTIFICATE),
      Map.entry("sjava/bundle.v2.no.inclusion.sigstore", Reason.INVALID_INCLUSION_PROOF),
      Map.entry("sjava/bundle.v3.no.inclusion.sigstore", Reason.INVALID_INCLUSION_PROOF),
      Map.entry("sjava/bundle.v3_1.no.inclusion.sigstore", Reason.INVALID_INCLUSION_PROOF),
      Map.entry("sjava/bundle-no-digest.sigstore", Reason.MALFORMED_BUNDLE),
      Map.entry("sjava/bundle-with-mismatched-set.sigstore", Reason.INVALID_SET),
      Map.entry("sjava/bundle-with-wrong-tlog-entry.sigstore", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sjava/bundle-with-bad-checkpoint-signature.sigstore", Reason.INVALID_CHECKPOINT),
      Map.entry("sjava/bundle-with-expired-cert.sigstore", Reason.CERTIFICATE_NOT_VALID_AT_SIGNING_TIME),
      Map.entry("sjava/bundle.dsse.bad-signature.sigstore", Reason.INVALID_SIGNATURE),
      Map.entry("sjava/bundle.dsse.mismatched-envelope.sigstore", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sjava/bundle.dsse.mismatched-signature.sigstore", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sjava/bundle.dsse.rekor-v2.bad-entry-type.sigstore", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sjava/bundle.dsse.rekor-v2.bad-signature.sigstore", Reason.INVALID_SIGNATURE),
      Map.entry("sjava/bundle.dsse.rekor-v2.mismatched-envelope.sigstore", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sjava/bundle.dsse.rekor-v2.mismatched-signature.sigstore", Reason.INVALID_TLOG_ENTRY),
      Map.entry("sjava/github-private-no-tlog", Reason.INVALID_TLOG_ENTRY));

  @TestFactory
  Stream<DynamicTest> everyRow() throws IOException {
    Path base = Vectors.dir().resolve("real-bundles");
    List<String> lines = Files.readAllLines(base.resolve("INDEX.tsv"));
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t", -1);
      tests.add(DynamicTest.dynamicTest(c[0], () -> run(base, c)));
    }
    assertThat(tests).hasSize(65);
    return tests.stream();
  }

  private static void run(Path base, String[] c) throws Exception {
    String id = c[0];
    String expected = c[9];
    boolean accept = DECISIONS.containsKey(id) ? DECISIONS.get(id) : expected.equals("pass");
    if (!DECISIONS.containsKey(id)) {
      assertThat(expected).as("undecided disputed row " + id).isIn("pass", "fail");
    }
    if (accept) {
      VerifiedSignature v = verify(base, c);
      assertThat(v.report().checks()).isNotEmpty();
    } else {
      assertThatThrownBy(() -> verify(base, c))
          .isInstanceOfSatisfying(ModelVerificationException.class,
              e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(REASONS.get(id)));
    }
  }

  private static VerifiedSignature verify(Path base, String[] c) throws Exception {
    Policy.Builder p = Policy.builder().trustRoot(TrustRoot.fromJson(base.resolve(c[5])));
    if (!c[8].isEmpty()) {
      p.allowKeyPem(Files.readString(base.resolve(c[8])));
    } else {
      p.allowIdentity(c[6], c[7]);
    }
    Path bundle = base.resolve(c[3]);
    String target = c[4];
    if (target.matches("sha(256|384|512):.*")) {
      return BundleVerifier.verify(bundle, Digests.parse(target), p.build());
    }
    try (VerifiedModel m = VerifiedModel.load(base.resolve(target), p.build(),
        LoadOptions.builder().bundle(bundle).build())) {
      return m.signatures().get(0);
    }
  }
}
