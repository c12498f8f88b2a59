package dev.modelseal.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 6962 §2.1 Merkle tree that computes the root hash and the audit path of any
 * entry for any tree size it has reached, so proofs recompute exactly the root a log published.
 * Public so that a verifier's own tests can check its proof verification against valid proofs of
 * any shape; thread-safe.
 */
public final class MerkleTree {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private final List<byte[]> leafHashes = new ArrayList<>();

  /** Returns the leaf hash SHA-256(0x00 || entry). */
  public static byte[] leafHash(byte[] entry) {
    return Sha256.of(new byte[] {LEAF_PREFIX}, entry);
  }

  /** Returns the interior node hash SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    return Sha256.of(new byte[] {NODE_PREFIX}, left, right);
  }

  /** Appends an entry and returns its index. */
  public synchronized long append(byte[] entry) {
    leafHashes.add(leafHash(entry));
    return leafHashes.size() - 1L;
  }

  public synchronized long size() {
    return leafHashes.size();
  }

  /** Returns MTH(D[0:size]), the root hash the tree had when it held {@code size} entries. */
  public synchronized byte[] rootHash(long size) {
    if (size < 0 || size > leafHashes.size()) {
      throw new IllegalArgumentException("tree size " + size + " not in [0, " + leafHashes.size() + "]");
    }
    return hash(0, (int) size);
  }

  /**
   * Returns PATH(index, D[0:size]) of RFC 6962 §2.1.1: the sibling hashes from the leaf up to the
   * root, the order RFC 9162 §2.1.3.2 verifiers consume them in.
   */
  public synchronized List<byte[]> inclusionProof(long index, long size) {
    if (size > leafHashes.size() || index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "no entry " + index + " in a tree of size " + size + " (log holds " + leafHashes.size() + ")");
    }
    List<byte[]> path = new ArrayList<>();
    path((int) index, 0, (int) size, path);
    return path;
  }

  /** MTH(D[from:to]). */
  private byte[] hash(int from, int to) {
    int n = to - from;
    if (n == 0) {
      return Sha256.of();
    }
    if (n == 1) {
      return leafHashes.get(from).clone();
    }
    int k = largestPowerOfTwoBelow(n);
    return nodeHash(hash(from, from + k), hash(from + k, to));
  }

  /** Appends PATH(m, D[from:to]) to {@code out}, deepest sibling first. */
  private void path(int m, int from, int to, List<byte[]> out) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, from, from + k, out);
      out.add(hash(from + k, to));
    } else {
      path(m - k, from + k, to, out);
      out.add(hash(from, from + k));
    }
  }

  /** The largest power of two strictly less than {@code n}, for n ≥ 2. */
  private static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
