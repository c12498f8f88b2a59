package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InTotoStatementTest {
  private static final String SHA = "0123456789abcdef".repeat(4);

  @Test
  void writesOneSubjectAndThePredicateCompactly() {
    String json = InTotoStatement.json(StatementType.V1, "model.onnx", SHA, "https://example.com/p",
        "{ \"b\" : [1, 2.50], \"a\" : {\"x\": 0.995} }");

    assertThat(json).isEqualTo("{\"_type\":\"https://in-toto.io/Statement/v1\","
        + "\"subject\":[{\"name\":\"model.onnx\",\"digest\":{\"sha256\":\"" + SHA + "\"}}],"
        + "\"predicateType\":\"https://example.com/p\",\"predicate\":{\"b\":[1,2.50],\"a\":{\"x\":0.995}}}");
  }

  @Test
  void statementV01AndUpperCaseDigest() {
    String json = InTotoStatement.json(StatementType.V0_1, "m", SHA.toUpperCase(), "t", "{}");

    assertThat(json).startsWith("{\"_type\":\"https://in-toto.io/Statement/v0.1\",")
        .contains("\"sha256\":\"" + SHA + "\"");
  }

  @Test
  void keepsNonAsciiUnescaped() {
    String json = InTotoStatement.json(StatementType.V1, "modèle.onnx", SHA, "t", "{\"n\":\"天気 🌦\"}");

    assertThat(json).contains("\"name\":\"modèle.onnx\"").contains("\"n\":\"天気 🌦\"").doesNotContain("\\u");
  }

  @Test
  void rejectsWhatIsNoStatement() {
    assertThatThrownBy(() -> InTotoStatement.json(StatementType.V1, "m", SHA, "t", "[1]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> InTotoStatement.json(StatementType.V1, "m", SHA, "t", "{} {}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InTotoStatement.json(StatementType.V1, "m", "abcd", "t", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InTotoStatement.json(StatementType.V1, "m", "zz".repeat(32), "t", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
