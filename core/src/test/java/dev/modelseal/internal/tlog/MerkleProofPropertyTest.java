package dev.modelseal.internal.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.internal.Bytes;
import dev.modelseal.testkit.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the audit-path verifier over valid proofs from the testkit's independent {@link
 * MerkleTree}, for random tree sizes and leaf positions (a fixed seed, so a failure reproduces):
 * the valid proof leads to the root, and no truncation, extension, bit flip, other leaf, other
 * index or other tree size leads to the root of the tree claimed.
 */
class MerkleProofPropertyTest {
  private static final long SEED = 0x6d6f64656c7365L;
  private static final int MAX_SIZE = 600;
  private static final MerkleTree TREE = tree(MAX_SIZE);

  private static MerkleTree tree(int size) {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < size; i++) {
      tree.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }
    return tree;
  }

  /** One valid proof: a leaf at {@code index} of the tree's first {@code size} entries. */
  record Case(long index, long size) {
    byte[] leaf() {
      return MerkleTree.leafHash(("entry " + index).getBytes(StandardCharsets.UTF_8));
    }

    byte[] root() {
      return TREE.rootHash(size);
    }

    List<Bytes> path() {
      return TREE.inclusionProof(index, size).stream().map(Bytes::wrap).toList();
    }

    @Override
    public String toString() {
      return "leaf " + index + " of " + size;
    }
  }

  /** Every leaf of the small trees (all shapes up to 17), then random positions in larger ones. */
  static Stream<Case> cases() {
    Random random = new Random(SEED);
    Stream<Case> small = LongStream.rangeClosed(1, 17).boxed()
        .flatMap(size -> LongStream.range(0, size).mapToObj(i -> new Case(i, size)));
    Stream<Case> large = Stream.generate(() -> {
      long size = 18 + random.nextInt(MAX_SIZE - 17);
      long index = random.nextBoolean() ? size - 1 : random.nextInt((int) size);
      return new Case(index, size);
    }).limit(60);
    return Stream.concat(small, large);
  }

  private static boolean provesRoot(long index, long size, byte[] leaf, List<Bytes> path, byte[] root) {
    byte[] computed = MerkleProof.rootFromPath(index, size, leaf, path);
    return computed != null && Bytes.wrap(computed).equals(Bytes.wrap(root));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theValidProofLeadsToTheRoot(Case c) {
    assertThat(MerkleProof.rootFromPath(c.index(), c.size(), c.leaf(), c.path())).isEqualTo(c.root());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyTruncationIsRefused(Case c) {
    List<Bytes> path = c.path();
    for (int n = 0; n < path.size(); n++) {
      assertThat(provesRoot(c.index(), c.size(), c.leaf(), path.subList(0, n), c.root()))
          .as("prefix of %d of %d hashes", n, path.size()).isFalse();
      assertThat(provesRoot(c.index(), c.size(), c.leaf(), path.subList(path.size() - n, path.size()), c.root()))
          .as("suffix of %d of %d hashes", n, path.size()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyExtensionIsRefused(Case c) {
    List<Bytes> path = c.path();
    List<Bytes> extras = List.of(Bytes.wrap(new byte[32]), Bytes.wrap(c.root()), Bytes.wrap(c.leaf()));
    for (Bytes extra : extras) {
      for (int at = 0; at <= path.size(); at++) {
        List<Bytes> longer = new ArrayList<>(path);
        longer.add(at, extra);
        assertThat(provesRoot(c.index(), c.size(), c.leaf(), longer, c.root()))
            .as("hash inserted at %d", at).isFalse();
      }
    }
    for (int at = 0; at < path.size(); at++) {
      List<Bytes> repeated = new ArrayList<>(path);
      repeated.add(at, path.get(at));
      assertThat(provesRoot(c.index(), c.size(), c.leaf(), repeated, c.root()))
          .as("hash %d repeated", at).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyBitFlipIsRefused(Case c) {
    List<Bytes> path = c.path();
    for (int h = 0; h < path.size(); h++) {
      for (int bit = 0; bit < 256; bit++) {
        List<Bytes> flipped = new ArrayList<>(path);
        flipped.set(h, flip(path.get(h).toArray(), bit));
        assertThat(provesRoot(c.index(), c.size(), c.leaf(), flipped, c.root()))
            .as("bit %d of hash %d flipped", bit, h).isFalse();
      }
    }
    for (int bit = 0; bit < 256; bit++) {
      assertThat(provesRoot(c.index(), c.size(), flip(c.leaf(), bit).toArray(), path, c.root()))
          .as("bit %d of the leaf flipped", bit).isFalse();
      assertThat(provesRoot(c.index(), c.size(), c.leaf(), path, flip(c.root(), bit).toArray()))
          .as("bit %d of the root flipped", bit).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyHashOfTheWrongLengthIsRefused(Case c) {
    List<Bytes> path = c.path();
    for (int h = 0; h < path.size(); h++) {
      byte[] hash = path.get(h).toArray();
      for (byte[] wrong : List.of(java.util.Arrays.copyOf(hash, 31), java.util.Arrays.copyOf(hash, 33), new byte[0])) {
        List<Bytes> changed = new ArrayList<>(path);
        changed.set(h, Bytes.wrap(wrong));
        assertThat(MerkleProof.rootFromPath(c.index(), c.size(), c.leaf(), changed)).isNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void noOtherIndexIsProved(Case c) {
    for (long other = 0; other < c.size() + 2; other++) {
      if (other != c.index()) {
        assertThat(provesRoot(other, c.size(), c.leaf(), c.path(), c.root())).as("index %d", other).isFalse();
      }
    }
    assertThat(provesRoot(-1, c.size(), c.leaf(), c.path(), c.root())).isFalse();
    assertThat(provesRoot(Long.MAX_VALUE, c.size(), c.leaf(), c.path(), c.root())).isFalse();
  }

  /**
   * The audit path alone does not bind the tree size: for some other sizes the same hashes take the
   * same turns (leaf 0 of 3 and of 4 both go left twice) and recompute the same root. What the path
   * can never do is prove the leaf in the tree of the other size; TlogVerifier binds the size by
   * requiring the signed checkpoint's size to equal the proof's.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void noOtherTreeSizeIsProved(Case c) {
    for (long other = c.index() + 1; other <= Math.min(MAX_SIZE, c.size() + 40); other++) {
      if (other == c.size()) {
        continue;
      }
      byte[] computed = MerkleProof.rootFromPath(c.index(), other, c.leaf(), c.path());
      assertThat(computed == null || Bytes.wrap(computed).equals(Bytes.wrap(c.root())))
          .as("size %d recomputes something other than null or the real root", other).isTrue();
      assertThat(provesRoot(c.index(), other, c.leaf(), c.path(), TREE.rootHash(other)))
          .as("size %d", other).isFalse();
    }
    assertThat(provesRoot(c.index(), 0, c.leaf(), c.path(), c.root())).isFalse();
    assertThat(provesRoot(c.index(), c.index(), c.leaf(), c.path(), c.root())).isFalse();
  }

  private static Bytes flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes.wrap(copy);
  }
}
