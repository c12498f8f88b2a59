package dev.modelseal.internal.sbom;

import static dev.modelseal.internal.sbom.BomFixtures.bytes;
import static dev.modelseal.internal.sbom.BomFixtures.mlBom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.internal.sbom.SbomException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BomJsonReaderTest {

  private static final SbomLimits LIMITS = SbomLimits.defaults();

  private static BomDocument read(String json) throws SbomException {
    return BomJsonReader.read(json.getBytes(StandardCharsets.UTF_8), LIMITS);
  }

  private static Reason reasonOf(String json) {
    try {
      read(json);
    } catch (SbomException e) {
      return e.reason();
    }
    throw new AssertionError("expected an SbomException for " + json);
  }

  @Test
  void readsTreeAndDeclaredSpecVersion() throws SbomException {
    BomDocument document = BomJsonReader.read(bytes(mlBom()), LIMITS);

    assertThat(document.declaredSpecVersion()).isEqualTo("1.6");
    assertThat(document.tree().at("/components/0/name").asText()).isEqualTo("sentiment-bert");
  }

  @Test
  void takesSpecVersionOnlyFromTheRoot() throws SbomException {
    BomDocument document = read("{\"metadata\":{\"specVersion\":\"1.6\"}}");

    assertThat(document.declaredSpecVersion()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "[]",
        "\"bom\"",
        "{\"specVersion\":\"1.6\"",
        "{\"specVersion\":\"1.6\",}",
        "{\"specVersion\":\"1.6\"} {}",
        "{\"specVersion\":\"1.6\"} x",
        "{\"specVersion\":\"1.5\",\"specVersion\":\"1.6\"}",
        "{\"a\":{\"b\":1,\"b\":2}}"
      })
  void rejectsAnythingButOneWellFormedObjectWithUniqueKeys(String json) {
    assertThat(reasonOf(json)).isEqualTo(Reason.MALFORMED_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-32BE"})
  void refusesABomThatIsNotUtf8(String charset) {
    byte[] encoded = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}".getBytes(java.nio.charset.Charset.forName(charset));
    assertThatThrownBy(() -> BomJsonReader.read(encoded, LIMITS))
        .isInstanceOfSatisfying(SbomException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON))
        .hasMessageContaining("a NUL byte at offset");
  }

  @Test
  void namesTheDuplicateKeyAndItsLine() {
    assertThatThrownBy(() -> read("{\n\"version\":1,\n\"version\":2}"))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("version")
        .hasMessageContaining("line 3");
  }

  @Test
  void acceptsNestingExactlyAtTheLimit() throws SbomException {
    SbomLimits limits = new SbomLimits(1024, 3, 10);

    BomJsonReader.read("{\"a\":[{}]}".getBytes(StandardCharsets.UTF_8), limits);

    assertThatThrownBy(
            () -> BomJsonReader.read("{\"a\":[{\"b\":[]}]}".getBytes(StandardCharsets.UTF_8), limits))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("'/a/0/b'")
        .extracting(e -> ((SbomException) e).reason())
        .isEqualTo(Reason.TOO_DEEP);
  }

  @Test
  void rejectsDeepObjectNestingWithoutError() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

    assertThat(reasonOf(deep)).isEqualTo(Reason.TOO_DEEP);
  }

  @Test
  void rejectsOversizeInputBeforeLookingAtIt() {
    byte[] garbage = new byte[1025];

    assertThatThrownBy(() -> BomJsonReader.read(garbage, new SbomLimits(1024, 8, 8)))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("1025 bytes")
        .extracting(e -> ((SbomException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void countsObjectsInEveryWalkedArrayButNoOthers() throws SbomException {
    SbomLimits limits = new SbomLimits(1024, 8, 2);
    String json = "{\"components\":[{\"components\":[{}]}],\"other\":[{},{},{}]}";

    BomJsonReader.read(json.getBytes(StandardCharsets.UTF_8), limits);

    for (String three :
        List.of(
            "{\"components\":[{\"components\":[{},{}]}]}",
            "{\"services\":[{},{},{}]}",
            "{\"services\":[{\"services\":[{},{}]}]}",
            "{\"components\":[{\"pedigree\":{\"ancestors\":[{}],\"descendants\":[{}]}}]}",
            "{\"components\":[{\"pedigree\":{\"variants\":[{},{}]}}]}")) {
      assertThatThrownBy(() -> BomJsonReader.read(three.getBytes(StandardCharsets.UTF_8), limits))
          .as(three)
          .isInstanceOf(SbomException.class)
          .extracting(e -> ((SbomException) e).reason())
          .isEqualTo(Reason.TOO_MANY_COMPONENTS);
    }
  }
}
