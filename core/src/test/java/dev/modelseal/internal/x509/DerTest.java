package dev.modelseal.internal.x509;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DerTest {
  /** {@code levels} nested SEQUENCEs around {@code inner}, short-form lengths. */
  private static byte[] wrap(int levels, byte[] inner, int tag) {
    byte[] cur = inner;
    for (int i = 0; i < levels; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(tag);
      if (cur.length < 0x80) {
        out.write(cur.length);
      } else {
        out.write(0x82);
        out.write(cur.length >> 8);
        out.write(cur.length);
      }
      out.writeBytes(cur);
      cur = out.toByteArray();
    }
    return cur;
  }

  @Test
  void countsConstructedLevels() {
    assertThat(Der.nestsDeeperThan(wrap(Der.MAX_DEPTH, new byte[0], 0x30), Der.MAX_DEPTH)).isFalse();
    assertThat(Der.nestsDeeperThan(wrap(Der.MAX_DEPTH + 1, new byte[0], 0x30), Der.MAX_DEPTH)).isTrue();
    assertThat(Der.nestsDeeperThan(wrap(Der.MAX_DEPTH + 1, new byte[0], 0xa0), Der.MAX_DEPTH)).isTrue();
    assertThat(Der.problem(wrap(Der.MAX_DEPTH + 1, new byte[0], 0x30))).get().asString().contains("nested");
  }

  @Test
  void countsNestingInsideOctetAndBitStrings() {
    byte[] deep = wrap(Der.MAX_DEPTH - 1, new byte[0], 0x30);
    byte[] octets = wrap(1, deep, 0x04);
    assertThat(Der.nestsDeeperThan(wrap(1, octets, 0x30), Der.MAX_DEPTH)).isTrue();
    assertThat(Der.nestsDeeperThan(octets, Der.MAX_DEPTH)).isFalse();
    byte[] bits = new byte[deep.length + 1];
    System.arraycopy(deep, 0, bits, 1, deep.length);
    assertThat(Der.nestsDeeperThan(wrap(1, wrap(1, bits, 0x03), 0x30), Der.MAX_DEPTH)).isTrue();
  }

  @Test
  void stringContentThatIsNoEncodingIsOpaque() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      byte[] noise = new byte[64];
      random.nextBytes(noise);
      byte[] der = wrap(Der.MAX_DEPTH - 12, wrap(1, noise, 0x04), 0x30);
      assertThat(Der.nestsDeeperThan(der, Der.MAX_DEPTH)).isFalse();
    }
  }

  @Test
  void stringsAtTheDeepestLevelAreOpaque() {
    byte[] der = wrap(Der.MAX_DEPTH, wrap(1, new byte[] {0x30, 0x00}, 0x04), 0x30);
    assertThat(Der.nestsDeeperThan(der, Der.MAX_DEPTH)).isFalse();
  }

  @Test
  void indefiniteLengthsCountEvenWithoutEndOfContents() {
    byte[] open = new byte[2 * (Der.MAX_DEPTH + 1)];
    for (int i = 0; i < open.length; i += 2) {
      open[i] = 0x30;
      open[i + 1] = (byte) 0x80;
    }
    assertThat(Der.nestsDeeperThan(open, Der.MAX_DEPTH)).isTrue();
    byte[] closed = new byte[4 * Der.MAX_DEPTH];
    System.arraycopy(open, 0, closed, 0, 2 * Der.MAX_DEPTH);
    assertThat(Der.nestsDeeperThan(closed, Der.MAX_DEPTH)).isFalse();
  }

  @Test
  void malformedInputIsLeftToTheParser() {
    assertThat(Der.nestsDeeperThan(new byte[0], Der.MAX_DEPTH)).isFalse();
    assertThat(Der.nestsDeeperThan(new byte[] {0x30, 0x05, 0x30}, Der.MAX_DEPTH)).isFalse();
    assertThat(Der.nestsDeeperThan(new byte[] {0x30, (byte) 0x89, 1, 2}, Der.MAX_DEPTH)).isFalse();
    assertThat(Der.nestsDeeperThan(new byte[] {0x04, (byte) 0x80, 0, 0}, Der.MAX_DEPTH)).isFalse();
  }

  @Test
  void sizeIsCappedBeforeAnythingIsRead() {
    assertThat(Der.problem(new byte[Der.MAX_BYTES])).isEmpty();
    assertThat(Der.problem(new byte[Der.MAX_BYTES + 1])).get().asString().contains("limit of " + Der.MAX_BYTES);
  }
}
