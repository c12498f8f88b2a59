package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final int MAX_SIZE = 40;

  @Test
  void emptyTreeHasTheHashOfNothing() {
    assertThat(HexFormat.of().formatHex(new MerkleTree().rootHash(0)))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void rootFollowsTheRfc6962Definition() {
    MerkleTree tree = treeOf(3);
    byte[] l0 = MerkleTree.leafHash(entry(0));
    byte[] l1 = MerkleTree.leafHash(entry(1));
    byte[] l2 = MerkleTree.leafHash(entry(2));

    assertThat(tree.rootHash(1)).isEqualTo(l0);
    assertThat(tree.rootHash(2)).isEqualTo(MerkleTree.nodeHash(l0, l1));
    assertThat(tree.rootHash(3)).isEqualTo(MerkleTree.nodeHash(MerkleTree.nodeHash(l0, l1), l2));
  }

  @Test
  void leafAndNodeHashesAreDomainSeparated() {
    byte[] entry = entry(7);
    assertThat(MerkleTree.leafHash(entry)).isEqualTo(Sha256.of(new byte[] {0}, entry));
    assertThat(MerkleTree.nodeHash(entry, entry)).isEqualTo(Sha256.of(new byte[] {1}, entry, entry));
  }

  @Test
  void everyProofRecomputesTheRootOfEveryTreeSize() {
    MerkleTree tree = treeOf(MAX_SIZE);
    for (long size = 1; size <= MAX_SIZE; size++) {
      for (long index = 0; index < size; index++) {
        List<byte[]> proof = tree.inclusionProof(index, size);

        assertThat(rootFromProof(index, size, MerkleTree.leafHash(entry((int) index)), proof))
            .as("entry %d of %d", index, size)
            .isEqualTo(tree.rootHash(size));
      }
    }
  }

  @Test
  void everyAlteredProofHashChangesTheRoot() {
    MerkleTree tree = treeOf(13);
    List<byte[]> proof = tree.inclusionProof(6, 13);
    assertThat(proof).hasSize(4);
    for (int i = 0; i < proof.size(); i++) {
      List<byte[]> forged = new ArrayList<>(proof);
      byte[] hash = forged.get(i).clone();
      hash[0] ^= 1;
      forged.set(i, hash);

      assertThat(rootFromProof(6, 13, MerkleTree.leafHash(entry(6)), forged)).isNotEqualTo(tree.rootHash(13));
    }
  }

  @Test
  void refusesEntriesOutsideTheTree() {
    MerkleTree tree = treeOf(4);
    assertThatThrownBy(() -> tree.inclusionProof(4, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.inclusionProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.rootHash(5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void independentVerifierRejectsTooShortProofs() {
    MerkleTree tree = treeOf(8);
    List<byte[]> proof = tree.inclusionProof(3, 8);
    assertThat(rootFromProof(3, 8, MerkleTree.leafHash(entry(3)), proof.subList(0, 2))).isNull();
    assertThat(rootFromProof(3, 8, MerkleTree.leafHash(entry(3)), proof)).isEqualTo(tree.rootHash(8));
  }

  private static MerkleTree treeOf(int size) {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < size; i++) {
      assertThat(tree.append(entry(i))).isEqualTo(i);
    }
    return tree;
  }

  private static byte[] entry(int i) {
    return ("entry " + i).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The RFC 9162 §2.1.3.2 verification algorithm, written independently of the tree's recursive
   * construction; returns null when the proof has the wrong length.
   */
  private static byte[] rootFromProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleTree.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleTree.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }

}
