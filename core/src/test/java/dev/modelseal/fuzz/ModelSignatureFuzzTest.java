package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.bundle.BundleParser;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.oms.OmsManifest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * OpenSSF Model Signing input: a {@code model.sig} as the relaxed model_signing bundle parser reads
 * it, and an in-toto statement as {@link OmsManifest} reads its manifest and checks its root digest.
 */
class ModelSignatureFuzzTest {
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void modelSignature(byte[] bundle) {
    try {
      ObjectNode root = StrictJson.readObject(bundle, "fuzz", Reason.MALFORMED_BUNDLE);
      BundleParser.parseModelSigning(root, "fuzz");
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void manifest(byte[] payload) {
    try {
      OmsManifest manifest = OmsManifest.parse(Statement.parse(Statement.PAYLOAD_TYPE, payload, "fuzz"), "fuzz");
      manifest.checkRootDigest();
      manifest.modelDigest();
    } catch (ModelVerificationException expected) {
      // the documented refusal
    }
  }
}
