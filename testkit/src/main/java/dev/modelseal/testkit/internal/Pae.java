package dev.modelseal.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** DSSE v1's pre-authentication encoding: what a DSSE signature signs. */
public final class Pae {
  private Pae() {}

  /**
   * Returns PAE(type, payload) = {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}
   * (DSSE protocol spec). Lengths count UTF-8 <em>bytes</em>, as ASCII decimals without leading
   * zeros; counting UTF-16 chars breaks every non-ASCII payload.
   */
  public static byte[] of(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
