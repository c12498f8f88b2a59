package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.trust.PublicGoodTrustRoot;
import dev.modelseal.internal.trust.RepositoryUnreachableException;
import dev.modelseal.internal.trust.TufRepository;
import dev.modelseal.testkit.FakeSigstore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustRootTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private final String fake = FakeSigstore.create().trustedRootJson();

  private ModelVerificationException refused(Consumer<ObjectNode> change) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(fake);
    change.accept(root);
    byte[] bytes = JSON.writeValueAsBytes(root);
    try {
      TrustRoot.fromJson(new ByteArrayInputStream(bytes), "test root");
    } catch (ModelVerificationException e) {
      return e;
    }
    throw new AssertionError("trust root accepted");
  }

  @Test
  void readsAFakeSigstoreRoot() throws Exception {
    TrustRoot root = TrustRoot.fromJson(Files.writeString(dir.resolve("root.json"), fake));
    assertThat(root.source()).endsWith("root.json");
    assertThat(root.data().tlogs()).hasSize(1);
    assertThat(root.data().ctlogs()).hasSize(1);
    assertThat(root.data().certificateAuthorities()).isNotEmpty();
    assertThat(root.data().timestampAuthorities()).isNotEmpty();
  }

  @Test
  void aKeyWithoutValidityStartMakesTheRootInvalid() throws Exception {
    ModelVerificationException e = refused(r ->
        ((ObjectNode) r.withArray("tlogs").get(0).get("publicKey").get("validFor")).remove("start"));
    assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(e.getMessage()).contains("tlogs[0].publicKey.validFor.start");
    assertThat(refused(r -> ((ObjectNode) r.withArray("certificateAuthorities").get(0)).remove("validFor")).reason())
        .isEqualTo(Reason.INVALID_TRUST_ROOT);
  }

  @Test
  void malformedRootsAreRefused() throws Exception {
    assertThat(refused(r -> r.put("mediaType", "application/json")).reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(refused(r -> ((ObjectNode) r.withArray("certificateAuthorities").get(0))
        .with("certChain").putArray("certificates")).reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThat(refused(r -> ((ObjectNode) r.withArray("tlogs").get(0).get("publicKey").get("validFor"))
        .put("start", "yesterday")).reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
    assertThatThrownBy(() -> TrustRoot.fromJson(new ByteArrayInputStream("{".getBytes(StandardCharsets.UTF_8)), "x"))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
    assertThatThrownBy(() -> TrustRoot.fromJson(dir.resolve("absent.json")))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
  }

  @Test
  void anUnusableLogKeyIsSkippedNotTrusted() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(fake);
    ((ObjectNode) root.withArray("ctlogs").get(0).get("publicKey")).put("rawBytes", "AAAA");
    TrustRoot parsed = TrustRoot.fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(root)), "x");
    assertThat(parsed.data().ctlogs()).isEmpty();
  }

  private static TufRepository repo(Path cacheDir) {
    return new TufRepository(URI.create("http://127.0.0.1:9/"), () -> "{}", cacheDir, false);
  }

  @Test
  void publicGoodFallsBackToTheCachedRootWhenOffline() throws Exception {
    Path cached = Files.createDirectories(dir.resolve("tuf/targets")).resolve("trusted_root.json");
    Files.writeString(cached, fake);
    PublicGoodTrustRoot.Result r = PublicGoodTrustRoot.load(repo(dir.resolve("tuf")), d -> {
      throw new RepositoryUnreachableException("network unreachable", null);
    });
    assertThat(r.location()).isEqualTo(cached.toString());
    assertThat(r.description()).contains("cached");
  }

  @Test
  void aTufVerificationFailureIsNeverMaskedByTheCache() throws Exception {
    Path cached = Files.createDirectories(dir.resolve("tuf/targets")).resolve("trusted_root.json");
    Files.writeString(cached, fake);
    assertThatThrownBy(() -> PublicGoodTrustRoot.load(repo(dir.resolve("tuf")), d -> {
      throw new IllegalStateException("update failed",
          new IOException("while fetching", new dev.sigstore.tuf.TufException("timestamp role expired")));
    })).isInstanceOfSatisfying(ModelVerificationException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
      assertThat(e.getMessage()).contains("TUF verification");
    });
    assertThatThrownBy(() -> PublicGoodTrustRoot.load(repo(dir.resolve("tuf")), d -> {
      throw new IllegalStateException("some other failure");
    })).isInstanceOfSatisfying(ModelVerificationException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
    // An answer that did not parse is an I/O error too, but an answer: never masked by the cache.
    assertThatThrownBy(() -> PublicGoodTrustRoot.load(repo(dir.resolve("tuf")), d -> {
      throw new IllegalStateException("cannot parse timestamp.json", new java.io.EOFException("End of input"));
    })).isInstanceOfSatisfying(ModelVerificationException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
  }

  @Test
  void publicGoodWithoutNetworkOrCacheFailsClearly() {
    assertThatThrownBy(() -> PublicGoodTrustRoot.load(repo(dir.resolve("empty")), d -> {
      throw new RepositoryUnreachableException("network unreachable", null);
    })).isInstanceOfSatisfying(ModelVerificationException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
      assertThat(e.getMessage()).contains("network unreachable", "TrustRoot.fromJson");
    });
  }

  @Test
  void publicGoodUsesTheRefreshedRoot() throws Exception {
    PublicGoodTrustRoot.Result r = PublicGoodTrustRoot.load(repo(dir.resolve("tuf")), d -> {
      Path t = Files.createDirectories(d.resolve("targets")).resolve("trusted_root.json");
      Files.writeString(t, fake);
    });
    assertThat(r.description()).contains("refreshed");
  }
}
