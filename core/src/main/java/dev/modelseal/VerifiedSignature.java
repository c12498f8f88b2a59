package dev.modelseal;

import dev.modelseal.internal.dsse.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of verifying one bundle against an artifact digest under a policy. Only the verifier
 * creates one, and only when every integrity check passed.
 */
public final class VerifiedSignature {
  private final String source;
  private final Digests digests;
  private final Signer signer;
  private final Instant signingTime;
  private final long logIndex;
  private final Statement statement;
  private final List<Check> checks;
  private final List<ModelVerificationException.Failure> violations;

  VerifiedSignature(String source, Digests digests, Signer signer, Instant signingTime, long logIndex,
      Statement statement, List<Check> checks, List<ModelVerificationException.Failure> violations) {
    this.source = source;
    this.digests = digests;
    this.signer = signer;
    this.signingTime = signingTime;
    this.logIndex = logIndex;
    this.statement = statement;
    this.checks = List.copyOf(checks);
    this.violations = List.copyOf(violations);
  }

  /** The bundle file this result is about. */
  public String source() {
    return source;
  }

  /** The digests of the verified content. */
  public Digests digests() {
    return digests;
  }

  public Signer signer() {
    return signer;
  }

  /** The earliest verified signing time (SET integrated time or RFC 3161 time). */
  public Instant signingTime() {
    return signingTime;
  }

  /** The index of the first transparency log entry. */
  public OptionalLong logIndex() {
    return logIndex < 0 ? OptionalLong.empty() : OptionalLong.of(logIndex);
  }

  /** For DSSE bundles, the in-toto predicate type the signature covers. */
  public Optional<String> predicateType() {
    return statement == null ? Optional.empty() : Optional.of(statement.predicateType());
  }

  /** The checks made on this bundle, in order. */
  public VerificationReport report() {
    return new VerificationReport(checks);
  }

  /** A copy with {@code extra} checks appended (AUDIT-mode marks). */
  VerifiedSignature withChecks(List<Check> extra) {
    List<Check> all = new java.util.ArrayList<>(checks);
    all.addAll(extra);
    return new VerifiedSignature(source, digests, signer, signingTime, logIndex, statement, all, violations);
  }

  Statement statement() {
    return statement;
  }

  List<Check> checks() {
    return checks;
  }

  /** Policy violations found while verifying (e.g. an identity the policy does not allow). */
  List<ModelVerificationException.Failure> violations() {
    return violations;
  }
}
