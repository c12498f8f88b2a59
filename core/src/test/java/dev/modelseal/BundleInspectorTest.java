package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.PredicateTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link BundleInspector} shows of a bundle it does not verify, in ModelSeal's one digest spelling. */
class BundleInspectorTest {
  @TempDir Path dir;

  @Test
  void aDsseBundleShowsItsStatementWithThePredicate() throws Exception {
    DeliveryUnit unit = FakeSigstore.create().deliveryUnit().write(dir);
    BundleSummary s = BundleInspector.inspect(unit.attestation().orElseThrow());
    assertThat(s.predicateType()).contains(PredicateTypes.COSIGN_CUSTOM);
    assertThat(s.subjects()).containsExactly(DeliveryUnit.DEFAULT_MODEL_NAME + " sha256:" + unit.modelSha256Hex());
    JsonNode statement = new ObjectMapper().readTree(s.statement().orElseThrow());
    assertThat(statement.path("predicateType").asText()).isEqualTo(PredicateTypes.COSIGN_CUSTOM);
    assertThat(statement.path("predicate").toString()).contains("0.91");
    assertThat(s.messageDigest()).isEmpty();
  }

  @Test
  void aMessageSignatureShowsItsDigestAsSha256AndNoStatement() throws Exception {
    DeliveryUnit unit = FakeSigstore.create().deliveryUnit().write(dir);
    BundleSummary s = BundleInspector.inspect(unit.signature().orElseThrow());
    assertThat(s.messageDigest()).contains("sha256:" + unit.modelSha256Hex());
    assertThat(s.statement()).isEmpty();
    assertThat(s.content()).isEqualTo("message signature");
  }

  @Test
  void aFileThatIsNoBundleIsRefusedAsMalformed() throws Exception {
    Path yaml = Files.writeString(dir.resolve("policy.yaml"), "apiVersion: v1\n");
    assertThatThrownBy(() -> BundleInspector.inspect(yaml)).isInstanceOfSatisfying(ModelVerificationException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BUNDLE));
  }
}
