package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void sortsKeysByUtf16CodeUnitsAtEveryLevel() {
    // RFC 8785 §3.2.3: "\u20ac" (U+20AC) sorts before "\ud83d\ude00" (surrogates, 0xD83D).
    Map<String, Object> object = Map.of(
        "b", 1, "a", Map.of("z", "1", "\ud83d\ude00", "2", "\u20ac", "3"), "A", List.of(2, "x"));

    assertThat(CanonicalJson.write(object))
        .isEqualTo("{\"A\":[2,\"x\"],\"a\":{\"z\":\"1\",\"\u20ac\":\"3\",\"\ud83d\ude00\":\"2\"},\"b\":1}");
  }

  @Test
  void escapesOnlyWhatRfc8785Escapes() {
    assertThat(CanonicalJson.write(Map.of("s", "q\" b\\ \n\t\u0001 / é")))
        .isEqualTo("{\"s\":\"q\\\" b\\\\ \\n\\t\\u0001 / é\"}");
  }

  @Test
  void refusesValuesItCannotWriteExactly() {
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("n", 1L << 53)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(Map.of("d", 1.5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
