package dev.modelseal.internal.digest;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.ReadProgress;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.FileBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a model file exactly once: the same pass computes every digest the verifier needs and
 * keeps the bytes (in memory, or in a private snapshot file) for the loader. The file is never
 * re-opened by path afterwards, so replacing it after verification changes nothing.
 */
public final class ModelReader {
  /** Size of each kept chunk; a multiple of {@link #BLOCK}. */
  static final int CHUNK = 64 << 20;

  private static final int BLOCK = 1 << 20;

  /** Blocks in flight between the reader and the hashing thread when nothing is kept in memory. */
  private static final int POOL = 8;

  /** Heap left to the rest of the JVM at the least when a model is kept in memory. */
  private static final long HEAP_RESERVE = 64L << 20;

  /** The digests by JCA name and the content they are over. */
  public record Result(Map<String, Bytes> digests, ModelContent content) {}

  private ModelReader() {}

  /**
   * Reads {@code file}, computing {@code algorithms} (JCA names). With {@code snapshotDir} null the
   * content is kept in memory, else in a new owner-only file in that directory, written in the same
   * pass while the blocks are hashed.
   */
  public static Result read(Path file, Set<String> algorithms, Path snapshotDir, ReadProgress progress)
      throws ModelVerificationException {
    List<MessageDigest> mds = digests(algorithms);
    return withChannel(file, "model", in -> {
      long size = in.size();
      if (snapshotDir == null) {
        requireHeapFor(file, size);
      }
      ModelContent content =
          snapshotDir == null
              ? toMemory(file, in, size, mds, progress)
              : toSnapshot(file, in, size, mds, snapshotDir, progress);
      return new Result(results(mds), content);
    });
  }

  /** The digests of a file read as a stream, and its size. */
  public record Streamed(Map<String, Bytes> digests, long size) {}

  /**
   * Reads {@code file} once, computing {@code algorithms} (JCA names), and keeps nothing: for
   * callers that verify a file without handing out its bytes. The heap used is a few blocks,
   * whatever the file's size; hashing overlaps reading.
   */
  public static Streamed stream(Path file, Set<String> algorithms, ReadProgress progress)
      throws ModelVerificationException {
    return stream(file, "model", algorithms, progress);
  }

  /** {@link #stream} without progress, for a file that is not a model (an artifact of one bundle). */
  public static Map<String, Bytes> digest(Path file, Set<String> algorithms) throws ModelVerificationException {
    return stream(file, "file", algorithms, ReadProgress.NONE).digests();
  }

  private static Streamed stream(Path file, String what, Set<String> algorithms, ReadProgress progress)
      throws ModelVerificationException {
    List<MessageDigest> mds = digests(algorithms);
    return withChannel(file, what, in -> {
      long size = in.size();
      pipeline(file, in, size, mds, (block, total) -> progress.bytesRead(total, size));
      return new Streamed(results(mds), size);
    });
  }

  @FunctionalInterface
  private interface ChannelWork<T> {
    T apply(FileChannel in) throws IOException, ModelVerificationException;
  }

  /** Opens {@code file}, a regular file, for {@code work}; a file that cannot be read is missing evidence. */
  private static <T> T withChannel(Path file, String what, ChannelWork<T> work) throws ModelVerificationException {
    FileBytes.regularFile(file, what);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      return work.apply(in);
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": " + what + " file not found");
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.MISSING_EVIDENCE, file + ": cannot read the " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses, before a byte is read, a model that the heap could never hold: more than all of it
   * but a reserve for everything else the JVM runs. Only the maximum is judged, not what is free at
   * this moment, which counts garbage a collection would reclaim and would refuse by chance.
   */
  public static void requireHeapFor(Path file, long size) throws ModelVerificationException {
    long max = Runtime.getRuntime().maxMemory();
    long usable = max - Math.max(HEAP_RESERVE, max / 8);
    if (size > usable) {
      throw new ModelVerificationException(Reason.MODEL_TOO_LARGE_FOR_MEMORY, file + ": the model has " + size
          + " bytes, more than the heap can hold in memory (at most " + Math.max(usable, 0) + " of its " + max
          + " bytes); load it with LoadOptions.snapshotDirectory(dir), which keeps the verified bytes in a"
          + " private file instead, or give the JVM more heap (-Xmx)");
    }
  }

  /**
   * A chunk of the in-memory copy. The heap may be too full for a model that {@link #requireHeapFor}
   * let through; the failed allocation is then this thread's own and its chunks are dropped with
   * the refusal, so running out here is a refusal like any other.
   */
  private static byte[] allocate(Path file, long size, int length) throws ModelVerificationException {
    try {
      return new byte[length];
    } catch (OutOfMemoryError e) {
      throw new ModelVerificationException(Reason.MODEL_TOO_LARGE_FOR_MEMORY, file + ": the model has " + size
          + " bytes, more than the heap has room for now; load it with LoadOptions.snapshotDirectory(dir),"
          + " which keeps the verified bytes in a private file instead, or give the JVM more heap (-Xmx)");
    }
  }

