package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks {@link FakeTufRepository}'s metadata on its own terms (TUF specification §4, §5): the
 * files it serves, key IDs, signatures over canonical JSON, and the hash chain from timestamp to
 * target. {@link SigstoreJavaTufTest} runs a real client against it.
 */
class FakeTufRepositoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final HexFormat HEX = HexFormat.of();
  private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

  private final FakeSigstore sigstore = FakeSigstore.create();
  private FakeTufRepository repo;

  @AfterEach
  void stop() {
    if (repo != null) {
      repo.close();
    }
  }

  private static HttpResponse<byte[]> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private byte[] file(String path) throws Exception {
    HttpResponse<byte[]> r = get(repo.uri().resolve(path));
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private JsonNode metadata(String path) throws Exception {
    return JSON.readTree(file(path));
  }

  @ParameterizedTest
  @EnumSource(TufKeyType.class)
  void everyRoleIsSignedByTheKeyTheRootListsOverItsCanonicalJson(TufKeyType type) throws Exception {
    repo = FakeTufRepository.builder().keyType(type).trustedRoot(sigstore).start();
    JsonNode root = JSON.readTree(repo.initialRootJson());
    assertThat(metadata("1.root.json")).isEqualTo(root);
    for (String path : new String[] {"1.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json"}) {
      JsonNode meta = metadata(path);
      String role = meta.get("signed").get("_type").asText();
      String keyId = root.get("signed").get("roles").get(role).get("keyids").get(0).asText();
      JsonNode key = root.get("signed").get("keys").get(keyId);
      assertThat(key.get("keytype").asText()).isEqualTo(type.keytype());
      assertThat(key.get("scheme").asText()).isEqualTo(type.scheme());
      assertThat(HEX.formatHex(Sha256.of(TufCanonicalJson.encode(key)))).as("key ID").isEqualTo(keyId);
      JsonNode signature = meta.get("signatures").get(0);
      assertThat(signature.get("keyid").asText()).isEqualTo(keyId);
      assertThat(verifies(key, TufCanonicalJson.encode(meta.get("signed")), HEX.parseHex(signature.get("sig").asText())))
          .as(path).isTrue();
    }
  }

  @Test
  void theHashChainLeadsFromTheTimestampToTheFakeSigstoresTrustedRoot() throws Exception {
    repo = FakeTufRepository.start(sigstore);
    JsonNode snapshotRef = metadata("timestamp.json").get("signed").get("meta").get("snapshot.json");
    byte[] snapshot = file(snapshotRef.get("version").asInt() + ".snapshot.json");
    assertMeta(snapshotRef, snapshot);
    JsonNode targetsRef = JSON.readTree(snapshot).get("signed").get("meta").get("targets.json");
    byte[] targets = file(targetsRef.get("version").asInt() + ".targets.json");
    assertMeta(targetsRef, targets);
    JsonNode target = JSON.readTree(targets).get("signed").get("targets").get("trusted_root.json");
    String sha256 = target.get("hashes").get("sha256").asText();
    byte[] content = file("targets/" + sha256 + ".trusted_root.json");
    assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo(sigstore.trustedRootJson());
    assertMeta(target, content);
    assertThat(get(repo.uri().resolve("targets/trusted_root.json")).statusCode()).isEqualTo(404);
    assertThat(repo.requests()).startsWith("timestamp.json");
  }

  private static void assertMeta(JsonNode ref, byte[] content) {
    assertThat(ref.get("length").asInt()).isEqualTo(content.length);
    assertThat(ref.get("hashes").get("sha256").asText()).isEqualTo(HEX.formatHex(Sha256.of(content)));
  }

  @Test
  void expiryFollowsTheClockAndAnExpiredTimestampIsANewVersion() throws Exception {
    repo = FakeTufRepository.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).trustedRoot(sigstore).start();
    assertThat(metadata("1.root.json").get("signed").get("expires").asText()).isEqualTo("2027-01-15T10:00:00Z");
    assertThat(metadata("timestamp.json").get("signed").get("expires").asText()).isEqualTo("2026-01-16T10:00:00Z");
    repo.expireTimestamp();
    JsonNode expired = metadata("timestamp.json").get("signed");
    assertThat(expired.get("version").asInt()).isEqualTo(2);
    assertThat(expired.get("expires").asText()).isEqualTo("2026-01-15T09:00:00Z");
  }

  @Test
  void publishingBumpsTargetsSnapshotAndTimestampAndKeepsOldVersionsServed() throws Exception {
    repo = FakeTufRepository.start(sigstore);
    repo.publishTarget("keys/extra.pem", "k".getBytes(StandardCharsets.UTF_8));
    assertThat(repo.version(TufRole.ROOT)).isEqualTo(1);
    assertThat(repo.version(TufRole.TARGETS)).isEqualTo(2);
    assertThat(repo.version(TufRole.SNAPSHOT)).isEqualTo(2);
    assertThat(repo.version(TufRole.TIMESTAMP)).isEqualTo(2);
    String sha256 = HEX.formatHex(Sha256.of("k".getBytes(StandardCharsets.UTF_8)));
    assertThat(file("targets/keys/" + sha256 + ".extra.pem")).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    assertThat(metadata("2.targets.json").get("signed").get("targets").size()).isEqualTo(2);
    assertThat(metadata("1.targets.json").get("signed").get("targets").size()).isEqualTo(1);
    assertThatThrownBy(() -> repo.publishTarget("../escape", new byte[1])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rollingBackServesTheOlderTimestampUntilTheNextPublish() throws Exception {
    repo = FakeTufRepository.start(sigstore);
    repo.publishTrustedRoot(FakeSigstore.create().trustedRootJson());
    repo.rollBack();
    assertThat(metadata("timestamp.json").get("signed").get("version").asInt()).isEqualTo(1);
    repo.publishTrustedRoot(sigstore.trustedRootJson());
    assertThat(metadata("timestamp.json").get("signed").get("version").asInt()).isEqualTo(3);
  }

  @Test
  void aCorruptSignatureNoLongerVerifiesButTheReferencesStillMatch() throws Exception {
    repo = FakeTufRepository.start(sigstore);
    repo.corruptSignature(TufRole.SNAPSHOT);
    JsonNode root = JSON.readTree(repo.initialRootJson()).get("signed");
    JsonNode snapshot = metadata("2.snapshot.json");
    JsonNode key = root.get("keys").get(snapshot.get("signatures").get(0).get("keyid").asText());
    assertThat(verifies(key, TufCanonicalJson.encode(snapshot.get("signed")),
        HEX.parseHex(snapshot.get("signatures").get(0).get("sig").asText()))).isFalse();
    assertMeta(metadata("timestamp.json").get("signed").get("meta").get("snapshot.json"), file("2.snapshot.json"));

    repo.corruptSignature(TufRole.ROOT);
    assertThat(repo.version(TufRole.ROOT)).isEqualTo(1);
    assertThat(get(repo.uri().resolve("2.root.json")).statusCode()).isEqualTo(200);
    repo.rotateKeys();
    assertThat(repo.version(TufRole.ROOT)).isEqualTo(2);
    JsonNode rotated = metadata("2.root.json");
    assertThat(rotated.get("signatures")).hasSize(2);
    for (JsonNode signature : rotated.get("signatures")) {
      JsonNode signer = root.get("keys").has(signature.get("keyid").asText())
          ? root.get("keys").get(signature.get("keyid").asText())
          : rotated.get("signed").get("keys").get(signature.get("keyid").asText());
      assertThat(verifies(signer, TufCanonicalJson.encode(rotated.get("signed")), HEX.parseHex(signature.get("sig").asText())))
          .isTrue();
    }
  }

  @Test
  void closingStopsTheServer() throws Exception {
    repo = FakeTufRepository.start(sigstore);
    URI uri = repo.uri();
    assertThat(uri.getHost()).isEqualTo("127.0.0.1");
    repo.close();
    assertThatThrownBy(() -> get(uri.resolve("timestamp.json"))).isInstanceOf(java.io.IOException.class);
  }

  /** Verifies a TUF signature with the JDK alone: PEM SPKI for ecdsa, raw hex for ed25519. */
  static boolean verifies(JsonNode key, byte[] message, byte[] signature) throws Exception {
    String text = key.get("keyval").get("public").asText();
    PublicKey publicKey;
    Signature verifier;
    if (key.get("keytype").asText().equals("ed25519")) {
      byte[] spki = HEX.parseHex("302a300506032b6570032100" + text);
      publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      verifier = Signature.getInstance("Ed25519");
    } else {
      String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
      verifier = Signature.getInstance("SHA256withECDSA");
    }
    verifier.initVerify(publicKey);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
