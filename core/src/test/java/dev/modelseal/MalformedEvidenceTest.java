package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.BundleMediaType;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every shape gets a {@link ModelVerificationException} with the right reason: never a
 * parser stack trace, never a load.
 */
@ExtendWith(FakeSigstoreExtension.class)
class MalformedEvidenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  @TempDir Path dir;
  private FakeSigstore sigstore;
  private Path model;
  private Policy policy;
  private ObjectNode good;

  @BeforeEach
  void setUp(FakeSigstore sigstore) throws Exception {
    this.sigstore = sigstore;
    model = Files.write(dir.resolve("m.bin"), "weights".getBytes(StandardCharsets.UTF_8));
    policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json"))))
        .allowIdentity(ID, ISSUER).build();
    good = (ObjectNode) JSON.readTree(sigstore.signer(ID, ISSUER).signBundle(model, dir.resolve("good.json")).toFile());
  }

  private Reason reasonFor(byte[] bundle) throws Exception {
    Path p = Files.write(dir.resolve("bad.json"), bundle);
    try (VerifiedModel m = VerifiedModel.load(model, policy, LoadOptions.builder().bundle(p).build())) {
      throw new AssertionError("accepted: " + new String(bundle, StandardCharsets.UTF_8));
    } catch (ModelVerificationException e) {
      return e.reason();
    }
  }

  private Reason reasonFor(String bundle) throws Exception {
    return reasonFor(bundle.getBytes(StandardCharsets.UTF_8));
  }

  private Reason mutated(Consumer<ObjectNode> change) throws Exception {
    ObjectNode copy = good.deepCopy();
    change.accept(copy);
    return reasonFor(JSON.writeValueAsBytes(copy));
  }

  private static ObjectNode entry(ObjectNode bundle) {
    return (ObjectNode) bundle.with("verificationMaterial").withArray("tlogEntries").get(0);
  }

  @Test
  void theUnmodifiedBundleVerifies() throws Exception {
    Path p = Files.write(dir.resolve("copy.json"), JSON.writeValueAsBytes(good));
    VerifiedModel.load(model, policy, LoadOptions.builder().bundle(p).build()).close();
  }

  @Test
  void notJsonOrNotAnObject() throws Exception {
    assertThat(reasonFor("not json")).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(reasonFor("[1,2]")).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(reasonFor("")).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(reasonFor(JSON.writeValueAsString(good) + " {}")).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(reasonFor("{\"mediaType\":\"a\",\"mediaType\":\"b\"}")).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(reasonFor("[".repeat(100_000))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(reasonFor(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void oversizedFileIsRefusedBeforeParsing() throws Exception {
    byte[] big = new byte[65 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThat(reasonFor(big)).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void unknownFormats() throws Exception {
    assertThat(reasonFor("{}")).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(mutated(b -> b.put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=9"))).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(mutated(b -> b.with("messageSignature").with("messageDigest").put("algorithm", "SHA3_256"))).isEqualTo(Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void wrongTypesAndMissingFields() throws Exception {
    assertThat(mutated(b -> b.put("mediaType", 3))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.remove("verificationMaterial"))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.remove("messageSignature"))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.set("dsseEnvelope", JSON.createObjectNode()))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> entry(b).put("logIndex", "twelve"))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> entry(b).set("logIndex", JSON.createObjectNode()))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> entry(b).put("logIndex", "-5"))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> entry(b).put("logIndex", "99999999999999999999999"))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.with("messageSignature").put("signature", "***"))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.with("verificationMaterial").with("certificate").put("rawBytes", "AAAA"))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.with("verificationMaterial").withArray("tlogEntries").add(7))).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void materialMustFitTheBundleVersion() throws Exception {
    assertThat(mutated(b -> {
      ObjectNode vm = b.with("verificationMaterial");
      ObjectNode cert = (ObjectNode) vm.remove("certificate");
      vm.with("x509CertificateChain").withArray("certificates").add(cert);
    })).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.put("mediaType", BundleMediaType.V0_1))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.with("verificationMaterial").with("publicKey").put("hint", "x"))).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void transparencyLogRules() throws Exception {
    assertThat(mutated(b -> b.with("verificationMaterial").putArray("tlogEntries"))).isEqualTo(Reason.INVALID_TLOG_ENTRY);
    assertThat(mutated(b -> entry(b).with("kindVersion").put("version", "0.0.2"))).isEqualTo(Reason.INVALID_TLOG_ENTRY);
    assertThat(mutated(b -> entry(b).remove("inclusionProof"))).isEqualTo(Reason.INVALID_INCLUSION_PROOF);
    assertThat(mutated(b -> entry(b).with("inclusionProof").remove("checkpoint"))).isEqualTo(Reason.INVALID_CHECKPOINT);
    assertThat(mutated(b -> entry(b).with("inclusionProof").with("checkpoint").put("envelope", "garbage"))).isEqualTo(Reason.INVALID_CHECKPOINT);
    assertThat(mutated(b -> entry(b).put("integratedTime", "1"))).isEqualTo(Reason.INVALID_SET);
    assertThat(mutated(b -> entry(b).remove("integratedTime"))).isEqualTo(Reason.INVALID_SET);
    assertThat(mutated(b -> entry(b).put("canonicalizedBody",
        Base64.getEncoder().encodeToString("{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\"}".getBytes(StandardCharsets.UTF_8)))))
        .isEqualTo(Reason.INVALID_TLOG_ENTRY);
    assertThat(mutated(b -> entry(b).with("kindVersion").put("kind", "rekord"))).isEqualTo(Reason.INVALID_TLOG_ENTRY);
    assertThat(mutated(b -> b.with("verificationMaterial").withArray("tlogEntries").add(entry(b).deepCopy())))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void v01BundlesNeedASetAndV02BundlesAProof() throws Exception {
    Path v01 = sigstore.signer(ID, ISSUER).withMediaType(BundleMediaType.V0_1).signBundle(model, dir.resolve("v01.json"));
    ObjectNode b = (ObjectNode) JSON.readTree(v01.toFile());
    entry(b).remove("inclusionPromise");
    assertThat(reasonFor(JSON.writeValueAsBytes(b))).isEqualTo(Reason.INVALID_SET);
    Path v02 = sigstore.signer(ID, ISSUER).withMediaType(BundleMediaType.V0_2).signBundle(model, dir.resolve("v02.json"));
    ObjectNode c = (ObjectNode) JSON.readTree(v02.toFile());
    entry(c).remove("inclusionProof");
    assertThat(reasonFor(JSON.writeValueAsBytes(c))).isEqualTo(Reason.INVALID_INCLUSION_PROOF);
  }

  @Test
  void timestampsThatDoNotVerifyAreRefused() throws Exception {
    assertThat(mutated(b -> b.with("verificationMaterial").with("timestampVerificationData")
        .withArray("rfc3161Timestamps").addObject().put("signedTimestamp", "AAAA")))
        .isEqualTo(Reason.INVALID_TIMESTAMP);
    Path stamped = sigstore.signer(ID, ISSUER).withTimestamp(true).signBundle(model, dir.resolve("ts.json"));
    ObjectNode other = (ObjectNode) JSON.readTree(
        FakeSigstore.create().signer(ID, ISSUER).withTimestamp(true).signBundle(model, dir.resolve("other.json")).toFile());
    ObjectNode b = (ObjectNode) JSON.readTree(stamped.toFile());
    b.with("verificationMaterial").set("timestampVerificationData",
        other.with("verificationMaterial").get("timestampVerificationData"));
    assertThat(reasonFor(JSON.writeValueAsBytes(b))).isEqualTo(Reason.INVALID_TIMESTAMP);
  }

  @Test
  void trustRootWindowsAndAuthoritiesBindTheVerdict() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(sigstore.trustedRootJson());
    ((ObjectNode) root.withArray("certificateAuthorities").get(0).get("validFor")).put("end", "2001-01-01T00:00:00Z");
    Policy expiredCa = Policy.builder().trustRoot(TrustRoot.fromJson(
        Files.write(dir.resolve("expired-ca.json"), JSON.writeValueAsBytes(root)))).allowIdentity(ID, ISSUER).build();
    Path p = Files.write(dir.resolve("copy.json"), JSON.writeValueAsBytes(good));
    assertThat(refusedUnder(expiredCa, p)).isEqualTo(Reason.UNTRUSTED_CERTIFICATE);

    ObjectNode noTsa = (ObjectNode) JSON.readTree(sigstore.trustedRootJson());
    noTsa.putArray("timestampAuthorities");
    Policy withoutTsa = Policy.builder().trustRoot(TrustRoot.fromJson(
        Files.write(dir.resolve("no-tsa.json"), JSON.writeValueAsBytes(noTsa)))).allowIdentity(ID, ISSUER).build();
    Path stamped = sigstore.signer(ID, ISSUER).withTimestamp(true).signBundle(model, dir.resolve("ts.json"));
    assertThat(refusedUnder(withoutTsa, stamped)).isEqualTo(Reason.INVALID_TIMESTAMP);
  }

  @Test
  void statementsOfUnknownTypeAreRefused() throws Exception {
    String sha = Sha256.hex(model);
    Path att = sigstore.signer(ID, ISSUER).attestStatement("{\"_type\":\"https://in-toto.io/Statement/v9\","
        + "\"subject\":[{\"name\":\"m.bin\",\"digest\":{\"sha256\":\"" + sha + "\"}}],"
        + "\"predicateType\":\"https://example.com/p\",\"predicate\":{}}", dir.resolve("att.json"));
    assertThat(refusedUnder(policy, att)).isEqualTo(Reason.UNSUPPORTED_FORMAT);
  }

  private Reason refusedUnder(Policy p, Path bundle) throws Exception {
    try (VerifiedModel m = VerifiedModel.load(model, p, LoadOptions.builder().bundle(bundle).build())) {
      throw new AssertionError("accepted " + bundle);
    } catch (ModelVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void dsseEnvelopeWithABadSignatureIsRefused() throws Exception {
    assertThat(mutated(b -> {
      b.remove("messageSignature");
      ObjectNode env = b.putObject("dsseEnvelope");
      env.put("payloadType", "text/plain").put("payload", "aGk=");
      ArrayNode sigs = env.putArray("signatures");
      sigs.addObject().put("sig", "AAAA");
    })).isEqualTo(Reason.INVALID_SIGNATURE);
  }

  /**
   * Every single-bit flip of a valid bundle is refused, except in base64 padding (where the decoded
   * bytes do not change); every truncation is refused as malformed.
   */
  @Test
  void bitFlipsAndTruncationsAreRefused() throws Exception {
    byte[] text = JSON.writeValueAsBytes(good);
    java.util.List<Integer> accepted = new java.util.ArrayList<>();
    for (int i = 0; i < text.length; i++) {
      byte[] flipped = text.clone();
      flipped[i] ^= 0x04;
      Path p = Files.write(dir.resolve("flip.json"), flipped);
      try (VerifiedModel m = VerifiedModel.load(model, policy, LoadOptions.builder().bundle(p).build())) {
        accepted.add(i);
      } catch (ModelVerificationException refused) {
        // expected: any reason will do, as long as it is this exception
      }
    }
    for (int i : accepted) {
      assertThat(text[i] == '=' || (i + 1 < text.length && text[i + 1] == '='))
          .as("flip at %d accepted outside base64 padding: %s", i,
              new String(text, Math.max(0, i - 20), Math.min(40, text.length - Math.max(0, i - 20)),
                  StandardCharsets.UTF_8))
          .isTrue();
    }
    for (int len = 0; len < text.length; len += 97) {
      byte[] cut = java.util.Arrays.copyOf(text, len);
      assertThat(reasonFor(cut)).isIn(Reason.MALFORMED_BUNDLE, Reason.UNSUPPORTED_FORMAT);
    }
  }

  @Test
  void unknownFieldsAreRefusedRatherThanIgnored() throws Exception {
    assertThat(mutated(b -> entry(b).set("inclusionPromis", entry(b).remove("inclusionPromise"))))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.put("extra", 1))).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(mutated(b -> b.with("messageSignature").set("digest",
        b.with("messageSignature").remove("messageDigest")))).isEqualTo(Reason.MALFORMED_BUNDLE);
  }
}
