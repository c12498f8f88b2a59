package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void plainTextIsTheStringItselfOrCanonicalJson() {
    assertThat(JsonText.plain(json("\"a\\\"b\""))).isEqualTo("a\"b");
    assertThat(JsonText.plain(json("2.0"))).isEqualTo("2");
    assertThat(JsonText.plain(json("true"))).isEqualTo("true");
    assertThat(JsonText.plain(json("null"))).isEqualTo("null");
    assertThat(JsonText.plain(json("{\"k\":[1.50,\"s\",{}],\"e\":[]}")))
        .isEqualTo("{\"k\":[1.5,\"s\",{}],\"e\":[]}");
  }

  @Test
  void plainNumbersAreGoJsonNumbers() {
    assertThat(JsonText.plain(json("1000000"))).isEqualTo("1000000");
    assertThat(JsonText.plain(json("0.0000001"))).isEqualTo("1e-7");
    assertThat(JsonText.plain(json("9007199254740993"))).isEqualTo("9007199254740992");
    assertThat(JsonText.plain(json("[0.90000000000000001]"))).isEqualTo("[0.9]");
  }

  @Test
  void sprintIsGoFmtOfTheDecodedValue() {
    assertThat(JsonText.sprint(json("\"a b\""))).isEqualTo("a b");
    assertThat(JsonText.sprint(json("1000000"))).isEqualTo("1e+06");
    assertThat(JsonText.sprint(json("2.0"))).isEqualTo("2");
    assertThat(JsonText.sprint(json("null"))).isEqualTo("<nil>");
    assertThat(JsonText.sprint(json("[1,\"a\",null,[],{}]"))).isEqualTo("[1 a <nil> [] map[]]");
    assertThat(JsonText.sprint(json("{\"\uffff\":1,\"\ud83d\ude00\":2,\"b\":true}")))
        .isEqualTo("map[b:true \uffff:1 \ud83d\ude00:2]");
  }

  @Test
  void renderQuotesStringsAndTruncates() {
    assertThat(JsonText.render(json("\"x\""), 10)).isEqualTo("\"x\"");
    assertThat(JsonText.render(json("0.80"), 10)).isEqualTo("0.8");
    assertThat(JsonText.render(json("[\"aaaa\",\"bbbb\",\"cccc\"]"), 10))
        .isEqualTo("[\"aaaa\",\"b...");
  }

  @Test
  void namesTypes() {
    assertThat(JsonText.typeName(json("[]"))).isEqualTo("list");
    assertThat(JsonText.typeName(json("{}"))).isEqualTo("object");
    assertThat(JsonText.typeName(json("1"))).isEqualTo("number");
    assertThat(JsonText.typeName(json("\"\""))).isEqualTo("string");
    assertThat(JsonText.typeName(json("false"))).isEqualTo("bool");
    assertThat(JsonText.typeName(json("null"))).isEqualTo("null");
  }

  @Test
  void deepEqualityComparesNumbersByValueAndIgnoresFieldOrder() {
    assertThat(DeepEquality.equal(json("{\"a\":[1,{\"b\":2.0}],\"c\":null}"),
        json("{\"c\":null,\"a\":[1.0,{\"b\":2}]}"))).isTrue();
    assertThat(DeepEquality.equal(json("{\"a\":1}"), json("{\"b\":1}"))).isFalse();
    assertThat(DeepEquality.equal(json("[1,2]"), json("[1,2,3]"))).isFalse();
    assertThat(DeepEquality.equal(json("\"1\""), json("1"))).isFalse();
  }
}
