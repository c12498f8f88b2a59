package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.check;
import static dev.modelseal.internal.policy.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionsTest {

  private static List<Violation> evaluate(String conditions, String predicate) {
    return Conditions.evaluate(Conditions.parse(json(conditions)), json(predicate));
  }

  @Nested
  class Blocks {

    private static final String PASS = "{\"key\":\"a\",\"operator\":\"Equals\",\"value\":\"a\"}";
    private static final String FAIL = "{\"key\":\"a\",\"operator\":\"Equals\",\"value\":\"b\"}";

    @Test
    void anyPassesWhenOneConditionPasses() {
      assertThat(evaluate("[{\"any\":[" + FAIL + "," + PASS + "]}]", "{}")).isEmpty();
    }

    @Test
    void anyFailsWhenNoConditionPassesAndReportsEachOne() {
      List<Violation> violations = evaluate("[{\"any\":[" + FAIL + "," + FAIL + "]}]", "{}");

      assertThat(violations).hasSize(2).allSatisfy(v -> assertThat(v.message())
          .endsWith("(none of the 2 'any' conditions of conditions[0] passed)"));
    }

    @Test
    void explicitlyEmptyAnyNeverPasses() {
      assertThat(evaluate("[{\"any\":[]}]", "{}")).singleElement().satisfies(v -> {
        assertThat(v.key()).isEqualTo("conditions[0].any");
        assertThat(v.message()).contains("explicitly empty");
      });
    }

    @Test
    void explicitlyEmptyAnyFailsEvenWhenAllPasses() {
      assertThat(evaluate("[{\"all\":[" + PASS + "],\"any\":[]}]", "{}")).hasSize(1);
    }

    @Test
    void emptyAllPasses() {
      assertThat(evaluate("[{\"all\":[]}]", "{}")).isEmpty();
    }

    @Test
    void nullAnyMeansAbsent() {
      assertThat(evaluate("[{\"all\":[" + PASS + "],\"any\":null}]", "{}")).isEmpty();
    }

    @Test
    void allAndAnyMustBothHold() {
      assertThat(evaluate("[{\"all\":[" + PASS + "],\"any\":[" + PASS + "]}]", "{}")).isEmpty();
      assertThat(evaluate("[{\"all\":[" + FAIL + "],\"any\":[" + PASS + "]}]", "{}")).hasSize(1);
      assertThat(evaluate("[{\"all\":[" + PASS + "],\"any\":[" + FAIL + "]}]", "{}")).hasSize(1);
    }

    @Test
    void blocksAreAnded() {
      assertThat(evaluate("[{\"all\":[" + PASS + "]},{\"any\":[" + PASS + "]}]", "{}")).isEmpty();
      assertThat(evaluate("[{\"all\":[" + PASS + "]},{\"any\":[" + FAIL + "]}]", "{}"))
          .hasSize(1);
    }

    @Test
    void noBlocksMeansNoViolations() {
      assertThat(evaluate("[]", "{}")).isEmpty();
    }

    @Test
    void appendsThePolicyMessage() {
      String condition = "{\"key\":\"a\",\"operator\":\"Equals\",\"value\":\"b\","
          + "\"message\":\"must be b\"}";

      assertThat(evaluate("[{\"all\":[" + condition + "]}]", "{}")).singleElement()
          .extracting(Violation::message).isEqualTo("a: expected Equals \"b\", found \"a\"; must be b");
    }
  }

  @Nested
  class MissingAndNull {

    @Test
    void aMissingKeyFailsAndNamesTheKey() {
      assertThat(check("\"{{ eval.accuracy }}\"", "NotEquals", "0", "{\"eval\":{}}"))
          .singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo("eval.accuracy");
            assertThat(v.message()).isEqualTo("eval.accuracy: not found in the predicate");
          });
    }

    @Test
    void aMissingParentFails() {
      assertThat(check("\"{{ eval.accuracy }}\"", "NotEquals", "0", "{}")).hasSize(1);
    }

    @Test
    void anExplicitNullIsFoundButEqualsNothing() {
      assertThat(check("\"{{ eval.notes }}\"", "Equals", "null", "{\"eval\":{\"notes\":null}}"))
          .singleElement().extracting(Violation::message).asString()
          .startsWith("eval.notes: expected Equals null, found null (");
      assertThat(check("\"{{ eval.notes }}\"", "Equals", "null", "{\"eval\":{}}"))
          .singleElement().extracting(Violation::message)
          .isEqualTo("eval.notes: not found in the predicate");
    }

    @Test
    void nullIsTestedWithAComparison() {
      assertThat(check("\"{{ eval.notes == null }}\"", "Equals", "true",
          "{\"eval\":{\"notes\":null}}")).isEmpty();
      assertThat(check("\"{{ eval.notes == null }}\"", "Equals", "true",
          "{\"eval\":{}}")).isEmpty();
      assertThat(check("\"{{ eval.notes == null }}\"", "Equals", "true",
          "{\"eval\":{\"notes\":\"n\"}}")).hasSize(1);
    }

    @Test
    void anExplicitNullIsNotANumber() {
      assertThat(check("\"{{ eval.accuracy }}\"", "GreaterThan", "0.5",
          "{\"eval\":{\"accuracy\":null}}")).singleElement().extracting(Violation::message)
          .asString().startsWith("eval.accuracy: expected GreaterThan 0.5, found null (");
    }

    @Test
    void anIndexOutOfRangeIsMissing() {
      assertThat(check("\"{{ runs[3].score }}\"", "Equals", "1", "{\"runs\":[{\"score\":1}]}"))
          .singleElement().extracting(Violation::message)
          .isEqualTo("runs[3].score: not found in the predicate");
      assertThat(check("\"{{ runs[-1].score }}\"", "Equals", "1", "{\"runs\":[{\"score\":1}]}"))
          .isEmpty();
    }

    @Test
    void quotedFieldNamesAreWalked() {
      assertThat(check("\"{{ \\\"model-card\\\".license }}\"", "Equals", "\"MIT\"",
          "{\"model-card\":{\"license\":\"MIT\"}}")).isEmpty();
    }

    @Test
    void aNonPathExpressionThatYieldsNullFails() {
      assertThat(check("\"{{ eval.missing || eval.alsoMissing }}\"", "Equals", "null",
          "{\"eval\":{}}")).singleElement().extracting(Violation::message).asString()
          .contains("evaluated to null");
    }

    @Test
    void aMissingValueExpressionFails() {
      assertThat(check("\"{{ eval.accuracy }}\"", "GreaterThan", "\"{{ thresholds.min }}\"",
          "{\"eval\":{\"accuracy\":0.9}}")).singleElement().extracting(Violation::message)
          .isEqualTo("eval.accuracy: cannot resolve the value: thresholds.min: not found in the "
              + "predicate");
    }

    @Test
    void aNullPredicateHasNothingInIt() {
      assertThat(Conditions.evaluate(Fixtures.single("\"{{ a }}\"", "Equals", "1"), null))
          .singleElement().extracting(Violation::message)
          .isEqualTo("a: not found in the predicate");
    }
  }

  @Nested
  class Expressions {

    @Test
    void valueExpressionsAreTyped() {
      assertThat(check("\"{{ eval.accuracy }}\"", "GreaterThanOrEquals", "\"{{ thresholds.min }}\"",
          "{\"eval\":{\"accuracy\":0.9},\"thresholds\":{\"min\":0.85}}")).isEmpty();
    }

    @Test
    void acceptsThePredicatePrefixAsAnAliasForTheRoot() {
      assertThat(check("\"{{ predicate.eval.accuracy }}\"", "GreaterThanOrEquals", "0.85",
          "{\"eval\":{\"accuracy\":0.91}}")).isEmpty();
      assertThat(check("\"{{ length(predicate.eval) }}\"", "Equals", "1",
          "{\"eval\":{\"accuracy\":0.91}}")).hasSize(1);
      assertThat(check("\"{{ predicate.eval.accuracy }}\"", "Equals", "0.91",
          "{\"eval\":{}}")).singleElement().extracting(Violation::message)
          .isEqualTo("predicate.eval.accuracy: not found in the predicate");
    }

    @Test
    void aRealTopLevelPredicateFieldWins() {
      String predicate = "{\"predicate\":{\"eval\":{\"accuracy\":0.5}},\"eval\":{\"accuracy\":0.9}}";

      assertThat(check("\"{{ predicate.eval.accuracy }}\"", "Equals", "0.5", predicate)).isEmpty();
    }

    @Test
    void aFieldMerelyStartingWithPredicateIsNotTheAlias() {
      assertThat(check("\"{{ predicateType }}\"", "Equals", "\"x\"", "{\"eval\":1}"))
          .singleElement().extracting(Violation::message)
          .isEqualTo("predicateType: not found in the predicate");
    }

    @Test
    void interpolatesInsideALargerString() {
      String predicate = "{\"name\":\"resnet\",\"version\":2.0,\"tags\":[\"a\",1]}";

      assertThat(check("\"model-{{ name }}\"", "Equals", "\"model-resnet\"", predicate)).isEmpty();
      assertThat(check("\"v{{ version }}\"", "Equals", "\"v2\"", predicate)).isEmpty();
      assertThat(check("\"{{ name }}:{{ tags }}\"", "Equals", "\"resnet:[\\\"a\\\",1]\"",
          predicate)).isEmpty();
      assertThat(check("\"model-{{ missing }}\"", "Equals", "\"x\"", predicate))
          .singleElement().extracting(Violation::message)
          .isEqualTo("missing: not found in the predicate");
    }

    @Test
    void aWholeExpressionKeepsItsType() {
      assertThat(check("\"{{ version }}\"", "Equals", "2", "{\"version\":2.0}")).isEmpty();
      assertThat(check("\" {{ version }}\"", "Equals", "\" 2\"", "{\"version\":2.0}")).isEmpty();
    }

    @Test
    void escapedBracesAreLiteral() {
      assertThat(check("\"\\\\{{ name }}\"", "Equals", "\"{{ name }}\"".replace("{{", "\\\\{{"),
          "{\"name\":\"x\"}")).isEmpty();
    }

    @Test
    void substitutedTextIsNeverEvaluatedAgain() {
      assertThat(check("\"x{{ name }}\"", "Equals", "\"x{{ secret }}\"".replace("{{", "\\\\{{"),
          "{\"name\":\"{{ secret }}\",\"secret\":\"s\"}")).isEmpty();
    }

    @Test
    void shallowSubstitutionSyntaxIsAccepted() {
      assertThat(check("\"{{- name }}\"", "Equals", "\"x\"", "{\"name\":\"x\"}")).isEmpty();
    }

    @Test
    void expressionsInsideListsAreSubstituted() {
      assertThat(check("\"{{ license }}\"", "AnyIn", "[\"{{ allowed[0] }}\",\"BSD-3-Clause\"]",
          "{\"license\":\"MIT\",\"allowed\":[\"MIT\"]}")).isEmpty();
    }

    @Test
    void expressionsInsideObjectsAreSubstituted() {
      String predicate = "{\"meta\":{\"name\":\"resnet\",\"size\":2},\"name\":\"resnet\"}";

      assertThat(check("\"{{ meta }}\"", "Equals", "{\"size\":2.0,\"name\":\"{{ name }}\"}",
          predicate)).isEmpty();
      assertThat(check("\"{{ meta }}\"", "Equals", "{\"size\":3,\"name\":\"{{ name }}\"}",
          predicate)).hasSize(1);
    }

    @Test
    void jmesPathFunctionsAndFiltersWork() {
      String predicate = "{\"tests\":[{\"name\":\"a\",\"passed\":true},{\"name\":\"b\","
          + "\"passed\":false}]}";

      assertThat(check("\"{{ length(tests[?passed]) }}\"", "Equals", "1", predicate)).isEmpty();
      assertThat(check("\"{{ tests[?!passed].name }}\"", "AllNotIn", "[\"b\"]", predicate))
          .hasSize(1);
    }

    @Test
    void aJmesPathRuntimeErrorIsAViolation() {
      assertThat(check("\"{{ length(n) }}\"", "Equals", "1", "{\"n\":5}"))
          .singleElement().extracting(Violation::message).asString()
          .startsWith("length(n): cannot be evaluated: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Equals", "equals", "EQUALS", "eQuAlS"})
    void operatorNamesAreCaseInsensitive(String operator) {
      assertThat(check("\"{{ a }}\"", operator, "1", "{\"a\":1}")).isEmpty();
    }

    @Test
    void violationsUseTheCanonicalOperatorName() {
      assertThat(check("\"{{ a }}\"", "greaterthanorequals", "2", "{\"a\":1}")).singleElement()
          .extracting(Violation::operator).isEqualTo("GreaterThanOrEquals");
    }
  }

  @Nested
  class NeverThrows {

    @Test
    void anInvalidConditionBuiltInCodeIsAViolation() {
      List<ConditionBlock> blocks = List.of(new ConditionBlock(List.of(new Condition(
          TextNode.valueOf("{{ a }}"), "Bogus", TextNode.valueOf("x"), null)), null));

      assertThat(Conditions.evaluate(blocks, json("{\"a\":\"x\"}"))).singleElement()
          .satisfies(v -> {
            assertThat(v.key()).isEqualTo("a");
            assertThat(v.message()).startsWith("invalid condition: unknown operator 'Bogus'");
          });
    }

    @Test
    void anUnterminatedExpressionBuiltInCodeIsAViolation() {
      List<ConditionBlock> blocks = List.of(new ConditionBlock(List.of(new Condition(
          TextNode.valueOf("{{ a"), "Equals", TextNode.valueOf("x"), "")), null));

      assertThat(Conditions.evaluate(blocks, json("{}"))).singleElement()
          .extracting(Violation::message).asString().contains("unterminated {{");
    }
  }
}
