package dev.modelseal.internal.tlog;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.bundle.BundleFormat;
import dev.modelseal.internal.bundle.SignedEvidence.InclusionProof;
import dev.modelseal.internal.bundle.SignedEvidence.TlogEntry;
import dev.modelseal.internal.trust.LogKey;
import dev.modelseal.internal.trust.TrustedRootData;
import dev.modelseal.internal.verify.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies one transparency log entry offline: the log is in the trust root, the body records this
 * bundle, the signed entry timestamp (SET) and/or the inclusion proof with its signed checkpoint.
 */
public final class TlogVerifier {
  private TlogVerifier() {}

  /** What a verified entry established. */
  /**
   * What an entry proved: the log, the index that a SET or an inclusion proof binds (the entry's own
   * {@code logIndex} only when a SET signs it; otherwise the proof's, which the checkpoint binds),
   * the SET-verified integrated time, and the checks made.
   */
  public record Verified(LogKey log, long logIndex, Instant integratedTime, List<String> checks) {}

  /**
   * Verifies {@code e}; returns the log and the SET-verified integrated time (null when the entry
   * has no SET, e.g. Rekor v2).
   */
  public static Verified verify(TlogEntry e, BundleFormat format, EntryBody.Expected expected,
      TrustedRootData root, String source) throws ModelVerificationException {
    String what = source + ": tlog entry " + e.logIndex();
    LogKey log =
        root.tlog(e.logId())
            .orElseThrow(
                () ->
                    new ModelVerificationException(
                        Reason.INVALID_TLOG_ENTRY,
                        what + " is from a log that is not in the trust root (log id "
                            + e.logId().base64() + ")"));
    EntryBody.check(e, expected, source);
    List<String> checks = new ArrayList<>();
    checks.add("entry body records this signature, key and digest (" + e.kind() + " " + e.version() + ")");
    if (format == BundleFormat.SIGSTORE_V01 && e.signedEntryTimestamp() == null) {
      throw new ModelVerificationException(
          Reason.INVALID_SET, what + ": a v0.1 bundle needs an inclusion promise (SET)");
    }
    InclusionProof proof = e.inclusionProof();
    if (proof == null && (format.requiresInclusionProof() || e.signedEntryTimestamp() == null)) {
      throw new ModelVerificationException(
          Reason.INVALID_INCLUSION_PROOF,
          what + ": an inclusion proof is required (" + format.mediaType()
              + (e.signedEntryTimestamp() == null ? ", no SET" : "") + ") and none is present;"
              + " it is never fetched online");
    }
    Instant integrated = null;
    if (e.signedEntryTimestamp() != null) {
      if (e.integratedTime() <= 0) {
        throw new ModelVerificationException(
            Reason.INVALID_SET, what + ": has a SET but no integratedTime");
      }
      if (!Signatures.verify(log.key(), setPayload(e), e.signedEntryTimestamp().toArray())) {
        throw new ModelVerificationException(
            Reason.INVALID_SET,
            what + ": the signed entry timestamp does not verify with the key of " + log.baseUrl());
      }
      integrated = Instant.ofEpochSecond(e.integratedTime());
      if (!log.validFor().contains(integrated)) {
        throw new ModelVerificationException(
            Reason.INVALID_TLOG_ENTRY,
            what + ": integrated time " + integrated + " is outside the log key's validity "
                + log.validFor());
      }
      checks.add("signed entry timestamp verified; integrated at " + integrated);
    }
    if (proof != null) {
      verifyProof(e, proof, log, what);
      checks.add("inclusion proof to checkpoint of size " + proof.treeSize() + " verified");
    }
    // Without a SET nothing signs the entry's logIndex (an omitted one reads as 0); the proof's index
    // is what the signed checkpoint binds. (They differ on sharded Rekor v1 logs, so neither is
    // required to equal the other.)
    long boundIndex = integrated != null ? e.logIndex() : proof.logIndex();
    return new Verified(log, boundIndex, integrated, checks);
  }

  private static void verifyProof(TlogEntry e, InclusionProof proof, LogKey log, String what)
      throws ModelVerificationException {
    byte[] leaf = MerkleProof.leafHash(e.canonicalizedBody().toArray());
    byte[] root = MerkleProof.rootFromPath(proof.logIndex(), proof.treeSize(), leaf, proof.hashes());
    if (root == null || !proof.rootHash().contentEquals(root)) {
      throw new ModelVerificationException(
          Reason.INVALID_INCLUSION_PROOF,
          what + ": the inclusion proof does not lead from the entry to root hash "
              + proof.rootHash().base64());
    }
    if (proof.checkpoint() == null) {
      throw new ModelVerificationException(
          Reason.INVALID_CHECKPOINT, what + ": the inclusion proof has no checkpoint");
    }
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(proof.checkpoint());
    } catch (IllegalArgumentException ex) {
      throw new ModelVerificationException(
          Reason.INVALID_CHECKPOINT, what + ": malformed checkpoint: " + ex.getMessage());
    }
    if (!cp.signedBy(log)) {
      throw new ModelVerificationException(
          Reason.INVALID_CHECKPOINT,
          what + ": the checkpoint carries no valid signature by " + log.baseUrl());
    }
    if (cp.size() != proof.treeSize() || !cp.rootHash().equals(proof.rootHash())) {
      throw new ModelVerificationException(
          Reason.INVALID_CHECKPOINT,
          what + ": the checkpoint (size " + cp.size() + ", root " + cp.rootHash().base64()
              + ") is not the tree the proof is for (size " + proof.treeSize() + ", root "
              + proof.rootHash().base64() + ")");
    }
  }

  /** RFC 8785 canonical JSON of the SET payload; keys are already in sorted order. */
  static byte[] setPayload(TlogEntry e) {
    String json =
        "{\"body\":\"" + e.canonicalizedBody().base64() + "\",\"integratedTime\":"
            + e.integratedTime() + ",\"logID\":\"" + e.logId().hex() + "\",\"logIndex\":"
            + e.logIndex() + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
