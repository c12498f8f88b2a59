package dev.modelseal.testkit;

import java.util.List;

/**
 * One Rekor v1 log entry with all a bundle carries to prove it: the canonical body, the signed
 * entry timestamp, the inclusion proof and the signed checkpoint (binary values base64).
 *
 * @param logIndex the entry's index, also its index in the (single-shard) tree
 * @param logIdHex the log ID (SHA-256 of the log's SubjectPublicKeyInfo), lowercase hex
 * @param integratedTime seconds since the epoch at which the log integrated the entry
 * @param canonicalizedBody the RFC 8785 entry body
 * @param signedEntryTimestamp the SET, a DER ECDSA signature
 * @param rootHash the root hash of the tree of size {@code treeSize}
 * @param treeSize the tree size the proof and checkpoint refer to
 * @param hashes the RFC 6962 audit path, leaf to root
 * @param checkpoint the signed note over {@code treeSize} and {@code rootHash}
 */
record TlogEntry(
    long logIndex,
    String logIdHex,
    long integratedTime,
    String canonicalizedBody,
    String signedEntryTimestamp,
    String rootHash,
    long treeSize,
    List<String> hashes,
    String checkpoint) {

  TlogEntry {
    hashes = List.copyOf(hashes);
  }

  TlogEntry withHashes(List<String> newHashes) {
    return new TlogEntry(logIndex, logIdHex, integratedTime, canonicalizedBody,
        signedEntryTimestamp, rootHash, treeSize, newHashes, checkpoint);
  }

  TlogEntry withSignedEntryTimestamp(String newSet) {
    return new TlogEntry(logIndex, logIdHex, integratedTime, canonicalizedBody,
        newSet, rootHash, treeSize, hashes, checkpoint);
  }

  TlogEntry withCheckpoint(String newCheckpoint) {
    return new TlogEntry(logIndex, logIdHex, integratedTime, canonicalizedBody,
        signedEntryTimestamp, rootHash, treeSize, hashes, newCheckpoint);
  }
}
