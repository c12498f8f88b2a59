package dev.modelseal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.internal.trust.PublicGoodSeed;
import dev.modelseal.internal.trust.TufRepository;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.FakeTufRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} without {@code --trusted-root}: the Sigstore public-good trust root through TUF,
 * pointed by the {@code modelseal.tuf.*} system properties at an unreachable mirror (a fresh
 * machine without network) or at a loopback {@link FakeTufRepository} (a private deployment).
 */
class PublicGoodTrustRootTest {
  /** A production row of real-bundles/INDEX.tsv: a PyPI wheel signed in GitHub Actions. */
  private static final String REAL_BUNDLE = "sp/bundle_v3_github.whl";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private Properties savedProperties;
  private PrintStream savedErr;

  @BeforeEach
  void isolate() {
    savedProperties = (Properties) System.getProperties().clone();
    System.setProperty(TufRepository.CACHE_PROPERTY, dir.resolve("empty-cache").toString());
    // slf4j-simple writes to whatever System.err is when it logs.
    savedErr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setProperties(savedProperties);
    System.setErr(savedErr);
    savedErr.print(log.toString(StandardCharsets.UTF_8));
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<String> warnings() {
    return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" WARN ")).toList();
  }

  private static String closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }
  }

  @Test
  void aRealPublicGoodBundleVerifiesOfflineOnAFreshMachineFromTheSeed() throws Exception {
    Path base = Vectors.dir().resolve("real-bundles");
    String[] row = Files.readAllLines(base.resolve("INDEX.tsv")).stream()
        .map(l -> l.split("\t", -1))
        .filter(c -> c[0].equals(REAL_BUNDLE))
        .findFirst().orElseThrow(() -> new AssertionError(REAL_BUNDLE + " is not in INDEX.tsv"));
    assertThat(row[2]).isEqualTo("production");
    System.setProperty(TufRepository.MIRROR_PROPERTY, closedPort());

    int exit = run("verify", "--certificate-identity", row[6], "--certificate-oidc-issuer", row[7],
        "--bundle", base.resolve(row[3]).toString(), base.resolve(row[4]).toString());

    assertThat(exit).as(stderr()).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("VERIFIED", row[6]);
    assertThat(warnings()).as(Arrays.toString(row)).hasSize(1);
    assertThat(warnings().get(0)).contains("seed", PublicGoodSeed.read().date(), "unreachable");
  }

  @Test
  void aPolicyFileNamingPublicGoodUsesTheConfiguredTufRepositoryAndFailsClosed() throws Exception {
    FakeSigstore sigstore = FakeSigstore.create();
    Path model = Files.writeString(dir.resolve("model.onnx"), "weights");
    sigstore.signer("release@example.com", "https://accounts.example.com").signBundle(model);
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: modelseal.dev/v1
        kind: ModelPolicy
        trustRoot: sigstore-public-good
        identities:
          - issuer: https://accounts.example.com
            subject: release@example.com
        """);
    try (FakeTufRepository tuf = FakeTufRepository.start(sigstore)) {
      System.setProperty(TufRepository.MIRROR_PROPERTY, tuf.uri().toString());
      System.setProperty(TufRepository.ROOT_PROPERTY, tuf.writeInitialRoot(dir.resolve("root.json")).toString());
      System.setProperty(TufRepository.CACHE_PROPERTY, dir.resolve("private-cache").toString());

      assertThat(run("verify", "--policy", policy.toString(), model.toString())).as(stderr()).isEqualTo(0);
      assertThat(warnings()).isEmpty();

      tuf.expireTimestamp();
      assertThat(run("verify", "--policy", policy.toString(), model.toString())).isEqualTo(3);
      assertThat(stderr()).contains("configuration error [INVALID_TRUST_ROOT]", "failed TUF verification", "--trusted-root");
    }
  }

  @Test
  void withoutNetworkCacheOrSeedTheVerificationIsRefused() throws Exception {
    FakeSigstore sigstore = FakeSigstore.create();
    Path model = Files.writeString(dir.resolve("model.onnx"), "weights");
    sigstore.signer("release@example.com", "https://accounts.example.com").signBundle(model);
    try (FakeTufRepository tuf = FakeTufRepository.start(sigstore)) {
      // A private repository's real initial root, so that unreachability is the only failure.
      System.setProperty(TufRepository.ROOT_PROPERTY, tuf.writeInitialRoot(dir.resolve("root.json")).toString());
    }
    System.setProperty(TufRepository.MIRROR_PROPERTY, closedPort());
    assertThat(run("verify", "--certificate-identity", "release@example.com", "--certificate-oidc-issuer",
        "https://accounts.example.com", model.toString())).isEqualTo(3);
    assertThat(stderr()).contains("configuration error [INVALID_TRUST_ROOT]", "no cached copy");
  }
}
