package dev.modelseal.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Formats and signs Rekor v1 checkpoints: C2SP signed notes over the log origin, tree size and
 * root hash, whose signature line names the signer and carries a 4-byte key hint.
 */
final class Checkpoint {
  /** The signature line starts with an em dash (U+2014) and a space (C2SP signed-note). */
  static final String SIGNATURE_PREFIX = "\u2014 ";
  private static final int KEY_HINT_LENGTH = 4;

  private Checkpoint() {}

  /** Returns the note body: {@code <origin>\n<size>\n<base64 root hash>\n}. */
  static String body(String origin, long treeSize, byte[] rootHash) {
    return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /**
   * Returns the signed note: the body, a blank line, then {@code — <signerName> <base64(key hint ||
   * ECDSA signature over the body)>}. The key hint is the first 4 bytes of the log ID.
   */
  static String sign(String body, String signerName, LogKey key) {
    byte[] signature = key.sign(body.getBytes(StandardCharsets.UTF_8));
    byte[] hintAndSignature = Arrays.copyOf(key.logId(), KEY_HINT_LENGTH + signature.length);
    System.arraycopy(signature, 0, hintAndSignature, KEY_HINT_LENGTH, signature.length);
    return body
        + "\n"
        + SIGNATURE_PREFIX
        + signerName
        + " "
        + Base64.getEncoder().encodeToString(hintAndSignature)
        + "\n";
  }
}
