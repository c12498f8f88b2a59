package dev.modelseal.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
  private static final String DOCUMENT = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{}}";

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
  void refusesJsonThatIsNotUtf8(String charset) throws Exception {
    byte[] encoded = DOCUMENT.getBytes(Charset.forName(charset));
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
        () -> StrictJson.readObject(encoded, "statement", Reason.MALFORMED_BUNDLE));
    assertThat(e).as("Jackson alone reads %s", charset).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(e.getMessage()).startsWith("statement: not valid JSON: a NUL byte at offset ")
        .contains("UTF-16 and UTF-32 are refused");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\"\u0000\"}", "{\"a\":1}\u0000"})
  void refusesARawNulAnywhere(String json) {
    ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
        () -> StrictJson.readObject(json.getBytes(StandardCharsets.UTF_8), "f", Reason.MALFORMED_BUNDLE));
    assertThat(e.getMessage()).contains("a NUL byte at offset " + json.indexOf('\u0000'));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\"\\u0000\"}", "{\"a\":\"é\"}"})
  void acceptsUtf8AndAnEscapedNul(String json) throws Exception {
    assertThat(StrictJson.readObject(json.getBytes(StandardCharsets.UTF_8), "f", Reason.MALFORMED_BUNDLE)
        .has("a")).isTrue();
  }
}
