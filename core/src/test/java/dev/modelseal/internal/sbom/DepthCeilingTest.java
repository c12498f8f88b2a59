package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.MODEL_DIGESTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Shows that a BOM nested right up to the depth ceiling is checked without exhausting the stack. */
class DepthCeilingTest {

  /** Deepest chain of nested components that still fits the ceiling (object + array per level). */
  private static final int LEVELS = (SbomLimits.MAX_DEPTH_CEILING - 1) / 2;

  /** A quarter of HotSpot's default 1 MiB thread stack on x64, as found in tuned servers. */
  private static final long STACK_BYTES = 256 * 1024;

  @Test
  void checksComponentsNestedToTheCeilingOnASmallStack() throws Exception {
    StringBuilder json =
        new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"");
    for (int i = 0; i < LEVELS; i++) {
      json.append(",\"components\":[{\"type\":\"library\",\"name\":\"n").append(i).append('"');
    }
    json.append("}]".repeat(LEVELS)).append('}');
    byte[] bom = json.toString().getBytes();
    SbomRules rules =
        new SbomRules(false, false, List.of("*-NC-*"), List.of(),
            new SbomLimits(1 << 20, SbomLimits.MAX_DEPTH_CEILING, 1_000));

    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(SbomChecker.check(bom, rules, MODEL_DIGESTS));
              } catch (Throwable t) {
                outcome.set(t);
              }
            },
            "small-stack",
            STACK_BYTES);
    thread.start();
    thread.join();

    assertThat(outcome.get()).isInstanceOf(SbomResult.class);
    assertThat(((SbomResult) outcome.get()).violations()).isEmpty();
  }
}
