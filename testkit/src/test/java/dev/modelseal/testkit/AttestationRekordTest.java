package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The canonical bodies of the two Rekor v1 entry types that log DSSE envelopes. */
class AttestationRekordTest {
  private static final byte[] PAYLOAD = "{}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SIGNATURE = {1, 2, 3};
  private static final String TYPE = "application/vnd.in-toto+json";

  @Test
  void dsseBodyHashesEnvelopeAndPayload() {
    String envelope = Dsse.envelopeJson(TYPE, PAYLOAD, SIGNATURE);

    String body = text(DsseRekord.body(envelope, PAYLOAD, SIGNATURE, "PEM\n"));

    assertThat(body).isEqualTo("{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{"
        + "\"envelopeHash\":{\"algorithm\":\"sha256\",\"value\":\"" + sha(envelope) + "\"},"
        + "\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"" + sha("{}") + "\"},"
        + "\"signatures\":[{\"signature\":\"AQID\",\"verifier\":\"UEVNCg==\"}]}}");
  }

  @Test
  void intotoBodyDoubleEncodesAndDropsThePayload() {
    String body = text(IntotoRekord.body(TYPE, PAYLOAD, SIGNATURE, "PEM\n", false));

    // sig: base64("AQID") = "QVFJRA=="; hash: over Rekor's re-serialized envelope
    String hashed = "{\"payload\":\"e30=\",\"payloadType\":\"" + TYPE + "\",\"signatures\":[{\"sig\":\"AQID\"}]}";
    assertThat(body).isEqualTo("{\"apiVersion\":\"0.0.2\",\"kind\":\"intoto\",\"spec\":{\"content\":{"
        + "\"envelope\":{\"payloadType\":\"" + TYPE + "\",\"signatures\":[{\"publicKey\":\"UEVNCg==\",\"sig\":\"QVFJRA==\"}]},"
        + "\"hash\":{\"algorithm\":\"sha256\",\"value\":\"" + sha(hashed) + "\"},"
        + "\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"" + sha("{}") + "\"}}}}");
  }

  @Test
  void intotoBodyWithPayloadKeepsItDoubleEncoded() {
    String body = text(IntotoRekord.body(TYPE, PAYLOAD, SIGNATURE, "PEM\n", true));

    // payload: base64("e30=") = "ZTMwPQ=="
    assertThat(body).contains("\"envelope\":{\"payload\":\"ZTMwPQ==\",\"payloadType\":");
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String sha(String text) {
    return HexFormat.of().formatHex(Sha256.of(text.getBytes(StandardCharsets.UTF_8)));
  }
}
