package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.tuf.SigstoreTufClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TufCanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private static String canonical(String json) throws Exception {
    return new String(TufCanonicalJson.encode(JSON.readTree(json)), StandardCharsets.UTF_8);
  }

  /**
   * The Sigstore public-good root (as sigstore-java ships it) was signed by its key holders over
   * this canonical form, and its key IDs were derived from it: both must come out the same here.
   */
  @Test
  void reproducesThePublicGoodRootsKeyIdsAndSignedBytes() throws Exception {
    JsonNode root;
    try (InputStream in = SigstoreTufClient.class.getClassLoader()
        .getResourceAsStream(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE)) {
      root = JSON.readTree(in);
    }
    JsonNode keys = root.get("signed").get("keys");
    assertThat(keys.size()).isGreaterThan(1);
    for (Map.Entry<String, JsonNode> key : keys.properties()) {
      assertThat(HEX.formatHex(Sha256.of(TufCanonicalJson.encode(key.getValue())))).isEqualTo(key.getKey());
    }
    byte[] signed = TufCanonicalJson.encode(root.get("signed"));
    int valid = 0;
    for (JsonNode signature : root.get("signatures")) {
      JsonNode key = keys.get(signature.get("keyid").asText());
      String sig = signature.get("sig").asText();
      if (key != null && !sig.isEmpty() && FakeTufRepositoryTest.verifies(key, signed, HEX.parseHex(sig))) {
        valid++;
      }
    }
    assertThat(valid).isGreaterThanOrEqualTo(root.get("signed").get("roles").get("root").get("threshold").asInt());
  }

  @Test
  void sortsByCodePointWithoutWhitespace() throws Exception {
    // U+FF5E (one UTF-16 unit) sorts before U+1F600 (a surrogate pair starting 0xD83D) by code
    // point, after it by UTF-16 unit.
    assertThat(canonical("{\"b\": [1, true, null], \"\\ud83d\\ude00\": 1, \"\\uff5e\": 2, \"a\": {\"y\": false, \"x\": \"\"}}"))
        .isEqualTo("{\"a\":{\"x\":\"\",\"y\":false},\"b\":[1,true,null],\"\uff5e\":2,\"\ud83d\ude00\":1}");
  }

  @Test
  void escapesOnlyQuoteAndBackslashAndKeepsLineFeedsRaw() throws Exception {
    assertThat(canonical("{\"pem\": \"-----BEGIN-----\\nAB/C\\n\", \"q\": \"\\\"\\\\ é\"}"))
        .isEqualTo("{\"pem\":\"-----BEGIN-----\nAB/C\n\",\"q\":\"\\\"\\\\ é\"}");
  }

  @Test
  void refusesWhatTufClientsWouldCanonicalizeDifferently() {
    assertThatThrownBy(() -> canonical("{\"t\": \"a\\tb\"}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> canonical("{\"n\": 1.5}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> canonical("{\"n\": 9007199254740993}")).isInstanceOf(IllegalArgumentException.class);
  }
}
