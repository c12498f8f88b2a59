package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.delivery.DeliveryUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** A delivery unit's {@code metadata.json}, as {@link DeliveryUnit#discover} reads it next to the model. */
class DeliveryUnitFuzzTest {
  // Built when the class loads, before the fuzzer starts timing inputs.
  private static final Path MODEL = model();

  private static Path model() {
    FuzzFixtures f = FuzzFixtures.get();
    try {
      Path dir = Files.createDirectories(f.scratch.resolve("delivery"));
      Path model = Files.copy(f.unit.model(), dir.resolve(f.unit.model().getFileName()));
      for (Path evidence : List.of(f.unit.signature().orElseThrow(),
          f.unit.attestation().orElseThrow(), f.unit.sbom().orElseThrow())) {
        Files.copy(evidence, dir.resolve(evidence.getFileName()));
      }
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void metadataJson(byte[] metadata) throws IOException {
    Path m = MODEL;
    Files.write(m.resolveSibling(DeliveryUnit.METADATA), metadata);
    try {
      DeliveryUnit.discover(m);
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
