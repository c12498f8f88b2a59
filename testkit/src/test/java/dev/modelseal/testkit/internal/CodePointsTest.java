package dev.modelseal.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodePointsTest {
  @Test
  void ordersSupplementaryCharactersAfterTheBmpAsPythonDoes() {
    // U+1F326 is the surrogate pair D83C DF26, which String.compareTo puts before U+FF5E.
    List<String> names = new ArrayList<>(List.of("\uD83C\uDF26", "\uFF5E", "a", "ab", ""));
    names.sort(CodePoints::compare);
    assertThat(names).containsExactly("", "a", "ab", "\uFF5E", "\uD83C\uDF26");
    assertThat("\uD83C\uDF26".compareTo("\uFF5E")).isNegative();
  }
}
