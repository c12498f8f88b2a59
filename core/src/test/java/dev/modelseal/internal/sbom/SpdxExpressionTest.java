package dev.modelseal.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpdxExpressionTest {

  @Test
  void readsLicensesAndExceptionsWithPrecedenceAndParentheses() throws Exception {
    SpdxExpression expression =
        SpdxExpression.parse(
            "(MIT or Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0 OR"
                + " DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2 OR LGPL-2.1+");

    assertThat(expression.licenses())
        .containsExactly(
            "MIT", "Apache-2.0", "GPL-2.0-only", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
            "LGPL-2.1+");
    assertThat(expression.exceptions()).containsExactly("Classpath-exception-2.0");
  }

  @Test
  void acceptsAsciiWhitespaceAndAdjacentParentheses() throws Exception {
    assertThat(SpdxExpression.parse("(MIT\tAND\r\n(BSD-3-Clause))").licenses())
        .containsExactly("MIT", "BSD-3-Clause");
    assertThat(SpdxExpression.parse("LicenseRef-x WITH AdditionRef-y").exceptions())
        .containsExactly("AdditionRef-y");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "MIT OR\u00a0GPL-3.0-only",
        "MIT\u2000OR GPL-3.0-only",
        "MIT OR GPL-3.0-only\u200b",
        "\ufeffMIT",
        "MIT OR GPL\u20113.0",
        "MIT OR Лицензия",
        "",
        "MIT OR",
        "OR MIT",
        "MIT GPL-3.0-only",
        "(MIT",
        "MIT)",
        "()",
        "(MIT) WITH Classpath-exception-2.0",
        "MIT WITH",
        "MIT WITH (Classpath-exception-2.0)",
        "LicenseRef-x+",
        "DocumentRef-x:MIT",
        "Document:LicenseRef-x",
        "LicenseRef-",
        "MIT++",
        "+",
        "MIT/GPL",
        "MIT, GPL-3.0-only"
      })
  void rejectsTextOutsideTheGrammar(String text) {
    assertThatThrownBy(() -> SpdxExpression.parse(text))
        .isInstanceOf(SpdxExpression.InvalidException.class);
  }

  @Test
  void namesTheOffendingCharacter() {
    assertThatThrownBy(() -> SpdxExpression.parse("MIT OR\u00a0GPL-3.0-only"))
        .hasMessageContaining("U+00A0 (NO-BREAK SPACE) at index 6");
  }

  @Test
  void capsParenthesisDepthAndLength() throws Exception {
    int depth = SpdxExpression.MAX_DEPTH;
    assertThat(SpdxExpression.parse("(".repeat(depth) + "MIT" + ")".repeat(depth)).licenses())
        .containsExactly("MIT");
    assertThatThrownBy(
            () -> SpdxExpression.parse("(".repeat(depth + 1) + "MIT" + ")".repeat(depth + 1)))
        .hasMessageContaining("deeper than the limit");
    // A megabyte of parentheses is refused by length before any recursion.
    assertThatThrownBy(() -> SpdxExpression.parse("(".repeat(1 << 20)))
        .isInstanceOf(SpdxExpression.InvalidException.class)
        .hasMessageContaining("over the limit of " + SpdxExpression.MAX_LENGTH);
    String longest = "MIT" + " OR MIT".repeat((SpdxExpression.MAX_LENGTH - 3) / 7);
    assertThat(SpdxExpression.parse(longest).licenses()).hasSize(1 + (SpdxExpression.MAX_LENGTH - 3) / 7);
  }
}
