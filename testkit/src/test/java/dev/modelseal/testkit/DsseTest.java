package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DsseTest {
  @Test
  void paeMatchesTheDsseSpecExample() {
    byte[] pae = Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void paeCountsUtf8BytesNotChars() {
    String text = "é天🌦"; // 2 + 3 + 4 bytes, 4 UTF-16 chars
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);

    byte[] pae = Dsse.pae("tÿpe", payload);

    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 5 tÿpe 9 " + text);
  }

  @Test
  void paeOfAnEmptyPayload() {
    assertThat(new String(Dsse.pae("t", new byte[0]), StandardCharsets.UTF_8)).isEqualTo("DSSEv1 1 t 0 ");
  }

  @Test
  void envelopeJsonIsCosignsCompactFieldOrder() {
    String json = Dsse.envelopeJson("application/vnd.in-toto+json", new byte[] {'{', '}'}, new byte[] {1, 2, 3});

    assertThat(json).isEqualTo(
        "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"AQID\"}]}");
  }
}
