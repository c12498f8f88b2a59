package dev.modelseal;

/**
 * Told how far the single read of a model has got; for progress displays. Called on the loading
 * thread after each block, so it must be quick and must not throw (an exception it throws refuses
 * the load with {@link Reason#INTERNAL_ERROR}).
 */
@FunctionalInterface
public interface ReadProgress {
  /** {@code done} of {@code total} bytes have been read and hashed. */
  void bytesRead(long done, long total);

  /** A listener that does nothing. */
  ReadProgress NONE = (done, total) -> { };
}
