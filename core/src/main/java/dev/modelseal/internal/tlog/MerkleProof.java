package dev.modelseal.internal.tlog;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.Sha256;
import java.security.MessageDigest;
import java.util.List;

/** RFC 6962 / RFC 9162 §2.1.3.2: recomputes a Merkle tree root from a leaf and its audit path. */
public final class MerkleProof {
  private MerkleProof() {}

  /** SHA-256(0x00 || data): the hash of a leaf. */
  public static byte[] leafHash(byte[] data) {
    MessageDigest md = Sha256.newDigest();
    md.update((byte) 0);
    md.update(data);
    return md.digest();
  }

  private static byte[] node(byte[] left, byte[] right) {
    MessageDigest md = Sha256.newDigest();
    md.update((byte) 1);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /**
   * The root implied by {@code leaf} at {@code index} in a tree of {@code size} leaves with audit
   * path {@code path}, or null when the path has the wrong shape for that position.
   */
  public static byte[] rootFromPath(long index, long size, byte[] leaf, List<Bytes> path) {
    if (index < 0 || size <= 0 || index >= size) {
      return null;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (Bytes p : path) {
      if (p.length() != 32 || sn == 0) {
        return null;
      }
      byte[] h = p.toArray();
      if ((fn & 1) == 1 || fn == sn) {
        r = node(h, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(r, h);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }
}
