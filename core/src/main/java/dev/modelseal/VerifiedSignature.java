package dev.modelseal;

import dev.modelseal.internal.delivery.Evidence;
import dev.modelseal.internal.dsse.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of verifying one bundle against an artifact digest: every integrity check passed, and
 * {@link #signer()} says who signed. Whether the policy allows that signer is decided afterwards,
 * by the policy step, and recorded in the report of the model (or of {@link BundleVerifier}); a
 * {@code VerifiedSignature} never carries a policy verdict. Only the verifier creates one.
 */
public final class VerifiedSignature {
  private final Evidence.Role role;
  private final String source;
  private final Digests digests;
  private final Signer signer;
  private final Instant signingTime;
  private final long logIndex;
  private final Statement statement;
  private final byte[] predicateBytes;
  private final List<Check> checks;

  VerifiedSignature(Evidence.Role role, String source, Digests digests, Signer signer, Instant signingTime,
      long logIndex, Statement statement, byte[] predicateBytes, List<Check> checks) {
    this.role = role;
    this.source = source;
    this.digests = digests;
    this.signer = signer;
    this.signingTime = signingTime;
    this.logIndex = logIndex;
    this.statement = statement;
    this.predicateBytes = predicateBytes;
    this.checks = List.copyOf(checks);
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

  /** The earliest verified signing time, if there is one; see {@link VerifiedModel#signingTime()}. */
  public Optional<Instant> signingTime() {
    return Optional.ofNullable(signingTime);
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
    return new VerifiedSignature(role, source, digests, signer, signingTime, logIndex, statement, predicateBytes, all);
  }

  Statement statement() {
    return statement;
  }

  /** The signed bytes of an SBOM statement's predicate (null for other evidence). */
  byte[] predicateBytes() {
    return predicateBytes;
  }

  /** What the bundle is for in its delivery unit. */
  Evidence.Role role() {
    return role;
  }

  List<Check> checks() {
    return checks;
  }
}
