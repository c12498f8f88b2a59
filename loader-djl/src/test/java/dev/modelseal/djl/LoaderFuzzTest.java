package dev.modelseal.djl;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.ModelVerificationException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for what loader-djl reads from verified model bytes before an engine sees them: the
 * safetensors header ({@link SafetensorsHeader}) and the ONNX external-data scan ({@link
 * OnnxExternalData}, package-private, hence this package rather than a {@code fuzz} one). The
 * property: the scan returns or throws {@link ModelVerificationException}, within the timeout;
 * anything else is a finding. {@code fuzz/run} fuzzes them; {@code mvn test} replays their seeds.
 */
class LoaderFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void safetensorsHeader(byte[] file) {
    try {
      SafetensorsHeader.validate(List.of(ByteBuffer.wrap(file)), "fuzz");
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void onnxExternalData(byte[] model) {
    try {
      OnnxExternalData.requireNone(new ChunkedBytes(List.of(ByteBuffer.wrap(model))), "fuzz");
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
