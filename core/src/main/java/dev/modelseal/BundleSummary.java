package dev.modelseal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a bundle says about itself, read WITHOUT verifying anything: for display only
 * ({@code modelseal inspect}). Never make a trust decision from it; use {@link VerifiedModel#load}.
 *
 * <p>Digests are written {@code sha256:<hex>}. {@code statement} is a DSSE bundle's in-toto
 * statement as its payload holds it (UTF-8 JSON, predicate included), empty for a message signature.
 */
public record BundleSummary(
    String file,
    String format,
    Optional<String> certificateSubject,
    Optional<String> certificateIssuer,
    Optional<Instant> certificateNotBefore,
    Optional<Instant> certificateNotAfter,
    Optional<String> keyHint,
    List<LogEntry> logEntries,
    int rfc3161Timestamps,
    String content,
    Optional<String> messageDigest,
    Optional<String> predicateType,
    List<String> subjects,
    Optional<String> statement) {

  public BundleSummary {
    logEntries = List.copyOf(logEntries);
    subjects = List.copyOf(subjects);
  }

  /** One transparency log entry as claimed (integrated time is empty for Rekor v2). */
  public record LogEntry(long logIndex, String kind, String logId, Optional<Instant> integratedTime,
      boolean hasInclusionPromise, boolean hasInclusionProof) {}
}
