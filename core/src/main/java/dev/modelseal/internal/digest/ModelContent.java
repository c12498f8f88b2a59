package dev.modelseal.internal.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes that were hashed, kept so that exactly they (and not whatever the path holds later) are
 * handed to a loader: either heap chunks (no single array, so models over 2 GiB work) or a private
 * snapshot file that is deleted on {@link #close()}.
 */
public final class ModelContent implements AutoCloseable {
  private final List<ByteBuffer> chunks;
  private final FileChannel snapshot;
  private final long size;

  private ModelContent(List<ByteBuffer> chunks, FileChannel snapshot, long size) {
    this.chunks = List.copyOf(chunks);
    this.snapshot = snapshot;
    this.size = size;
  }

  static ModelContent inMemory(List<byte[]> chunks, long size) {
    List<ByteBuffer> views = new ArrayList<>(chunks.size());
    for (byte[] c : chunks) {
      views.add(ByteBuffer.wrap(c).asReadOnlyBuffer());
    }
    return new ModelContent(views, null, size);
  }

  static ModelContent snapshot(FileChannel channel, long size) throws IOException {
    List<ByteBuffer> maps = new ArrayList<>();
    for (long pos = 0; pos < size; pos += ModelReader.CHUNK) {
      maps.add(channel.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(ModelReader.CHUNK, size - pos)));
    }
    return new ModelContent(maps, channel, size);
  }

  /**
   * Content kept in heap chunks, for verifiers outside this package that read the bytes themselves.
   * The arrays are wrapped, not copied: the caller hands them over and must not keep or change them.
   * Each chunk should be at most 64 MiB so that {@link #buffers()} keeps its documented bound.
   */
  public static ModelContent fromHeapChunks(List<byte[]> chunks, long size) {
    return inMemory(chunks, size);
  }

  /**
   * Content kept in a private snapshot file that the caller has written and opened for reading (with
   * {@code DELETE_ON_CLOSE}, owner-only); it is mapped read-only here and closed by {@link #close()}.
   */
  public static ModelContent fromSnapshot(FileChannel channel, long size) throws IOException {
    return snapshot(channel, size);
  }

  public long size() {
    return size;
  }

  /** Read-only views of the content, in order; each at most {@link ModelReader#CHUNK} bytes. */
  public List<ByteBuffer> buffers() {
    List<ByteBuffer> out = new ArrayList<>(chunks.size());
    for (ByteBuffer b : chunks) {
      out.add(b.duplicate());
    }
    return out;
  }

  /** A fresh stream over the whole content. */
  public InputStream openStream() {
    List<ByteBuffer> views = buffers();
    return new InputStream() {
      private int index;

      private ByteBuffer current() {
        while (index < views.size() && !views.get(index).hasRemaining()) {
          index++;
        }
        return index < views.size() ? views.get(index) : null;
      }

      @Override
      public int read() {
        ByteBuffer b = current();
        return b == null ? -1 : b.get() & 0xff;
      }

      @Override
      public int read(byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
          return 0;
        }
        ByteBuffer b = current();
        if (b == null) {
          return -1;
        }
        int n = Math.min(len, b.remaining());
        b.get(dst, off, n);
        return n;
      }

      @Override
      public long skip(long n) {
        long skipped = 0;
        ByteBuffer b;
        while (skipped < n && (b = current()) != null) {
          int step = (int) Math.min(n - skipped, b.remaining());
          b.position(b.position() + step);
          skipped += step;
        }
        return skipped;
      }

      @Override
      public int available() {
        ByteBuffer b = current();
        return b == null ? 0 : b.remaining();
      }
    };
  }

  /** Releases the snapshot file (deleted on close); in-memory content is left to the GC. */
  @Override
  public void close() {
    if (snapshot != null) {
      try {
        snapshot.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
