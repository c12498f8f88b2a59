package dev.modelseal.djl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Random access by {@code long} position over an ordered list of byte buffers, the way core hands
 * out verified content (several chunks for models over 2 GiB). Reads never move the callers'
 * buffers: each one is duplicated on construction.
 */
final class ChunkedBytes {
  private final ByteBuffer[] chunks;
  /** starts[i] is the absolute position of chunks[i]'s first byte; starts[n] is the size. */
  private final long[] starts;
  private int last;

  ChunkedBytes(List<ByteBuffer> buffers) {
    Objects.requireNonNull(buffers, "buffers");
    List<ByteBuffer> nonEmpty = new ArrayList<>(buffers.size());
    for (ByteBuffer b : buffers) {
      ByteBuffer d = Objects.requireNonNull(b, "buffer").duplicate();
      if (d.hasRemaining()) {
        nonEmpty.add(d.slice());
      }
    }
    chunks = nonEmpty.toArray(new ByteBuffer[0]);
    starts = new long[chunks.length + 1];
    for (int i = 0; i < chunks.length; i++) {
      starts[i + 1] = starts[i] + chunks[i].remaining();
    }
  }

  long size() {
    return starts[chunks.length];
  }

  /** The unsigned byte at {@code pos}. */
  int get(long pos) {
    int i = chunkOf(pos);
    return chunks[i].get((int) (pos - starts[i])) & 0xff;
  }

  /** Copies {@code length} bytes from {@code pos} into {@code dst} at its position, advancing it. */
  void copyTo(long pos, long length, ByteBuffer dst) {
    Objects.checkFromIndexSize(pos, length, size());
    long done = 0;
    while (done < length) {
      long at = pos + done;
      int i = chunkOf(at);
      int offset = (int) (at - starts[i]);
      int n = (int) Math.min(length - done, chunks[i].capacity() - offset);
      dst.put(chunks[i].duplicate().position(offset).limit(offset + n));
      done += n;
    }
  }

  /** {@code length} bytes from {@code pos} as a new array; the caller bounds {@code length}. */
  byte[] read(long pos, int length) {
    byte[] out = new byte[length];
    copyTo(pos, length, ByteBuffer.wrap(out));
    return out;
  }

  private int chunkOf(long pos) {
    Objects.checkIndex(pos, size());
    if (pos >= starts[last] && pos < starts[last + 1]) {
      return last;
    }
    int lo = 0;
    int hi = chunks.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= pos) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    last = lo;
    return lo;
  }
}
