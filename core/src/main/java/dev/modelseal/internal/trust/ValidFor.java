package dev.modelseal.internal.trust;

import java.time.Instant;

/** A closed validity interval from a trusted root; {@code end} is null when open-ended. */
public record ValidFor(Instant start, Instant end) {
  public ValidFor {
    if (start == null) {
      throw new IllegalArgumentException("validFor.start is required");
    }
  }

  /** True when {@code t} lies in [start, end] (both inclusive, as the trusted-root spec says). */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && (end == null || !t.isAfter(end));
  }

  @Override
  public String toString() {
    return "[" + start + ", " + (end == null ? "open" : end) + "]";
  }
}
