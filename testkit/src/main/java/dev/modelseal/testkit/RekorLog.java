package dev.modelseal.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A fake Rekor v1 transparency log: an RFC 6962 Merkle tree whose appended entries come back with
 * a signed entry timestamp, an inclusion proof and a checkpoint signed by the log key.
 */
final class RekorLog {
  static final String BASE_URL = "https://rekor.modelseal.test";
  /** The checkpoint signer name; sigstore-java requires it to equal the base URL's host. */
  static final String NAME = URI.create(BASE_URL).getHost();
  /**
   * Entries logged before the first real one, so that even the first proof has several hashes and
   * every proof takes both left and right turns.
   */
  private static final int SEED_ENTRIES = 11;

  private final LogKey key = LogKey.generate();
  private final MerkleTree tree = new MerkleTree();
  private final long treeId;

  private RekorLog(long treeId, int seedEntries) {
    this.treeId = treeId;
    for (int i = 0; i < seedEntries; i++) {
      tree.append(("modelseal testkit seed entry " + i).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Returns a log with a random tree ID and a few seed entries. */
  static RekorLog create() {
    return new RekorLog(new SecureRandom().nextLong() >>> 1, SEED_ENTRIES);
  }

  /** Returns a log with a random tree ID and no entries: the first one appended has index 0. */
  static RekorLog createEmpty() {
    return new RekorLog(new SecureRandom().nextLong() >>> 1, 0);
  }

  LogKey key() {
    return key;
  }

  /** Returns the checkpoint origin line, {@code <name> - <tree id>} as Rekor v1 writes it. */
  String origin() {
    return NAME + " - " + treeId;
  }

  /**
   * Appends {@code canonicalizedBody} and returns the entry with its SET for {@code
   * integratedTime} and an inclusion proof against the tree that now ends with it.
   */
  synchronized TlogEntry append(byte[] canonicalizedBody, Instant integratedTime) {
    Base64.Encoder base64 = Base64.getEncoder();
    long index = tree.append(canonicalizedBody);
    long size = tree.size();
    byte[] root = tree.rootHash(size);
    List<String> proof = tree.inclusionProof(index, size).stream().map(base64::encodeToString).toList();
    long time = integratedTime.getEpochSecond();
    byte[] set = SignedEntryTimestamp.sign(key, canonicalizedBody, time, index);
    String checkpoint = Checkpoint.sign(Checkpoint.body(origin(), size, root), NAME, key);
    return new TlogEntry(index, key.logIdHex(), time, base64.encodeToString(canonicalizedBody),
        base64.encodeToString(set), base64.encodeToString(root), size, proof, checkpoint);
  }
}
