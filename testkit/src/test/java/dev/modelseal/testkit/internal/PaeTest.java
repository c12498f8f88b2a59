package dev.modelseal.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaeTest {
  @Test
  void matchesTheDsseSpecExample() {
    byte[] pae = Pae.of("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void countsUtf8BytesNotChars() {
    String text = "é天🌦"; // 2 + 3 + 4 bytes, 4 UTF-16 chars
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);

    byte[] pae = Pae.of("tÿpe", payload);

    assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 5 tÿpe 9 " + text);
  }

  @Test
  void ofAnEmptyPayload() {
    assertThat(new String(Pae.of("t", new byte[0]), StandardCharsets.UTF_8)).isEqualTo("DSSEv1 1 t 0 ");
  }
}
