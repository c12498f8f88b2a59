package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigstore.tuf.RoleExpiredException;
import dev.sigstore.tuf.RollbackVersionException;
import dev.sigstore.tuf.SignatureVerificationException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-checks {@link FakeTufRepository} with sigstore-java 2.0.0's TUF client: what the fake
 * publishes verifies, and each hostile turn is refused with the TUF error the specification names.
 */
class SigstoreJavaTufTest {
  private static final String TARGET = FakeTufRepository.TRUSTED_ROOT_TARGET;

  @TempDir Path dir;
  private final FakeSigstore sigstore = FakeSigstore.create();
  private FakeTufRepository repo;

  @BeforeEach
  void start() {
    repo = FakeTufRepository.start(sigstore);
  }

  @AfterEach
  void stop() {
    repo.close();
  }

  private SigstoreJavaTuf client(String name) throws IOException {
    return new SigstoreJavaTuf(repo.uri(), repo.initialRootJson(), dir.resolve(name));
  }

  @ParameterizedTest
  @EnumSource(TufKeyType.class)
  void aFreshClientVerifiesTheMetadataAndDownloadsTheTrustedRoot(TufKeyType type) throws Exception {
    try (FakeTufRepository typed = FakeTufRepository.builder().keyType(type).trustedRoot(sigstore).start()) {
      byte[] target = new SigstoreJavaTuf(typed.uri(), typed.initialRootJson(), dir.resolve("c")).refresh(TARGET);
      assertThat(new String(target, StandardCharsets.UTF_8)).isEqualTo(sigstore.trustedRootJson());
    }
  }

  @Test
  void aPublishedTrustedRootReachesAClientThatHadTheOldOne() throws Exception {
    SigstoreJavaTuf client = client("c");
    client.refresh(TARGET);
    String next = FakeSigstore.create().trustedRootJson();
    repo.publishTrustedRoot(next);
    assertThat(new String(client.refresh(TARGET), StandardCharsets.UTF_8)).isEqualTo(next);
    assertThat(repo.version(TufRole.TIMESTAMP)).isEqualTo(2);
  }

  @Test
  void rotatedKeysAreFollowedThroughTheNewRoot() throws Exception {
    SigstoreJavaTuf client = client("c");
    client.refresh(TARGET);
    repo.rotateKeys();
    client.refresh(TARGET);
    assertThat(repo.version(TufRole.ROOT)).isEqualTo(2);
    assertThat(repo.requests()).contains("2.root.json", "3.root.json");
    // A client that starts from version 1 walks the chain too.
    client("fresh").refresh(TARGET);
  }

  @Test
  void anExpiredTimestampIsRefusedByFreshAndUpToDateClients() throws Exception {
    SigstoreJavaTuf client = client("c");
    client.refresh(TARGET);
    repo.expireTimestamp();
    assertThatThrownBy(() -> client.refresh(TARGET)).isInstanceOf(RoleExpiredException.class);
    assertThatThrownBy(() -> client("fresh").refresh(TARGET)).isInstanceOf(RoleExpiredException.class);
    repo.publishTrustedRoot(sigstore.trustedRootJson() + "\n");
    client.refresh(TARGET);
  }

  @Test
  void aRolledBackTimestampIsRefusedByAClientThatSawTheNewerOne() throws Exception {
    repo.publishTrustedRoot(FakeSigstore.create().trustedRootJson());
    SigstoreJavaTuf client = client("c");
    client.refresh(TARGET);
    repo.rollBack();
    assertThatThrownBy(() -> client.refresh(TARGET)).isInstanceOf(RollbackVersionException.class);
    // Nothing is wrong with the old version as such: a client that never saw version 2 accepts it.
    assertThat(new String(client("fresh").refresh(TARGET), StandardCharsets.UTF_8))
        .isEqualTo(sigstore.trustedRootJson());
  }

  @Test
  void rollingBackPastTheFirstVersionIsAnError() {
    assertThatThrownBy(repo::rollBack).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @EnumSource(TufRole.class)
  void aCorruptSignatureIsRefused(TufRole role) throws Exception {
    SigstoreJavaTuf client = client("c");
    client.refresh(TARGET);
    repo.corruptSignature(role);
    assertThatThrownBy(() -> client.refresh(TARGET)).isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> client("fresh").refresh(TARGET)).isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void aClosedRepositoryIsUnreachable() throws Exception {
    SigstoreJavaTuf client = client("c");
    client.refresh(TARGET);
    repo.close();
    assertThatThrownBy(() -> client.refresh(TARGET)).isInstanceOf(ConnectException.class);
  }
}
