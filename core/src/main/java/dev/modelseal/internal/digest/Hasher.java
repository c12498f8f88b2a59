package dev.modelseal.internal.digest;

import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Feeds the blocks of one read to the digests. For large inputs the hashing runs on a second
 * thread, so reading the next block (kernel copy, page faults of fresh memory) overlaps hashing the
 * previous one; the bytes hashed are the very arrays the reader filled, never a re-read. Each array
 * is handed back ({@code hashed}) once it is hashed, so a reader can recycle a few blocks instead of
 * keeping the whole input.
 */
abstract class Hasher {
  /** Inputs smaller than this are hashed on the calling thread: a thread would cost more. */
  static final long PIPELINE_THRESHOLD = 16L << 20;

  /** Hashes {@code len} bytes of {@code array} at {@code off}; the array must not change afterwards. */
  abstract void update(byte[] array, int off, int len) throws InterruptedException;

  /** Waits until every block is hashed; the digests are then complete. */
  abstract void finish() throws InterruptedException;

  /** Stops early (on a failed read); never throws. */
  abstract void abandon();

  /**
   * Takes a block from {@code free}, waiting for the hashing thread to hand one back, but not for a
   * hashing thread that has died.
   */
  abstract byte[] take(BlockingQueue<byte[]> free) throws InterruptedException;

  /** A hasher whose arrays are kept by the caller (nothing is handed back). */
  static Hasher forSize(long size, List<MessageDigest> digests) {
    return forSize(size, digests, array -> { });
  }

  /** A hasher that hands each array to {@code hashed} once every digest has consumed it. */
  static Hasher forSize(long size, List<MessageDigest> digests, Consumer<byte[]> hashed) {
    return size < PIPELINE_THRESHOLD ? new Direct(digests, hashed) : new Pipelined(digests, hashed);
  }

  /** Hashes on the caller's thread. */
  private static final class Direct extends Hasher {
    private final List<MessageDigest> digests;
    private final Consumer<byte[]> hashed;

    Direct(List<MessageDigest> digests, Consumer<byte[]> hashed) {
      this.digests = digests;
      this.hashed = hashed;
    }

    @Override
    void update(byte[] array, int off, int len) {
      for (MessageDigest md : digests) {
        md.update(array, off, len);
      }
      hashed.accept(array);
    }

    @Override
    byte[] take(BlockingQueue<byte[]> free) throws InterruptedException {
      return free.take();
    }

    @Override
    void finish() {}

    @Override
    void abandon() {}
  }

  /** Hashes on a daemon thread fed through a small bounded queue (the queue gives happens-before). */
  private static final class Pipelined extends Hasher {
    private record Block(byte[] array, int off, int len) {}

    private static final Block END = new Block(new byte[0], 0, 0);
    private final BlockingQueue<Block> queue = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile Throwable failure;

    Pipelined(List<MessageDigest> digests, Consumer<byte[]> hashed) {
      thread = new Thread(() -> {
        try {
          for (Block b = queue.take(); b != END; b = queue.take()) {
            for (MessageDigest md : digests) {
              md.update(b.array(), b.off(), b.len());
            }
            hashed.accept(b.array());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
          failure = e;
        }
      }, "modelseal-hash");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    void update(byte[] array, int off, int len) throws InterruptedException {
      enqueue(new Block(array, off, len));
    }

    @Override
    void finish() throws InterruptedException {
      enqueue(END);
      thread.join();
      rethrow();
    }

    /** Waits for room in the queue, but not for a hashing thread that has died. */
    private void enqueue(Block b) throws InterruptedException {
      while (!queue.offer(b, 10, TimeUnit.MILLISECONDS)) {
        requireAlive();
      }
    }

    @Override
    byte[] take(BlockingQueue<byte[]> free) throws InterruptedException {
      byte[] block;
      while ((block = free.poll(10, TimeUnit.MILLISECONDS)) == null) {
        requireAlive();
      }
      return block;
    }

    private void requireAlive() {
      rethrow();
      if (!thread.isAlive()) {
        throw new IllegalStateException("the hashing thread stopped");
      }
    }

    @Override
    void abandon() {
      thread.interrupt();
    }

    private void rethrow() {
      Throwable t = failure;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
    }
  }
}
