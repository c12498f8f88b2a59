package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCardPathTest {

  private static final JsonNode CARD =
      parse(
          """
          {"modelParameters": {"task": "classification", "blank": "  ", "none": null,
                               "datasets": [{"ref": "d1"}], "noDatasets": [], "empty": {},
                               "epochs": 3, "frozen": false}}
          """);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "modelParameters.task, true",
    "modelParameters.datasets, true",
    "modelParameters.datasets.0.ref, true",
    "modelParameters.datasets.1.ref, false",
    "modelParameters.epochs, true",
    "modelParameters.frozen, true",
    "modelParameters.blank, false",
    "modelParameters.none, false",
    "modelParameters.noDatasets, false",
    "modelParameters.empty, false",
    "modelParameters.missing, false",
    "modelParameters.task.deeper, false",
    "quantitativeAnalysis, false"
  })
  void resolvesPresenceAndNonEmptiness(String path, boolean present) {
    assertThat(ModelCardPath.parse(path).isPresentIn(CARD)).isEqualTo(present);
  }

  @Test
  void findsNothingInAMissingCard() {
    assertThat(ModelCardPath.parse("modelParameters.task").isPresentIn(CARD.path("absent")))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a b", "a/b", "$.a"})
  void rejectsMalformedPaths(String path) {
    assertThatThrownBy(() -> ModelCardPath.parse(path))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
