package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to make a parser blow up (ASN.1 nested until the stack overflows, PEM armor that
 * makes a backtracking scanner take minutes) is refused with the right {@link Reason} by every
 * entry point that reads a bundle: {@link VerifiedModel#load}, {@link BundleVerifier#verify} and
 * {@link BundleInspector#inspect}. The timeouts only guard against a hang; they measure nothing.
 */
@ExtendWith(FakeSigstoreExtension.class)
class HostileInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);
  /** Deep enough to overflow any parser that recurses per level; beyond the size cap too. */
  private static final int DEEP = 100_000;
  /** Deep enough to overflow BouncyCastle's parser, yet within the 64 KiB size cap. */
  private static final int DEEP_WITHIN_SIZE_CAP = 15_000;

  @TempDir Path dir;
  private FakeSigstore sigstore;
  private Path model;
  private Policy policy;
  private ObjectNode bundle;
  private ObjectNode legacy;

  @BeforeEach
  void setUp(FakeSigstore sigstore) throws Exception {
    this.sigstore = sigstore;
    model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json"))))
        .allowIdentity(ID, ISSUER).build();
    bundle = (ObjectNode) JSON.readTree(sigstore.signer(ID, ISSUER).signBundle(model, dir.resolve("b.json")).toFile());
    legacy = (ObjectNode) JSON.readTree(
        sigstore.signer(ID, ISSUER).signLegacyCosign(model, dir.resolve("legacy.json")).toFile());
  }

  /** The nestings tried everywhere: definite and indefinite lengths, beyond and within the size cap. */
  private static List<byte[]> deepEncodings() {
    return List.of(nested(DEEP), nestedIndefinite(DEEP), nested(DEEP_WITHIN_SIZE_CAP),
        nestedIndefinite(DEEP_WITHIN_SIZE_CAP));
  }

  @Test
  void deeplyNestedCertificateIsMalformed() throws Exception {
    for (byte[] der : deepEncodings()) {
      ObjectNode b = bundle.deepCopy();
      b.with("verificationMaterial").with("certificate").put("rawBytes", base64(der));
      assertRefusedEverywhere(b, Reason.MALFORMED_BUNDLE);
    }
  }

  @Test
  void deeplyNestedPublicKeyIsMalformed() throws Exception {
    for (byte[] der : deepEncodings()) {
      ObjectNode b = legacy.deepCopy();
      b.put("cert", base64(pem("PUBLIC KEY", der).getBytes(StandardCharsets.US_ASCII)));
      assertRefusedEverywhere(b, Reason.MALFORMED_BUNDLE);
    }
  }

  @Test
  void emptyPublicKeyIsMalformed() throws Exception {
    // Found by the legacyCosignBundle fuzz target: BouncyCastle reads no bytes as a null key.
    ObjectNode b = legacy.deepCopy();
    b.put("cert", base64(pem("PUBLIC KEY", new byte[0]).getBytes(StandardCharsets.US_ASCII)));
    assertRefusedEverywhere(b, Reason.MALFORMED_BUNDLE);
  }

  @Test
  void moreInclusionProofHashesThanATreeCanNeedAreMalformed() throws Exception {
    ObjectNode b = bundle.deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode hashes = (com.fasterxml.jackson.databind.node.ArrayNode)
        b.at("/verificationMaterial/tlogEntries/0/inclusionProof/hashes");
    String any = base64(new byte[32]);
    while (hashes.size() <= 64) {
      hashes.add(any);
    }
    assertThat(loadReason(write(b))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(catchThrowableOfType(ModelVerificationException.class, () -> BundleInspector.inspect(write(b)))
        .getMessage()).contains("more than 64 inclusion proof hashes");
  }

  @Test
  void aCertificateChainLongerThanTenIsMalformed() throws Exception {
    ObjectNode b = (ObjectNode) JSON.readTree(sigstore.signer(ID, ISSUER)
        .withMediaType(dev.modelseal.testkit.BundleMediaType.V0_2).signBundle(model, dir.resolve("v02.json")).toFile());
    com.fasterxml.jackson.databind.node.ArrayNode certs = (com.fasterxml.jackson.databind.node.ArrayNode)
        b.at("/verificationMaterial/x509CertificateChain/certificates");
    while (certs.size() <= 10) {
      certs.add(certs.get(0).deepCopy());
    }
    assertThat(loadReason(write(b))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(catchThrowableOfType(ModelVerificationException.class, () -> BundleInspector.inspect(write(b)))
        .getMessage()).contains("more than 10 certificates");
  }

  @Test
  void deeplyNestedTimestampIsInvalid() throws Exception {
    for (byte[] der : deepEncodings()) {
      ObjectNode b = bundle.deepCopy();
      b.with("verificationMaterial").with("timestampVerificationData").putArray("rfc3161Timestamps")
          .addObject().put("signedTimestamp", base64(der));
      Path file = write(b);
      assertThat(loadReason(file)).isEqualTo(Reason.INVALID_TIMESTAMP);
      assertThat(verifyReason(file)).isEqualTo(Reason.INVALID_TIMESTAMP);
      // Inspection parses no timestamp; it only counts them.
      assertThat(assertTimeoutPreemptively(HANG_GUARD, () -> BundleInspector.inspect(file)).rfc3161Timestamps())
          .isEqualTo(1);
    }
  }

  @Test
  void deeplyNestedTrustRootKeysAndCertificatesAreInvalid() throws Exception {
    for (byte[] der : deepEncodings()) {
      ObjectNode key = (ObjectNode) JSON.readTree(sigstore.trustedRootJson());
      ((ObjectNode) key.withArray("tlogs").get(0).get("publicKey")).put("rawBytes", base64(der));
      assertThat(trustRootReason(key)).isEqualTo(Reason.INVALID_TRUST_ROOT);
      ObjectNode cert = (ObjectNode) JSON.readTree(sigstore.trustedRootJson());
      ((ObjectNode) cert.withArray("certificateAuthorities").get(0).with("certChain").withArray("certificates").get(0))
          .put("rawBytes", base64(der));
      assertThat(trustRootReason(cert)).isEqualTo(Reason.INVALID_TRUST_ROOT);
    }
  }

  /** 5 KB of armor that never ends: a backtracking PEM pattern took minutes on this. */
  @Test
  void unterminatedPemArmorIsRefusedAtOnce() throws Exception {
    String armor = "-----BEGIN CERTIFICATE-----" + " \n".repeat(2_500);
    ObjectNode b = legacy.deepCopy();
    b.put("cert", base64(armor.getBytes(StandardCharsets.US_ASCII)));
    assertRefusedEverywhere(b, Reason.MALFORMED_BUNDLE);
  }

  /** The same armor as the key a transparency log entry records: read before the SET is checked. */
  @Test
  void unterminatedPemArmorInALogEntryIsRefusedAtOnce() throws Exception {
    String armor = "-----BEGIN CERTIFICATE-----" + " \n".repeat(2_500);
    ObjectNode b = bundle.deepCopy();
    ObjectNode entry = (ObjectNode) b.with("verificationMaterial").withArray("tlogEntries").get(0);
    ObjectNode body = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(entry.get("canonicalizedBody").asText()));
    body.with("spec").with("signature").with("publicKey").put("content", base64(armor.getBytes(StandardCharsets.US_ASCII)));
    entry.put("canonicalizedBody", base64(JSON.writeValueAsBytes(body)));
    Path file = write(b);
    assertThat(loadReason(file)).isEqualTo(Reason.INVALID_TLOG_ENTRY);
    assertThat(verifyReason(file)).isEqualTo(Reason.INVALID_TLOG_ENTRY);
  }

  private void assertRefusedEverywhere(ObjectNode b, Reason reason) throws Exception {
    Path file = write(b);
    assertThat(loadReason(file)).isEqualTo(reason);
    assertThat(verifyReason(file)).isEqualTo(reason);
    assertThat(catchThrowableOfType(ModelVerificationException.class,
        () -> assertTimeoutPreemptively(HANG_GUARD, () -> BundleInspector.inspect(file))).reason())
        .isEqualTo(reason);
  }

  private Reason loadReason(Path file) {
    return catchThrowableOfType(ModelVerificationException.class, () -> assertTimeoutPreemptively(HANG_GUARD,
        () -> VerifiedModel.load(model, policy, LoadOptions.builder().bundle(file).build()).close())).reason();
  }

  private Reason verifyReason(Path file) throws Exception {
    Digests digests = Digests.ofSha256(Sha256.hex(model));
    return catchThrowableOfType(ModelVerificationException.class,
        () -> assertTimeoutPreemptively(HANG_GUARD, () -> BundleVerifier.verify(file, digests, policy))).reason();
  }

  private Reason trustRootReason(ObjectNode root) throws Exception {
    Path file = Files.write(dir.resolve("hostile-root.json"), JSON.writeValueAsBytes(root));
    return catchThrowableOfType(ModelVerificationException.class,
        () -> assertTimeoutPreemptively(HANG_GUARD, () -> TrustRoot.fromJson(file))).reason();
  }

  private Path write(ObjectNode b) throws Exception {
    return Files.write(dir.resolve("hostile.json"), JSON.writeValueAsBytes(b));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /** {@code levels} SEQUENCEs, each holding the next, with definite lengths (DER). */
  static byte[] nested(int levels) {
    int[] size = new int[levels];
    size[0] = 2;
    for (int i = 1; i < levels; i++) {
      size[i] = 1 + lengthOctets(size[i - 1]) + size[i - 1];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size[levels - 1]);
    for (int i = levels - 1; i > 0; i--) {
      out.write(0x30);
      int n = size[i - 1];
      int octets = lengthOctets(n);
      if (octets > 1) {
        out.write(0x80 | (octets - 1));
      }
      for (int k = octets > 1 ? octets - 2 : 0; k >= 0; k--) {
        out.write(n >> (8 * k));
      }
    }
    out.write(0x30);
    out.write(0);
    return out.toByteArray();
  }

  private static int lengthOctets(int n) {
    return n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 4;
  }

  /** {@code levels} SEQUENCEs, each holding the next, with indefinite lengths (BER). */
  static byte[] nestedIndefinite(int levels) {
    byte[] out = new byte[levels * 4];
    for (int i = 0; i < levels; i++) {
      out[2 * i] = 0x30;
      out[2 * i + 1] = (byte) 0x80;
    }
    return out;
  }
}
