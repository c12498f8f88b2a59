package dev.modelseal.djl;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One file of a {@link VerifiedArtifact}: its name relative to the artifact and exactly the bytes
 * that were verified for it. It has no path: the bytes come from what the verifier kept, so what
 * is loaded cannot differ from what was hashed, whatever happens on disk afterwards. Only this
 * package creates one, from a core verification result.
 */
public final class VerifiedFile {
  private final String name;
  private final long size;
  private final String sha256;
  private final Supplier<InputStream> streams;
  private final Supplier<List<ByteBuffer>> buffers;

  VerifiedFile(String name, long size, String sha256, Supplier<InputStream> streams,
      Supplier<List<ByteBuffer>> buffers) {
    this.name = Objects.requireNonNull(name, "name");
    this.size = size;
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.streams = Objects.requireNonNull(streams, "streams");
    this.buffers = Objects.requireNonNull(buffers, "buffers");
  }

  /** The name relative to the artifact, with {@code /} separators (for a single file: its file name). */
  public String name() {
    return name;
  }

  /** The number of verified bytes. */
  public long size() {
    return size;
  }

  /** The verified SHA-256, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  /** A fresh stream over exactly the verified bytes. */
  public InputStream openStream() {
    return streams.get();
  }

  /** Read-only views of the verified bytes, in order (several for files over 2 GiB). */
  public List<ByteBuffer> buffers() {
    return buffers.get();
  }

  @Override
  public String toString() {
    return name + " (" + size + " bytes, sha256:" + sha256 + ")";
  }
}
