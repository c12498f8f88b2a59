package dev.modelseal.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Model files for the benchmarks: incompressible, reproducible bytes, written in 1 MiB blocks. */
final class BenchFiles {
  static final int BLOCK = 1 << 20;

  private BenchFiles() {}

  /** Writes {@code size} bytes of an xorshift stream started at {@code seed} to {@code file}. */
  static void write(Path file, long size, long seed) throws IOException {
    byte[] block = new byte[BLOCK];
    long x = seed;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      for (long done = 0; done < size; done += BLOCK) {
        for (int i = 0; i < BLOCK; i += 8) {
          x ^= x << 13;
          x ^= x >>> 7;
          x ^= x << 17;
          for (int k = 0; k < 8; k++) {
            block[i + k] = (byte) (x >>> (k * 8));
          }
        }
        ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(BLOCK, size - done));
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    }
  }
}
