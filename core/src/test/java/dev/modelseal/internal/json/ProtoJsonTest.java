package dev.modelseal.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.json.ProtoJson.Message;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Message message(String json) throws Exception {
    return ProtoJson.root((ObjectNode) JSON.readTree(json), "test", Reason.MALFORMED_BUNDLE);
  }

  @Test
  void jsonNamesAreProtocsLowerCamel() {
    assertThat(ProtoJson.jsonName("log_index")).isEqualTo("logIndex");
    assertThat(ProtoJson.jsonName("rfc3161_timestamps")).isEqualTo("rfc3161Timestamps");
    assertThat(ProtoJson.jsonName("x509_certificate_chain")).isEqualTo("x509CertificateChain");
    assertThat(ProtoJson.jsonName("payloadType")).isEqualTo("payloadType");
  }

  @Test
  void omittedAndNullFieldsHoldTheirDefaults() throws Exception {
    Message m = message("{\"n\":null}").fields("s", "b", "n", "l", "m", "e", "t");
    assertThat(m.string("s")).isEmpty();
    assertThat(m.bytes("b").length()).isZero();
    assertThat(m.nonNegativeInt64("n")).isZero();
    assertThat(m.messages("l")).isEmpty();
    assertThat(m.optMessage("m")).isNull();
    assertThat(m.enumName("e", List.of("E_UNSPECIFIED", "ONE"))).isEqualTo("E_UNSPECIFIED");
    assertThat(m.timestamp("t")).isNull();
  }

  @Test
  void requiredValuesRefuseTheirDefaults() throws Exception {
    Message m = message("{\"s\":\"\",\"b\":\"\"}").fields("s", "b", "m");
    assertThatThrownBy(() -> m.requiredString("s")).isInstanceOf(ModelVerificationException.class)
        .hasMessageContaining("missing required field s");
    assertThatThrownBy(() -> m.requiredBytes("b")).isInstanceOf(ModelVerificationException.class);
    assertThatThrownBy(() -> m.message("m")).isInstanceOf(ModelVerificationException.class);
  }

  @Test
  void bothSpellingsAreReadAndGivingBothIsRefused() throws Exception {
    assertThat(message("{\"log_index\":\"7\"}").fields("log_index").nonNegativeInt64("log_index")).isEqualTo(7);
    assertThat(message("{\"logIndex\":7}").fields("log_index").nonNegativeInt64("log_index")).isEqualTo(7);
    assertThatThrownBy(() -> message("{\"logIndex\":7,\"log_index\":7}").fields("log_index"))
        .isInstanceOf(ModelVerificationException.class).hasMessageContaining("given twice");
    assertThatThrownBy(() -> message("{\"logindex\":7}").fields("log_index"))
        .isInstanceOf(ModelVerificationException.class).hasMessageContaining("unexpected field logindex");
  }

  @Test
  void bytesAcceptStandardAndUrlSafeBase64WithOrWithoutPadding() throws Exception {
    Message m = message("{\"a\":\"+/8=\",\"b\":\"-_8\",\"c\":\"+/8\",\"d\":\"!!\"}").fields("a", "b", "c", "d");
    assertThat(m.bytes("a").hex()).isEqualTo("fbff");
    assertThat(m.bytes("b").hex()).isEqualTo("fbff");
    assertThat(m.bytes("c").hex()).isEqualTo("fbff");
    assertThatThrownBy(() -> m.bytes("d")).isInstanceOf(ModelVerificationException.class);
  }

  @Test
  void enumsByNameOrNumberOnlyWhenKnown() throws Exception {
    List<String> names = Arrays.asList("E_UNSPECIFIED", "ONE", null, "THREE");
    Message m = message("{\"a\":3,\"b\":\"ONE\",\"c\":2,\"d\":\"FOUR\",\"e\":1.5}").fields("a", "b", "c", "d", "e");
    assertThat(m.enumName("a", names)).isEqualTo("THREE");
    assertThat(m.enumName("b", names)).isEqualTo("ONE");
    for (String bad : List.of("c", "d", "e")) {
      assertThatThrownBy(() -> m.enumName(bad, names)).as(bad).isInstanceOf(ModelVerificationException.class);
    }
  }
}
