package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.BundleInspector;
import dev.modelseal.BundleVerifier;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.DeliveryUnit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzed evidence through the public API: {@link BundleInspector#inspect}, {@link
 * BundleVerifier#verify} and {@link VerifiedModel#load}. The input is a {@link Pair}: a trusted
 * root, then a bundle, so seeds made by any fake Sigstore verify all the way and the fuzzer mutates
 * evidence that is valid up to the byte it changes. The policy allows the testkit's default signer.
 */
class EndToEndFuzzTest {
  // Built when the class loads, before the fuzzer starts timing inputs.
  private static final Path MODEL = model();

  private static Path model() {
    FuzzFixtures f = FuzzFixtures.get();
    try {
      Path dir = Files.createDirectories(f.scratch.resolve("end-to-end"));
      Path model = Files.copy(f.unit.model(), dir.resolve(f.unit.model().getFileName()));
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void evidence(byte[] input) throws IOException {
    Pair p = Pair.split(input);
    Path m = MODEL;
    Path bundle = Files.write(m.resolveSibling("evidence.json"), p.second());
    try {
      BundleInspector.inspect(bundle);
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
    Policy policy;
    try {
      policy = Policy.builder()
          .trustRoot(TrustRoot.fromJson(new ByteArrayInputStream(p.first()), "fuzz"))
          .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER)
          .build();
    } catch (ModelVerificationException expected) {
      return;
    }
    try {
      BundleVerifier.verify(bundle, m, policy);
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
    try (VerifiedModel verified = VerifiedModel.load(m, policy, LoadOptions.builder().bundle(bundle).build())) {
      verified.digests();
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
