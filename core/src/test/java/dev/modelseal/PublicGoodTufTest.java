package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.internal.trust.PublicGoodSeed;
import dev.modelseal.internal.trust.PublicGoodTrustRoot;
import dev.modelseal.internal.trust.TufRepository;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.FakeTufRepository;
import dev.modelseal.testkit.TufRole;
import dev.sigstore.tuf.RoleExpiredException;
import dev.sigstore.tuf.RollbackVersionException;
import dev.sigstore.tuf.SignatureVerificationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the real TUF client (sigstore-java's Updater over the JDK HTTP transport, the code path of
 * {@link TrustRoot#sigstorePublicGood()}) against a loopback {@link FakeTufRepository}: refresh,
 * each refusal TUF owes (never masked by the cache), and the offline fallbacks.
 */
class PublicGoodTufTest {
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  @TempDir Path dir;
  private final FakeSigstore sigstore = FakeSigstore.create();
  private FakeTufRepository tuf;
  private Path cache;

  @BeforeEach
  void start() {
    tuf = FakeTufRepository.start(sigstore);
    cache = dir.resolve("cache");
  }

  @AfterEach
  void stop() {
    tuf.close();
  }

  private TufRepository repository() {
    return new TufRepository(tuf.uri(), tuf::initialRootJson, cache, false);
  }

  private static ModelVerificationException refused(TufRepository repo, Class<? extends Throwable> tufError) {
    try {
      TrustRoot.fromTuf(repo);
    } catch (ModelVerificationException e) {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
      assertThat(e).hasRootCauseInstanceOf(tufError);
      assertThat(e.getMessage()).contains("failed TUF verification", "--trusted-root");
      return e;
    }
    throw new AssertionError("the TUF refresh was accepted");
  }

  /** A loopback port that nothing listens on. */
  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }
  }

  @Test
  void theRefreshedRootVerifiesAModelSignedByTheFakeSigstore() throws Exception {
    TrustRoot root = TrustRoot.fromTuf(repository());
    assertThat(root.source()).contains("refreshed", tuf.uri().toString());
    assertThat(Files.readString(cache.resolve("targets/trusted_root.json"))).isEqualTo(sigstore.trustedRootJson());
    Path model = Files.writeString(dir.resolve("model.onnx"), "weights");
    sigstore.signer(ID, ISSUER).signBundle(model);
    try (VerifiedModel m = VerifiedModel.load(model, Policy.builder().trustRoot(root).allowIdentity(ID, ISSUER).build())) {
      assertThat(m.signer().subject()).isEqualTo(ID);
    }
  }

  @Test
  void aPublishedTrustedRootReplacesTheCachedOne() throws Exception {
    TrustRoot.fromTuf(repository());
    FakeSigstore next = FakeSigstore.create();
    tuf.publishTrustedRoot(next.trustedRootJson());
    TrustRoot.fromTuf(repository());
    assertThat(Files.readString(cache.resolve("targets/trusted_root.json"))).isEqualTo(next.trustedRootJson());
  }

  @Test
  void anExpiredTimestampIsRefusedAndTheCacheDoesNotStandIn() throws Exception {
    TrustRoot.fromTuf(repository());
    tuf.expireTimestamp();
    refused(repository(), RoleExpiredException.class);
  }

  @Test
  void aRolledBackVersionIsRefusedAndTheCacheDoesNotStandIn() throws Exception {
    tuf.publishTrustedRoot(FakeSigstore.create().trustedRootJson());
    TrustRoot.fromTuf(repository());
    tuf.rollBack();
    refused(repository(), RollbackVersionException.class);
  }

  @ParameterizedTest
  @EnumSource(TufRole.class)
  void aBadSignatureIsRefusedAndTheCacheDoesNotStandIn(TufRole role) throws Exception {
    TrustRoot.fromTuf(repository());
    tuf.corruptSignature(role);
    refused(repository(), SignatureVerificationException.class);
  }

  @Test
  void aBadSignatureIsRefusedOnAFirstUseAndTheSeedDoesNotStandIn() throws Exception {
    tuf.corruptSignature(TufRole.TIMESTAMP);
    refused(new TufRepository(tuf.uri(), tuf::initialRootJson, cache, true), SignatureVerificationException.class);
  }

  /** Answers that are not metadata at all: refused like any other bad answer, never "unreachable". */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"{", "{\"signed\":", "{\"a\" 1}", "", "garbage", "[1,"})
  void aMalformedAnswerIsRefusedAndNeitherTheCacheNorTheSeedStandsIn(String body) throws Exception {
    TufRepository seeded = new TufRepository(tuf.uri(), tuf::initialRootJson, cache, true);
    tuf.serveRaw("timestamp.json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TrustRoot.fromTuf(seeded)).as("first use, seed available")
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
    tuf.publishTrustedRoot(sigstore.trustedRootJson());
    TrustRoot.fromTuf(seeded);
    tuf.serveRaw("timestamp.json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> TrustRoot.fromTuf(seeded)).as("cache present")
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
  }

  @Test
  void aTargetThatDoesNotMatchItsHashIsRefused() throws Exception {
    tuf.tamperTarget(FakeTufRepository.TRUSTED_ROOT_TARGET, FakeSigstore.create().trustedRootJson().getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
    refused(new TufRepository(tuf.uri(), tuf::initialRootJson, cache, true), dev.sigstore.tuf.TufException.class);
  }

  @Test
  void anUnreachableRepositoryFallsBackToTheCacheNotTheSeed() throws Exception {
    TufRepository seeded = new TufRepository(tuf.uri(), tuf::initialRootJson, cache, true);
    TrustRoot.fromTuf(seeded);
    tuf.close();
    TrustRoot root = TrustRoot.fromTuf(seeded);
    assertThat(root.source()).contains("cached, not refreshed").doesNotContain("seed");
  }

  @Test
  void aCacheWithMetadataButNoTargetIsNeverReplacedByTheSeed() throws Exception {
    TufRepository seeded = new TufRepository(tuf.uri(), tuf::initialRootJson, cache, true);
    TrustRoot.fromTuf(seeded);
    Files.delete(cache.resolve("targets/trusted_root.json"));
    tuf.close();
    assertThatThrownBy(() -> TrustRoot.fromTuf(seeded)).isInstanceOfSatisfying(ModelVerificationException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
      assertThat(e.getMessage()).contains("holds TUF metadata but no trusted_root.json");
    });
  }

  @Test
  void anUnreachableRepositoryFallsBackToTheCacheWithOneWarn() throws Exception {
    TrustRoot.fromTuf(repository());
    tuf.close();
    LogCapture.Logged<TrustRoot> r = LogCapture.during(() -> TrustRoot.fromTuf(repository()));
    assertThat(r.value().source()).contains("cached, not refreshed");
    assertThat(r.count("WARN")).isEqualTo(1);
    assertThat(r.log()).contains("unreachable", cache.toString());
  }

  @Test
  void aFirstUseWithoutNetworkTakesTheSeedWithOneWarnNamingItsDate() throws Exception {
    TufRepository offline = new TufRepository(closedPort(), tuf::initialRootJson, cache, true);
    LogCapture.Logged<TrustRoot> r = LogCapture.during(() -> TrustRoot.fromTuf(offline));
    String date = PublicGoodSeed.read().date();
    assertThat(r.value().source()).contains("seed of " + date);
    assertThat(r.count("WARN")).isEqualTo(1);
    assertThat(r.log()).contains("seed", date, "unreachable");
    assertThat(r.value().data().tlogs()).isNotEmpty();
  }

  @Test
  void aFirstUseWithoutNetworkOfAnUnseededRepositoryFails() throws Exception {
    TufRepository offline = new TufRepository(closedPort(), tuf::initialRootJson, cache, false);
    assertThatThrownBy(() -> TrustRoot.fromTuf(offline)).isInstanceOfSatisfying(ModelVerificationException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
      assertThat(e.getMessage()).contains("no cached copy", "--trusted-root");
    });
  }

  @Test
  void theSystemPropertiesPointThePublicGoodPathAtAPrivateRepository() throws Exception {
    Path root = tuf.writeInitialRoot(dir.resolve("root.json"));
    Properties saved = (Properties) System.getProperties().clone();
    try {
      System.setProperty(TufRepository.MIRROR_PROPERTY, tuf.uri().toString());
      System.setProperty(TufRepository.ROOT_PROPERTY, root.toString());
      System.setProperty(TufRepository.CACHE_PROPERTY, cache.toString());
      assertThat(TrustRoot.sigstorePublicGood().source()).contains("refreshed");
      tuf.expireTimestamp();
      assertThatThrownBy(TrustRoot::sigstorePublicGood).isInstanceOfSatisfying(ModelVerificationException.class,
          e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
    } finally {
      System.setProperties(saved);
    }
  }

  @Test
  void noErrorOrRuntimeExceptionOfTheTufClientEscapes() throws Exception {
    TufRepository repo = repository();
    // What the sigstore-java TUF client threw when its HTTP transport was excluded from the classpath.
    ModelVerificationException missingClass = assertRefused(repo, d -> {
      throw new NoClassDefFoundError("org/apache/http/client/HttpClient");
    });
    assertThat(missingClass.getMessage()).contains("org/apache/http/client/HttpClient", "missing from the classpath",
        "--trusted-root");
    assertRefused(repo, d -> {
      throw new ExceptionInInitializerError(new IllegalStateException("static init"));
    });
    assertRefused(repo, d -> {
      throw new IllegalStateException("No cached root to load");
    });
    assertRefused(repo, d -> {
      throw new StackOverflowError();
    });
    // Running out of memory is no fact about the trust root: it is not turned into one.
    assertThatThrownBy(() -> PublicGoodTrustRoot.load(repo, d -> {
      throw new OutOfMemoryError("test");
    })).isInstanceOf(OutOfMemoryError.class);
  }

  private ModelVerificationException assertRefused(TufRepository repo, PublicGoodTrustRoot.Update update) {
    // A cache exists: none of these may fall back to it.
    try {
      Files.createDirectories(cache.resolve("targets"));
      Files.writeString(cache.resolve("targets/trusted_root.json"), sigstore.trustedRootJson());
      TrustRoot.fromTuf(repo, update);
    } catch (ModelVerificationException e) {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted");
  }
}
