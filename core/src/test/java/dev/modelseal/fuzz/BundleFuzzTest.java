package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.bundle.BundleParser;
import dev.modelseal.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Sigstore bundles (v0.1–v0.3), legacy cosign bundles and DSSE envelopes, as {@link BundleParser} reads them. */
class BundleFuzzTest {
  /** A v0.3 bundle's head: the fuzzed DSSE envelope JSON is spliced in after it. */
  private static final byte[] ENVELOPE_PREFIX =
      ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
          + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"fuzz\"}},\"dsseEnvelope\":")
          .getBytes(StandardCharsets.UTF_8);

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void sigstoreBundle(byte[] input) {
    parse(input);
  }

  /** Same parser, seeded with legacy cosign bundles ({@code base64Signature}, {@code rekorBundle}). */
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void legacyCosignBundle(byte[] input) {
    parse(input);
  }

  /** The {@code dsseEnvelope} of a v0.3 bundle: payload, payloadType and signatures. */
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void dsseEnvelope(byte[] envelope) {
    byte[] bundle = new byte[ENVELOPE_PREFIX.length + envelope.length + 1];
    System.arraycopy(ENVELOPE_PREFIX, 0, bundle, 0, ENVELOPE_PREFIX.length);
    System.arraycopy(envelope, 0, bundle, ENVELOPE_PREFIX.length, envelope.length);
    bundle[bundle.length - 1] = '}';
    parse(bundle);
  }

  private static void parse(byte[] input) {
    try {
      ObjectNode root = StrictJson.readObject(input, "fuzz", Reason.MALFORMED_BUNDLE);
      BundleParser.parse(root, "fuzz");
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
