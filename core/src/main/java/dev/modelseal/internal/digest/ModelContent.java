package dev.modelseal.internal.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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

  /**
   * A new owner-only file in {@code dir} (created if needed), open for reading and writing and
   * deleted when the channel is closed: where a snapshot is written.
   */
  public static FileChannel createSnapshotFile(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path snap = Files.createTempFile(dir, "modelseal-", ".snapshot",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return FileChannel.open(snap, StandardOpenOption.READ, StandardOpenOption.WRITE,
        StandardOpenOption.DELETE_ON_CLOSE);
  }

  static ModelContent snapshot(FileChannel channel, long size) throws IOException {
    return fromSnapshot(channel, new long[] {size}).get(0);
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
   * The contents of a private snapshot file that the caller has written (from {@link
   * #createSnapshotFile}) holding several files back to back, {@code sizes[i]} bytes each, in
   * order. The file is mapped read-only once, in regions of at most {@link ModelReader#CHUNK}
   * bytes, and each content is a list of slices of those regions: a model of many small files
   * costs a few mappings and one file descriptor, not one of each per file. Closing any of them
   * closes the shared file (deleted on close); the mappings stay readable until collected.
   */
  public static List<ModelContent> fromSnapshot(FileChannel channel, long[] sizes) throws IOException {
    long total = 0;
    for (long size : sizes) {
      total += size;
    }
    List<ByteBuffer> regions = new ArrayList<>();
    for (long pos = 0; pos < total; pos += ModelReader.CHUNK) {
      regions.add(channel.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(ModelReader.CHUNK, total - pos)));
    }
    List<ModelContent> out = new ArrayList<>(sizes.length);
    long start = 0;
    for (long size : sizes) {
      List<ByteBuffer> slices = new ArrayList<>();
      for (long pos = start; pos < start + size; ) {
        int region = (int) (pos / ModelReader.CHUNK);
        int off = (int) (pos % ModelReader.CHUNK);
        int len = (int) Math.min(ModelReader.CHUNK - off, start + size - pos);
        slices.add(regions.get(region).slice(off, len).asReadOnlyBuffer());
        pos += len;
      }
      out.add(new ModelContent(slices, channel, size));
      start += size;
    }
    return out;
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
