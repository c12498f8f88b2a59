package dev.modelseal.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PublicGoodSeedTest {
  private static byte[] resource(String name) throws Exception {
    try (InputStream in = PublicGoodSeedTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void theSeedHasTheSha256ItsProvenanceRecords() throws Exception {
    Properties provenance = new Properties();
    provenance.load(new ByteArrayInputStream(resource(PublicGoodSeed.PROVENANCE)));
    byte[] seed = resource(PublicGoodSeed.RESOURCE);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed)))
        .isEqualTo(provenance.getProperty("sha256"));
    assertThat(provenance.getProperty("package")).isEqualTo("@sigstore/tuf");
    assertThat(provenance.getProperty("version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(provenance.getProperty("target")).isEqualTo("trusted_root.json");
    assertThat(provenance.getProperty("license")).isEqualTo("Apache-2.0");
    assertThat(provenance.getProperty("date")).matches("\\d{4}-\\d{2}-\\d{2}");
    PublicGoodSeed read = PublicGoodSeed.read();
    assertThat(read.sha256()).isEqualTo(provenance.getProperty("sha256"));
    assertThat(read.date()).isEqualTo(provenance.getProperty("date"));
    assertThat(read.content().toArray()).isEqualTo(seed);
  }

  @Test
  void theSeedParsesAsATrustRootWithEveryKindOfAuthority() throws Exception {
    TrustedRootData root = TrustedRootParser.parse(new ByteArrayInputStream(resource(PublicGoodSeed.RESOURCE)), "seed");
    assertThat(root.tlogs()).isNotEmpty();
    assertThat(root.ctlogs()).isNotEmpty();
    assertThat(root.certificateAuthorities()).isNotEmpty();
    assertThat(root.timestampAuthorities()).isNotEmpty();
  }

  @Test
  void aSeedWhoseBytesDoNotMatchItsProvenanceIsRefused() throws Exception {
    Properties provenance = new Properties();
    provenance.load(new ByteArrayInputStream(resource(PublicGoodSeed.PROVENANCE)));
    byte[] seed = resource(PublicGoodSeed.RESOURCE);
    assertThat(PublicGoodSeed.checked(seed, provenance).date()).isEqualTo(provenance.getProperty("date"));
    byte[] damaged = seed.clone();
    damaged[damaged.length / 2] ^= 1;
    Properties undated = (Properties) provenance.clone();
    undated.remove("date");
    assertThatThrownBy(() -> PublicGoodSeed.checked(damaged, provenance))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
    assertThatThrownBy(() -> PublicGoodSeed.checked(seed, undated))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TRUST_ROOT));
  }
}
