package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.mlBom;
import static dev.modelseal.internal.sbom.BomFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cyclonedx.Version;
import org.junit.jupiter.api.Test;

class BomSchemaValidatorTest {

  @Test
  void returnsTheDeclaredVersionForAValidBom() throws SbomException {
    assertThat(BomSchemaValidator.validate(mlBom(), "1.6")).isEqualTo(Version.VERSION_16);
  }

  @Test
  void showsTheRootAsSlash() {
    assertThatThrownBy(() -> BomSchemaValidator.validate(parse("{\"specVersion\":\"1.6\"}"), "1.6"))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("at '/'")
        .hasMessageContaining("bomFormat");
  }

  @Test
  void rejectsUnknownPropertiesWhereTheSchemaForbidsThem() {
    ObjectNode bom = mlBom();
    ((ObjectNode) bom.at("/components/0/modelCard/modelParameters")).put("secretSauce", true);

    assertThatThrownBy(() -> BomSchemaValidator.validate(bom, "1.6"))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("/components/0/modelCard/modelParameters")
        .extracting(e -> ((SbomException) e).reason())
        .isEqualTo(Reason.SCHEMA_INVALID);
  }

  @Test
  void assertsDateTimeFormat() {
    ObjectNode bom = mlBom();
    ((ObjectNode) bom.get("metadata")).put("timestamp", "yesterday");

    assertThatThrownBy(() -> BomSchemaValidator.validate(bom, "1.6"))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("/metadata/timestamp");
  }

  @Test
  void validatesConcurrentlyWithOneCachedSchema() throws Exception {
    ObjectNode valid = mlBom();
    ObjectNode invalid = mlBom();
    ((ObjectNode) invalid.at("/components/1")).put("type", "dataset");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        ObjectNode bom = i % 2 == 0 ? valid : invalid;
        tasks.add(() -> isValid(bom));
      }
      List<Future<Boolean>> results = pool.invokeAll(tasks);
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean isValid(ObjectNode bom) {
    try {
      BomSchemaValidator.validate(bom, "1.5");
      return true;
    } catch (SbomException e) {
      return false;
    }
  }
}
