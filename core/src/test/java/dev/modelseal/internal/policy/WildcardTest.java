package dev.modelseal.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {

  @ParameterizedTest(name = "''{0}'' ~ ''{1}'' -> {2}")
  @CsvSource(textBlock = """
      *,                  anything,           true
      *,                  '',                 true
      '',                 '',                 true
      '',                 x,                  false
      s3:*,               s3:ListBucket,      true
      my-bucket?/abc*,    mybucket/abc,       false
      my-bucket?/abc*,    my-bucket1/abc,     true
      my??bucket,         my4abucket,         true
      my??bucket,         mybucket,           false
      abc????,            abcdefg,            true
      abc????,            abcde,              false
      a*b*c,              aXXbYYc,            true
      a*b*c,              aXXbYY,             false
      *a,                 *ba,                true
      ?,                  é,                  true
      exact,              exact,              true
      exact,              exacT,              false
      """)
  void matches(String pattern, String text, boolean expected) {
    assertThat(Wildcard.match(pattern, text)).isEqualTo(expected);
  }

  @Test
  void matchEitherWayTriesBothDirections() {
    assertThat(Wildcard.matchEitherWay("prod-*", "prod-1")).isTrue();
    assertThat(Wildcard.matchEitherWay("prod-1", "prod-*")).isTrue();
    assertThat(Wildcard.matchEitherWay("dev-1", "prod-*")).isFalse();
  }

  @Test
  void pathologicalPatternsStayFast() {
    String text = "a".repeat(5_000);
    String pattern = "*a".repeat(100) + "b";

    assertThat(Wildcard.match(pattern, text)).isFalse();
  }
}
