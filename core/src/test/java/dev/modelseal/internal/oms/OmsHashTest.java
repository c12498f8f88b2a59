package dev.modelseal.internal.oms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers for each OMS hash (published test vectors), so the engines are checked independently. */
class OmsHashTest {
  private static String hex(OmsHash h, String text) {
    OmsHash.Engine e = h.newEngine();
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    e.update(b, 0, b.length);
    return HexFormat.of().formatHex(e.finish());
  }

  @Test
  void eachHashGivesItsPublishedDigestAndLength() {
    assertThat(hex(OmsHash.SHA256, "")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(hex(OmsHash.BLAKE2B, "abc")).isEqualTo("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    assertThat(hex(OmsHash.BLAKE3, "")).isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    for (OmsHash h : OmsHash.values()) {
      assertThat(hex(h, "x")).hasSize(2 * h.length());
      assertThat(OmsHash.byName(h.omsName())).isSameAs(h);
    }
    assertThat(OmsHash.byName("blake2")).isNull();
  }
}
