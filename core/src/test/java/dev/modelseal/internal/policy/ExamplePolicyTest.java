package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplePolicyTest {

  private static final String POLICY = """
      [ { "all": [
          { "key": "{{ eval.accuracy }}", "operator": "GreaterThanOrEquals", "value": 0.85 },
          { "key": "{{ eval.safety_pass_rate }}", "operator": "GreaterThanOrEquals", "value": 0.99 }
      ] } ]""";

  private final List<ConditionBlock> blocks = Conditions.parse(json(POLICY));

  @Test
  void passesWhenBothMetricsMeetTheirThresholds() {
    JsonNode predicate = json("{\"eval\":{\"accuracy\":0.91,\"safety_pass_rate\":0.995}}");

    assertThat(Conditions.evaluate(blocks, predicate)).isEmpty();
  }

  @Test
  void failsNamingTheKeyWithExpectedAndFoundValues() {
    JsonNode predicate = json("{\"eval\":{\"accuracy\":0.80,\"safety_pass_rate\":0.995}}");

    List<Violation> violations = Conditions.evaluate(blocks, predicate);

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.key()).isEqualTo("eval.accuracy");
      assertThat(v.operator()).isEqualTo("GreaterThanOrEquals");
      assertThat(v.message())
          .isEqualTo("eval.accuracy: expected GreaterThanOrEquals 0.85, found 0.8");
    });
  }

  @Test
  void showsTheNumberAsWrittenWhenThePredicateKeepsExactDecimals() throws Exception {
    JsonMapper exact = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
    JsonNode predicate = exact.readTree("{\"eval\":{\"accuracy\":0.80,\"safety_pass_rate\":0.995}}");

    List<Violation> violations = Conditions.evaluate(blocks, predicate);

    assertThat(violations).singleElement().extracting(Violation::message)
        .isEqualTo("eval.accuracy: expected GreaterThanOrEquals 0.85, found 0.80");
  }

  @Test
  void reportsEveryFailingCondition() {
    JsonNode predicate = json("{\"eval\":{\"accuracy\":0.5,\"safety_pass_rate\":0.5}}");

    assertThat(Conditions.evaluate(blocks, predicate)).extracting(Violation::key)
        .containsExactly("eval.accuracy", "eval.safety_pass_rate");
  }

  @Test
  void aMissingMetricIsAViolation() {
    JsonNode predicate = json("{\"eval\":{\"safety_pass_rate\":0.995}}");

    assertThat(Conditions.evaluate(blocks, predicate)).singleElement()
        .extracting(Violation::message)
        .isEqualTo("eval.accuracy: not found in the predicate");
  }
}
