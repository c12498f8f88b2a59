package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Serializes a {@link SignedMessage} as the legacy bundle {@code cosign sign-blob --bundle} writes
 * in cosign 2.x: signature, base64 PEM certificate or key, and the Rekor SET with its payload (no
 * inclusion proof).
 */
final class LegacyCosignBundle {
  private LegacyCosignBundle() {}

  static String json(SignedMessage message) {
    TlogEntry entry = message.tlogEntry();
    ObjectNode bundle = JsonText.object();
    bundle.put("base64Signature", message.signature());
    bundle.put("cert", Base64.getEncoder()
        .encodeToString(message.verifierPem().getBytes(StandardCharsets.UTF_8)));
    ObjectNode rekorBundle = bundle.putObject("rekorBundle");
    rekorBundle.put("SignedEntryTimestamp", entry.signedEntryTimestamp());
    ObjectNode payload = rekorBundle.putObject("Payload");
    payload.put("body", entry.canonicalizedBody());
    payload.put("integratedTime", entry.integratedTime());
    payload.put("logIndex", entry.logIndex());
    payload.put("logID", entry.logIdHex());
    return JsonText.print(bundle);
  }
}
