package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeylessSigner;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-toto subject names the model only when every digest it lists in an algorithm ModelSeal
 * knows matches; the model is hashed in each such algorithm, so a subject given only in SHA-512
 * verifies, and a wrong SHA-512 next to a right SHA-256 is a mismatch.
 */
@ExtendWith(FakeSigstoreExtension.class)
class SubjectDigestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";
  private static final String TYPE = "https://modelseal.test/eval/v1";
  private static final byte[] WEIGHTS = "weights".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private KeylessSigner signer;
  private Path model;
  private Policy policy;

  @BeforeEach
  void setUp(FakeSigstore sigstore) throws Exception {
    signer = sigstore.signer(ID, ISSUER);
    model = Files.write(dir.resolve("m.bin"), WEIGHTS);
    signer.signBundle(model, dir.resolve("m.bin.bundle"));
    policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json"))))
        .allowIdentity(ID, ISSUER)
        .requireAttestation(AttestationRequirement.of(TYPE))
        .build();
  }

  private void attest(Map<String, String> digest) throws Exception {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("_type", "https://in-toto.io/Statement/v1");
    ObjectNode subject = statement.putArray("subject").addObject();
    subject.put("name", "m.bin");
    digest.forEach(subject.putObject("digest")::put);
    statement.put("predicateType", TYPE);
    statement.putObject("predicate").put("accuracy", 0.9);
    signer.attestStatement(JSON.writeValueAsString(statement), dir.resolve("m.bin.attest.bundle"));
  }

  private static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  @Test
  void aSubjectGivenOnlyInSha512Verifies() throws Exception {
    attest(Map.of("sha512", hex("SHA-512", WEIGHTS)));
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      assertThat(m.attestations()).extracting(VerifiedAttestation::predicateType).containsExactly(TYPE);
      assertThat(m.digests().hex("SHA-512")).contains(hex("SHA-512", WEIGHTS));
    }
  }

  @Test
  void aWrongSha512NextToARightSha256IsAMismatch() throws Exception {
    attest(Map.of("sha256", hex("SHA-256", WEIGHTS), "sha512", hex("SHA-512", "other".getBytes(StandardCharsets.UTF_8))));
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
        () -> VerifiedModel.load(model, policy).close());
    assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
  }

  @Test
  void algorithmsModelSealDoesNotKnowAreIgnored() throws Exception {
    attest(Map.of("sha256", hex("SHA-256", WEIGHTS), "gitCommit", "0".repeat(40)));
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      assertThat(m.attestations()).hasSize(1);
    }
  }

  @Test
  void moreSubjectsThanTheLimitAreRefusedBeforeTheyAreCompared() throws Exception {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("_type", "https://in-toto.io/Statement/v1");
    var subjects = statement.putArray("subject");
    for (int i = 0; i <= dev.modelseal.internal.dsse.Statement.MAX_SUBJECTS; i++) {
      subjects.addObject().put("name", "f" + i).putObject("digest").put("sha256", hex("SHA-256", WEIGHTS));
    }
    statement.put("predicateType", TYPE);
    statement.putObject("predicate");
    signer.attestStatement(JSON.writeValueAsString(statement), dir.resolve("m.bin.attest.bundle"));
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
        () -> VerifiedModel.load(model, policy).close());
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(e.getMessage()).contains("1025 subjects");
  }
}
