package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlainPathTest {

  private static final JsonNode ROOT = json(
      "{\"a\":{\"b\":null,\"list\":[{\"c\":1},null]},\"model-card\":{\"x\":2}}");

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      a.b               | null
      a.list[0].c       | 1
      a.list[-1]        | null
      "model-card".x    | 2
      a                 | {"b":null,"list":[{"c":1},null]}
      """)
  void walksToPresentValues(String path, String expected) {
    assertThat(PlainPath.parse(path).orElseThrow().walk(ROOT)).contains(json(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.missing", "a.b.c", "a.list[2]", "a.list[-3]", "a.list.c", "zz",
      "a.list[1].c"})
  void reportsAbsentValues(String path) {
    assertThat(PlainPath.parse(path).orElseThrow().walk(ROOT)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.", ".a", "[0]", "a[*]", "a || b", "length(a)", "a.b | c",
      "a .b", "a[?x]", "\"a\\\"b\"", "@", "a..b"})
  void recognisesOnlyPlainChains(String expression) {
    assertThat(PlainPath.parse(expression)).isEmpty();
  }
}
