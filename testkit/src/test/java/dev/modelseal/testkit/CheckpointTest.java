package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  private static final byte[] ROOT = Sha256.of("root".getBytes(StandardCharsets.UTF_8));

  @Test
  void bodyHasOriginSizeAndRootOnThreeLines() {
    assertThat(Checkpoint.body("rekor.modelseal.test - 42", 7, ROOT))
        .isEqualTo("rekor.modelseal.test - 42\n7\n" + Base64.getEncoder().encodeToString(ROOT) + "\n");
  }

  @Test
  void signedNoteIsBodyBlankLineAndOneEmDashSignatureLine() throws Exception {
    LogKey key = LogKey.generate();
    String body = Checkpoint.body("origin", 3, ROOT);

    String note = Checkpoint.sign(body, "rekor.modelseal.test", key);

    assertThat(note).startsWith(body + "\n\u2014 rekor.modelseal.test ").endsWith("\n");
    assertThat(note.split("\n\n", -1)).hasSize(2);
    assertSignedBy(key, body, note);
  }

  @Test
  void logCheckpointsNameTheBaseUrlHostAndCommitToTheProofRoot() throws Exception {
    RekorLog log = RekorLog.create();

    TlogEntry entry = log.append("{}".getBytes(StandardCharsets.UTF_8), Instant.now());

    String body = log.origin() + "\n" + entry.treeSize() + "\n" + entry.rootHash() + "\n";
    assertThat(log.origin()).matches("rekor\\.modelseal\\.test - \\d+");
    assertThat(entry.checkpoint()).startsWith(body + "\n\u2014 " + RekorLog.NAME + " ");
    assertThat(RekorLog.NAME).isEqualTo("rekor.modelseal.test");
    assertSignedBy(log.key(), body, entry.checkpoint());
  }

  /** Checks the key hint (first 4 bytes of the log ID) and the ECDSA signature over the body. */
  private static void assertSignedBy(LogKey key, String body, String note) throws Exception {
    String line = note.substring(body.length() + 1, note.length() - 1);
    byte[] hintAndSignature = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
    assertThat(Arrays.copyOf(hintAndSignature, 4)).isEqualTo(Arrays.copyOf(key.logId(), 4));
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key.publicKey());
    verifier.update(body.getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Arrays.copyOfRange(hintAndSignature, 4, hintAndSignature.length))).isTrue();
  }
}
