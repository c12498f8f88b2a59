package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * DSSE (Dead Simple Signing Envelope) v1: the envelope JSON in the byte form cosign uploads and
 * embeds; what is signed is {@link dev.modelseal.testkit.internal.Pae}.
 */
final class Dsse {
  /** The payload type of an in-toto statement. */
  static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private Dsse() {}

  /**
   * Returns the envelope as cosign's Go structs serialize it, compact and in field order: {@code
   * {"payloadType":..,"payload":<b64>,"signatures":[{"keyid":"","sig":<b64>}]}}. This is what
   * {@code cosign attest-blob} puts, base64-encoded, in a legacy bundle's {@code base64Signature}
   * and what Rekor's {@code dsse} type hashes into {@code envelopeHash}.
   */
  static String envelopeJson(String payloadType, byte[] payload, byte[] signature) {
    Base64.Encoder base64 = Base64.getEncoder();
    ObjectNode envelope = JsonText.object();
    envelope.put("payloadType", payloadType);
    envelope.put("payload", base64.encodeToString(payload));
    ObjectNode sig = envelope.putArray("signatures").addObject();
    sig.put("keyid", "");
    sig.put("sig", base64.encodeToString(signature));
    return JsonText.compact(envelope);
  }
}
