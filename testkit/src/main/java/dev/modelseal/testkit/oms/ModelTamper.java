package dev.modelseal.testkit.oms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One change to a signed model on disk, made after signing, that a correct verifier must reject
 * (the signature file is left alone). Each acts on the first non-empty signed file in code point
 * order, so that shard manifests, which leave empty files out, are broken too. Signer-side defects
 * are made by the signers: {@link OmsKeySigner#withWrongKey()}, {@link
 * OmsCertificateSigner#withUntrustedChain()}, {@link OmsCertificateSigner#withExpiredLeaf()},
 * {@link OmsCertificateSigner#withNotYetValidLeaf()}.
 */
public enum ModelTamper {
  /** The first byte of a signed file is inverted (digest mismatch). */
  MODIFIED_BYTE,
  /** A new file {@code unsigned.bin} (or {@code unsigned-N.bin}) appears at the top of a model directory. */
  ADDED_FILE,
  /** A signed file of a model directory is deleted. */
  REMOVED_FILE,
  /** A signed file of a model directory gets {@code .renamed} appended to its name (same content). */
  RENAMED_FILE;

  /** Applies this change to {@code signed}'s model. */
  void apply(SignedModel signed) {
    try {
      switch (this) {
        case MODIFIED_BYTE -> flipFirstByte(target(signed));
        case ADDED_FILE -> Files.writeString(freeName(directory(signed)), "not in the manifest\n");
        case REMOVED_FILE -> Files.delete(target(directory(signed), signed));
        case RENAMED_FILE -> {
          Path file = target(directory(signed), signed);
          Files.move(file, file.resolveSibling(file.getFileName() + ".renamed"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot apply " + this + " to " + signed.model(), e);
    }
  }

  private Path directory(SignedModel signed) {
    if (!Files.isDirectory(signed.model())) {
      throw new IllegalStateException(this + " needs a model directory, not the single file " + signed.model());
    }
    return signed.model();
  }

  private static Path target(SignedModel signed) {
    return Files.isDirectory(signed.model()) ? target(signed.model(), signed) : signed.model();
  }

  private static Path target(Path directory, SignedModel signed) {
    for (String name : signed.files()) {
      Path file = directory.resolve(name);
      try {
        if (Files.size(file) > 0) {
          return file;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the size of " + file, e);
      }
    }
    throw new IllegalStateException("the model " + directory + " has no non-empty signed file to tamper with");
  }

  private static void flipFirstByte(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      if (channel.read(one, 0) != 1) {
        throw new IllegalStateException(file + " is empty; a byte cannot be modified");
      }
      one.put(0, (byte) ~one.get(0)).rewind();
      channel.write(one, 0);
    }
  }

  private static Path freeName(Path directory) {
    Path candidate = directory.resolve("unsigned.bin");
    for (int i = 1; Files.exists(candidate); i++) {
      candidate = directory.resolve("unsigned-" + i + ".bin");
    }
    return candidate;
  }
}
