package dev.modelseal.internal.digest;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.ReadProgress;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.FileBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model file exactly once: the same pass computes every digest the verifier needs and
 * keeps the bytes (in memory, or in a private snapshot file) for the loader. The file is never
 * re-opened by path afterwards, so replacing it after verification changes nothing.
 */
public final class ModelReader {
  /** Size of each kept chunk; a multiple of {@link #BLOCK}. */
  static final int CHUNK = 64 << 20;

  private static final int BLOCK = 1 << 20;

  /** Heap left to the rest of the JVM at the least when a model is kept in memory. */
  private static final long HEAP_RESERVE = 64L << 20;

  /** The digests by JCA name and the content they are over. */
  public record Result(Map<String, Bytes> digests, ModelContent content) {}

  private ModelReader() {}

  /**
   * Reads {@code file}, computing {@code algorithms} (JCA names). With {@code snapshotDir} null the
   * content is kept in memory, else in a new owner-only file in that directory.
   */
  public static Result read(Path file, Set<String> algorithms, Path snapshotDir, ReadProgress progress)
      throws ModelVerificationException {
    List<MessageDigest> mds = digests(algorithms);
    FileBytes.regularFile(file, "model");
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (snapshotDir == null) {
        requireHeapFor(file, size);
      }
      ModelContent content =
          snapshotDir == null
              ? toMemory(file, in, size, mds, progress)
              : toSnapshot(file, in, size, mds, snapshotDir, progress);
      return new Result(results(mds), content);
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": model file not found");
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.MISSING_EVIDENCE, file + ": cannot read the model: " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code file} once, computing {@code algorithms} (JCA names), and keeps nothing: for
   * callers that verify a file without handing out its bytes.
   */
  public static Map<String, Bytes> digest(Path file, Set<String> algorithms) throws ModelVerificationException {
    List<MessageDigest> mds = digests(algorithms);
    FileBytes.regularFile(file, "file");
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      hashBlocks(file, in, in.size(), mds, (block, total) -> { });
      return results(mds);
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": file not found");
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.MISSING_EVIDENCE, file + ": cannot read: " + e.getMessage(), e);
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

  private static ModelContent toSnapshot(Path file, FileChannel in, long size,
      List<MessageDigest> mds, Path dir, ReadProgress progress) throws IOException, ModelVerificationException {
    Files.createDirectories(dir);
    Path snap = Files.createTempFile(dir, "modelseal-", ".snapshot",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    FileChannel out = FileChannel.open(snap, StandardOpenOption.READ, StandardOpenOption.WRITE,
        StandardOpenOption.DELETE_ON_CLOSE);
    try {
      hashBlocks(file, in, size, mds, (block, total) -> {
        while (block.hasRemaining()) {
          out.write(block);
        }
        progress.bytesRead(total, size);
      });
      out.force(false);
      return ModelContent.snapshot(out, size);
    } catch (IOException | ModelVerificationException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Receives each block once it is hashed, ready to read, and the bytes read so far. */
  @FunctionalInterface
  private interface BlockSink {
    void accept(ByteBuffer block, long total) throws IOException;
  }

  /** Reads {@code size} bytes of {@code in} in blocks, hashing each and passing it to {@code sink}. */
  private static void hashBlocks(Path file, FileChannel in, long size, List<MessageDigest> mds, BlockSink sink)
      throws IOException, ModelVerificationException {
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    for (long total = 0; total < size; ) {
      block.clear().limit((int) Math.min(BLOCK, size - total));
      int n = in.read(block);
      if (n < 0) {
        throw changed(file, size);
      }
      for (MessageDigest md : mds) {
        md.update(block.array(), 0, n);
      }
      total += n;
      block.flip();
      sink.accept(block, total);
    }
    expectEnd(file, in, size);
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
