package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.testkit.FakeSigstore;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model over 2 GiB loads in memory: no single array, positions past 2^31 read correctly. */
class LargeModelTest {
  private static final long SIZE = (2L << 30) + (3 << 20) + 7;
  private static final long MARK = (2L << 30) + 12345;

  @Test
  void modelsLargerThanTwoGibibytesLoad(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(model.toFile(), "rw")) {
      f.setLength(SIZE);
      f.seek(MARK);
      f.write(new byte[] {'S', 'E', 'A', 'L'});
      f.seek(SIZE - 1);
      f.write('!');
    }
    FakeSigstore sigstore = FakeSigstore.create();
    sigstore.signer("big@example.com", "https://issuer.example").signBundle(model);
    Policy policy = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json"))))
        .allowIdentity("big@example.com", "https://issuer.example").build();
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      assertThat(m.size()).isEqualTo(SIZE);
      List<ByteBuffer> buffers = m.buffers();
      assertThat(buffers.stream().mapToLong(ByteBuffer::remaining).sum()).isEqualTo(SIZE);
      assertThat(at(buffers, MARK, 4)).containsExactly('S', 'E', 'A', 'L');
      assertThat(at(buffers, SIZE - 1, 1)).containsExactly('!');
      try (InputStream in = m.openStream()) {
        assertThat(in.skip(MARK)).isEqualTo(MARK);
        assertThat(in.readNBytes(4)).containsExactly('S', 'E', 'A', 'L');
      }
    }
  }

  private static byte[] at(List<ByteBuffer> buffers, long pos, int n) {
    byte[] out = new byte[n];
    long base = 0;
    int got = 0;
    for (ByteBuffer b : buffers) {
      int len = b.remaining();
      while (got < n && pos + got >= base && pos + got < base + len) {
        out[got] = b.get(b.position() + (int) (pos + got - base));
        got++;
      }
      base += len;
    }
    return out;
  }
}
