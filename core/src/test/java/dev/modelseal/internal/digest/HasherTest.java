package dev.modelseal.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

  @Test
  void everyArrayIsHandedBackOnceItIsHashed() throws Exception {
    byte[] data = new byte[(int) Hasher.PIPELINE_THRESHOLD + 777];
    new Random(3).nextBytes(data);
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(2);
    free.add(new byte[1 << 20]);
    free.add(new byte[1 << 20]);
    List<byte[]> handedBack = Collections.synchronizedList(new ArrayList<>());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Hasher h = Hasher.forSize(data.length, List.of(sha256), a -> {
      handedBack.add(a);
      free.add(a);
    });
    int blocks = 0;
    for (int off = 0; off < data.length; off += 1 << 20, blocks++) {
      byte[] block = h.take(free); // only two exist: each must come back before the third take
      int n = Math.min(1 << 20, data.length - off);
      System.arraycopy(data, off, block, 0, n);
      h.update(block, 0, n);
    }
    h.finish();
    assertThat(handedBack).hasSize(blocks);
    assertThat(sha256.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void aReaderWaitingForAFreeBlockIsToldWhenTheHashingThreadFailed() throws Exception {
    Hasher h = Hasher.forSize(Hasher.PIPELINE_THRESHOLD, List.of(MessageDigest.getInstance("SHA-256")), a -> { });
    h.update(new byte[4], 2, 10);
    assertThatThrownBy(() -> h.take(new ArrayBlockingQueue<>(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
  }
}
