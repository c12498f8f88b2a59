package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DsseTest {
  @Test
  void envelopeJsonIsCosignsCompactFieldOrder() {
    String json = Dsse.envelopeJson("application/vnd.in-toto+json", new byte[] {'{', '}'}, new byte[] {1, 2, 3});

    assertThat(json).isEqualTo(
        "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"AQID\"}]}");
  }
}
