package dev.modelseal.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SbomRulesTest {

  @Test
  void defaultsAreStrict() {
    SbomRules rules = SbomRules.defaults();

    assertThat(rules.requireModelComponent()).isTrue();
    assertThat(rules.requireDatasetLicenses()).isTrue();
    assertThat(rules.deniedLicenses()).isEmpty();
    assertThat(rules.requiredModelCardFields()).isEmpty();
    assertThat(rules.limits()).isEqualTo(new SbomLimits(16L * 1024 * 1024, 64, 50_000));
    assertThat(rules.hasMlRules()).isTrue();
  }

  @Test
  void copiesItsLists() {
    List<String> denied = new ArrayList<>(List.of("*-NC-*"));
    SbomRules rules = new SbomRules(false, false, denied, List.of(), SbomLimits.defaults());
    denied.add("MIT");

    assertThat(rules.deniedLicenses()).containsExactly("*-NC-*");
    assertThatThrownBy(() -> rules.deniedLicenses().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void hasNoMlRulesOnlyWhenAllAreOff() {
    assertThat(new SbomRules(false, false, List.of("*"), List.of(), SbomLimits.defaults())
            .hasMlRules())
        .isFalse();
    assertThat(new SbomRules(false, false, List.of(), List.of("a"), SbomLimits.defaults())
            .hasMlRules())
        .isTrue();
  }

  @Test
  void rejectsBlankGlobsAndNulls() {
    assertThatThrownBy(() -> new SbomRules(true, true, List.of(" "), List.of(), SbomLimits.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SbomRules(true, true, null, List.of(), SbomLimits.defaults()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SbomRules(true, true, List.of(), List.of(), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void limitsRejectNonPositiveValuesAndExcessiveDepth() {
    assertThatThrownBy(() -> new SbomLimits(0, 64, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SbomLimits(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SbomLimits(1, 64, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SbomLimits(1, SbomLimits.MAX_DEPTH_CEILING + 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(SbomLimits.MAX_DEPTH_CEILING));
  }
}
