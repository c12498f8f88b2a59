package dev.modelseal;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of verifying one bundle against an artifact digest under a policy. Only the verifier
 * creates one, and only when every check passed.
 */
public final class VerifiedSignature {
  private final Digests digests;
  private final Signer signer;
  private final Instant signingTime;
  private final long logIndex;
  private final String predicateType;
  private final VerificationReport report;

  VerifiedSignature(Digests digests, Signer signer, Instant signingTime, long logIndex,
      String predicateType, VerificationReport report) {
    this.digests = digests;
    this.signer = signer;
    this.signingTime = signingTime;
    this.logIndex = logIndex;
    this.predicateType = predicateType;
    this.report = report;
  }

  /** The digests of the verified content. */
  public Digests digests() {
    return digests;
  }

  public Signer signer() {
    return signer;
  }

  /** The earliest verified signing time (SET integrated time or RFC 3161 time), if any. */
  public Optional<Instant> signingTime() {
    return Optional.ofNullable(signingTime);
  }

  /** The index of the first transparency log entry. */
  public OptionalLong logIndex() {
    return logIndex < 0 ? OptionalLong.empty() : OptionalLong.of(logIndex);
  }

  /** For DSSE bundles, the in-toto predicate type the signature covers. */
  public Optional<String> predicateType() {
    return Optional.ofNullable(predicateType);
  }

  public VerificationReport report() {
    return report;
  }
}
