package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashedRekordTest {
  @Test
  void bodyIsTheCanonicalRekorV1Entry() {
    byte[] digest = new byte[32];
    digest[31] = 1;

    String body = new String(HashedRekord.body(digest, new byte[] {1, 2, 3}, "PEM\n"), StandardCharsets.UTF_8);

    assertThat(body).isEqualTo("{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
        + "{\"algorithm\":\"sha256\",\"value\":\"" + "00".repeat(31) + "01\"}},"
        + "\"signature\":{\"content\":\"AQID\",\"publicKey\":{\"content\":\"UEVNCg==\"}}}}");
  }
}
