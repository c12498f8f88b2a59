package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Serializes a {@link SignedMessage} or {@link SignedEnvelope} as the legacy bundle {@code cosign
 * sign-blob --bundle} / {@code attest-blob --bundle} writes in cosign 2.x: signature (or envelope),
 * base64 PEM certificate or key, and the Rekor SET with its payload (no inclusion proof).
 */
final class LegacyCosignBundle {
  private LegacyCosignBundle() {}

  static String json(SignedMessage message) {
    return json(message.signature(), message.verifierPem(), message.tlogEntry());
  }

  /**
   * Returns the bundle {@code cosign attest-blob --bundle} writes: {@code base64Signature} is the
   * base64 of the whole DSSE envelope JSON, not of a bare signature.
   */
  static String json(SignedEnvelope envelope) {
    String envelopeJson = envelope.envelopeJson();
    return json(Base64.getEncoder().encodeToString(envelopeJson.getBytes(StandardCharsets.UTF_8)),
        envelope.verifierPem(), envelope.tlogEntry());
  }

  private static String json(String base64Signature, String verifierPem, TlogEntry entry) {
    ObjectNode bundle = JsonText.object();
    bundle.put("base64Signature", base64Signature);
    bundle.put("cert", Base64.getEncoder().encodeToString(verifierPem.getBytes(StandardCharsets.UTF_8)));
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
