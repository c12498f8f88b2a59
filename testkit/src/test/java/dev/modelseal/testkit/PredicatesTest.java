package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PredicatesTest {
  @Test
  void cosignCustomWrapsTheFileTextAsAStringWithAnRfc3339Timestamp() {
    String user = "{\"eval\":{\"accuracy\":0.91}}\n";

    String wrapped = Predicates.cosignCustom(user, Instant.parse("2026-10-01T12:34:56.789Z"));

    assertThat(wrapped).isEqualTo(
        "{\"Data\":\"{\\\"eval\\\":{\\\"accuracy\\\":0.91}}\\n\",\"Timestamp\":\"2026-10-01T12:34:56Z\"}");
    JsonNode parsed = BundleJson.parse(wrapped.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.get("Data").asText()).isEqualTo(user);
  }

  @Test
  void cosignCustomWrapsAnyTextAndStampsNow() {
    Instant before = Instant.now().minusSeconds(1);

    JsonNode parsed = BundleJson.parse(Predicates.cosignCustom("not json").getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.get("Data").asText()).isEqualTo("not json");
    assertThat(Instant.parse(parsed.get("Timestamp").asText())).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void predicateTypesAreCosignsUris() {
    assertThat(PredicateTypes.COSIGN_CUSTOM).isEqualTo("https://cosign.sigstore.dev/attestation/v1");
    assertThat(PredicateTypes.CYCLONEDX).isEqualTo("https://cyclonedx.org/bom");
    assertThat(PredicateTypes.SLSA_PROVENANCE_V1).isEqualTo("https://slsa.dev/provenance/v1");
  }
}
