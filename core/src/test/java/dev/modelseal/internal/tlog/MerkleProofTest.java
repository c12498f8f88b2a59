package dev.modelseal.internal.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.internal.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the audit-path verifier against trees built here by the RFC 6962 definition. */
class MerkleProofTest {
  private static byte[] node(byte[] l, byte[] r) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update((byte) 1);
    md.update(l);
    md.update(r);
    return md.digest();
  }

  private static byte[] root(List<byte[]> leaves) throws Exception {
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return node(root(leaves.subList(0, k)), root(leaves.subList(k, leaves.size())));
  }

  private static void path(List<byte[]> leaves, int m, List<Bytes> out) throws Exception {
    if (leaves.size() == 1) {
      return;
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    if (m < k) {
      path(leaves.subList(0, k), m, out);
      out.add(Bytes.wrap(root(leaves.subList(k, leaves.size()))));
    } else {
      path(leaves.subList(k, leaves.size()), m - k, out);
      out.add(Bytes.wrap(root(leaves.subList(0, k))));
    }
  }

  @Test
  void everyLeafOfEveryTreeUpTo33ProvesItsRoot() throws Exception {
    for (int size = 1; size <= 33; size++) {
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        leaves.add(MerkleProof.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
      }
      byte[] root = root(leaves);
      for (int i = 0; i < size; i++) {
        List<Bytes> p = new ArrayList<>();
        path(leaves, i, p);
        assertThat(MerkleProof.rootFromPath(i, size, leaves.get(i), p)).isEqualTo(root);
        if (size > 1) {
          assertThat(MerkleProof.rootFromPath(i, size, leaves.get((i + 1) % size), p)).isNotEqualTo(root);
          assertThat(MerkleProof.rootFromPath(i, size, leaves.get(i), p.subList(0, p.size() - 1))).isNotEqualTo(root);
        }
      }
    }
  }

  @Test
  void impossiblePositionsHaveNoRoot() {
    byte[] leaf = new byte[32];
    assertThat(MerkleProof.rootFromPath(5, 5, leaf, List.of())).isNull();
    assertThat(MerkleProof.rootFromPath(-1, 5, leaf, List.of())).isNull();
    assertThat(MerkleProof.rootFromPath(0, 0, leaf, List.of())).isNull();
    assertThat(MerkleProof.rootFromPath(0, 2, leaf, List.of(Bytes.wrap(new byte[31])))).isNull();
    assertThat(MerkleProof.rootFromPath(0, 1, leaf, List.of(Bytes.wrap(new byte[32])))).isNull();
  }
}
