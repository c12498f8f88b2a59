package dev.modelseal.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes SHA-256 digests; files are streamed in 1 MiB blocks, so a model of any size is never
 * held in memory.
 */
final class Sha256 {
  private static final int BLOCK_SIZE = 1 << 20;

  private Sha256() {}

  /** Returns the SHA-256 of the concatenation of {@code parts}. */
  static byte[] of(byte[]... parts) {
    MessageDigest digest = newDigest();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** Returns the SHA-256 of a file's content, read once from start to end. */
  static byte[] ofFile(Path file) {
    MessageDigest digest = newDigest();
    byte[] block = new byte[BLOCK_SIZE];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(block)) != -1) {
        digest.update(block, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return digest.digest();
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
