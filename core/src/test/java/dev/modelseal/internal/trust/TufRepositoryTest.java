package dev.modelseal.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TufRepositoryTest {
  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    p.setProperty("user.home", "/home/someone");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static void assertInvalid(Properties p, String mention) {
    assertThatThrownBy(() -> TufRepository.fromSystemProperties(p))
        .isInstanceOfSatisfying(ModelVerificationException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT);
          assertThat(e.getMessage()).contains(mention);
        });
  }

  @Test
  void byDefaultThePublicGoodRepositoryWithItsRootSeedAndCache() throws Exception {
    TufRepository repo = TufRepository.fromSystemProperties(props());
    assertThat(repo.mirror()).isEqualTo(TufRepository.PUBLIC_GOOD_MIRROR);
    assertThat(repo.seeded()).isTrue();
    assertThat(repo.cacheDir()).isEqualTo(Path.of("/home/someone/.sigstore-java/modelseal"));
    // sigstore-java's own copy of the public-good root, from the classpath.
    assertThat(repo.initialRoot().read()).contains("\"_type\": \"root\"");
  }

  @Test
  void aMirrorOfThePublicGoodRepositoryKeepsItsRootAndSeed() throws Exception {
    TufRepository repo = TufRepository.fromSystemProperties(props(TufRepository.MIRROR_PROPERTY, "http://127.0.0.1:1/tuf"));
    assertThat(repo.mirror()).isEqualTo(URI.create("http://127.0.0.1:1/tuf/"));
    assertThat(repo.seeded()).isTrue();
  }

  @Test
  void aPrivateRootNeedsItsOwnCacheAndIsNeverSeeded() throws Exception {
    assertInvalid(props(TufRepository.ROOT_PROPERTY, "/etc/tuf/root.json"), TufRepository.CACHE_PROPERTY);
    TufRepository repo = TufRepository.fromSystemProperties(props(TufRepository.MIRROR_PROPERTY, "https://tuf.example.com",
        TufRepository.ROOT_PROPERTY, "/etc/tuf/root.json", TufRepository.CACHE_PROPERTY, "/var/cache/tuf"));
    assertThat(repo.seeded()).isFalse();
    assertThat(repo.cacheDir()).isEqualTo(Path.of("/var/cache/tuf"));
  }

  @Test
  void malformedSettingsAreRefusedWithThePropertyNamed() {
    assertInvalid(props(TufRepository.MIRROR_PROPERTY, "ftp://example.com/"), TufRepository.MIRROR_PROPERTY);
    assertInvalid(props(TufRepository.MIRROR_PROPERTY, "not a url"), TufRepository.MIRROR_PROPERTY);
    assertInvalid(props(TufRepository.MIRROR_PROPERTY, "tuf.example.com"), TufRepository.MIRROR_PROPERTY);
    Properties noHome = new Properties();
    assertInvalid(noHome, "user.home");
  }
}