  private static List<MessageDigest> digests(Set<String> algorithms) {
    List<MessageDigest> mds = new ArrayList<>();
    for (String alg : algorithms) {
      try {
        mds.add(MessageDigest.getInstance(alg));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(alg + " is required by every JVM", e);
      }
    }
    return mds;
  }

  private static Map<String, Bytes> results(List<MessageDigest> mds) {
    Map<String, Bytes> digests = new LinkedHashMap<>();
    for (MessageDigest md : mds) {
      digests.put(md.getAlgorithm(), Bytes.wrap(md.digest()));
    }
    return digests;
  }

  private static ModelContent toMemory(Path file, FileChannel in, long size, List<MessageDigest> mds,
      ReadProgress progress) throws IOException, ModelVerificationException {
    List<byte[]> chunks = new ArrayList<>();
    ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    Hasher hasher = Hasher.forSize(size, mds);
    boolean done = false;
    try {
      for (long pos = 0; pos < size; pos += CHUNK) {
        byte[] chunk = allocate(file, size, (int) Math.min(CHUNK, size - pos));
        int off = 0;
        while (off < chunk.length) {
          block.clear().limit(Math.min(BLOCK, chunk.length - off));
          int n = in.read(block);
          if (n < 0) {
            throw changed(file, size);
          }
          block.flip().get(chunk, off, n);
          hasher.update(chunk, off, n);
          off += n;
          progress.bytesRead(pos + off, size);
        }
        chunks.add(chunk);
      }
      expectEnd(file, in, size);
      hasher.finish();
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": interrupted while reading");
    } finally {
      if (!done) {
        hasher.abandon();
      }
    }
    return ModelContent.inMemory(chunks, size);
  }

  /**
   * Writes the snapshot in the pass that hashes: each block is written while the hashing thread
   * hashes it. The file is not forced to disk: it is a private copy deleted on close, never read
   * after a crash, and the mapping reads the page cache the writes went to.
   */
  private static ModelContent toSnapshot(Path file, FileChannel in, long size,
      List<MessageDigest> mds, Path dir, ReadProgress progress) throws IOException, ModelVerificationException {
    FileChannel out = ModelContent.createSnapshotFile(dir);
    try {
      pipeline(file, in, size, mds, (block, total) -> {
        while (block.hasRemaining()) {
          out.write(block);
        }
        progress.bytesRead(total, size);
      });
      return ModelContent.snapshot(out, size);
    } catch (IOException | ModelVerificationException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Receives each block once it is read (while it is hashed), and the bytes read so far. */
  @FunctionalInterface
  private interface BlockSink {
    void accept(ByteBuffer block, long total) throws IOException;
  }

  /**
   * Reads {@code size} bytes of {@code in} in blocks, each passed to {@code sink} while the hashing
   * thread hashes it. The blocks come from a pool of {@link #POOL}, handed back once hashed: the
   * heap used is constant, and reading (and the sink's writes) overlap hashing. Each block is read
   * into one direct buffer, which the sink writes from: the JDK would otherwise copy every block
   * through a temporary direct buffer once for the read and once for the write.
   */
  private static void pipeline(Path file, FileChannel in, long size, List<MessageDigest> mds, BlockSink sink)
      throws IOException, ModelVerificationException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(POOL);
    long blocks = (size + BLOCK - 1) / BLOCK;
    for (int i = 0; i < Math.max(1, Math.min(POOL, blocks)); i++) {
      free.add(new byte[BLOCK]);
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(BLOCK);
    Hasher hasher = Hasher.forSize(size, mds, free::add);
    boolean done = false;
    try {
      for (long total = 0; total < size; ) {
        byte[] block = hasher.take(free);
        int n = in.read(direct.clear().limit((int) Math.min(BLOCK, size - total)));
        if (n < 0) {
          throw changed(file, size);
        }
        total += n;
        direct.flip().get(block, 0, n);
        hasher.update(block, 0, n);
        sink.accept(direct.flip(), total);
      }
      expectEnd(file, in, size);
      hasher.finish();
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": interrupted while reading");
    } finally {
      if (!done) {
        hasher.abandon();
      }
    }
  }

  private static void expectEnd(Path file, FileChannel in, long size)
      throws IOException, ModelVerificationException {
    if (in.read(ByteBuffer.allocate(1)) >= 0) {
      throw changed(file, size);
    }
  }

  private static ModelVerificationException changed(Path file, long size) {
    return new ModelVerificationException(Reason.MISSING_EVIDENCE,
        file + ": the model changed while it was being read (expected " + size + " bytes)");
  }
}
