package dev.modelseal.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HasherTest {
  @Test
  void pipelinedHashingEqualsHashingInOnePass() throws Exception {
    byte[] data = new byte[(int) Hasher.PIPELINE_THRESHOLD + 12345];
    new Random(7).nextBytes(data);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
    Hasher h = Hasher.forSize(data.length, List.of(sha256, sha384));
    for (int off = 0; off < data.length; off += 4096) {
      h.update(data, off, Math.min(4096, data.length - off));
    }
    h.finish();
    assertThat(sha256.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    assertThat(sha384.digest()).isEqualTo(MessageDigest.getInstance("SHA-384").digest(data));
  }

  @Test
  void aFailureOnTheHashingThreadReachesTheReader() throws Exception {
    Hasher h = Hasher.forSize(Hasher.PIPELINE_THRESHOLD, List.of(MessageDigest.getInstance("SHA-256")));
    h.update(new byte[4], 2, 10);
    assertThatThrownBy(h::finish).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
  }
}
