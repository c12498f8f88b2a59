package dev.modelseal.internal.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.trust.LogKey;
import dev.modelseal.internal.trust.ValidFor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  private static final String ROOT = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String SIG = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6});

  @Test
  void parsesOriginSizeRootAndSignatures() {
    Checkpoint c = Checkpoint.parse("log.example - 7\n12\n" + ROOT + "\n\n\u2014 log.example " + SIG + "\n"
        + "\u2014 witness " + SIG + "\n");
    assertThat(c.origin()).isEqualTo("log.example - 7");
    assertThat(c.size()).isEqualTo(12);
    assertThat(c.signatures()).hasSize(2);
    assertThat(c.signatures().get(0).keyHint().hex()).isEqualTo("01020304");
    assertThat(c.body()).isEqualTo("log.example - 7\n12\n" + ROOT + "\n");
  }

  @Test
  void rejectsMalformedNotes() {
    String sig = "\n\n\u2014 n " + SIG + "\n";
    assertThatThrownBy(() -> Checkpoint.parse("o\n12\n" + ROOT)).hasMessageContaining("blank line");
    assertThatThrownBy(() -> Checkpoint.parse("12\n" + ROOT + sig)).hasMessageContaining("origin");
    assertThatThrownBy(() -> Checkpoint.parse("o\nx\n" + ROOT + sig)).hasMessageContaining("size");
    assertThatThrownBy(() -> Checkpoint.parse("o\n-1\n" + ROOT + sig)).hasMessageContaining("negative");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\nAAAA" + sig)).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + ROOT + "\n\n")).hasMessageContaining("no signature");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + ROOT + "\n\n- n " + SIG)).hasMessageContaining("em dash");
    assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + ROOT + "\n\n\u2014 n AQ==")).hasMessageContaining("too short");
  }

  @Test
  void capsTheSignatureLinesBeforeParsingThem() {
    String body = "log.example - 7\n12\n" + ROOT + "\n\n";
    String line = "\u2014 witness " + SIG + "\n";
    assertThat(Checkpoint.parse(body + line.repeat(Checkpoint.MAX_SIGNATURES)).signatures())
        .hasSize(Checkpoint.MAX_SIGNATURES);
    assertThatThrownBy(() -> Checkpoint.parse(body + line.repeat(Checkpoint.MAX_SIGNATURES + 1)))
        .hasMessageContaining("more than the limit of " + Checkpoint.MAX_SIGNATURES);
    assertThatThrownBy(() -> Checkpoint.parse(body + line.repeat(Checkpoint.MAX_SIGNATURES) + "\u2014 x " + SIG))
        .hasMessageContaining("more than the limit");
    assertThatThrownBy(() -> Checkpoint.parse(body + line.repeat(200_000)))
        .hasMessageContaining("200000 signature lines");
  }

  /**
   * Only the first line naming the log with its key hint is verified: when that one fails, the note
   * is rejected even if a later line would verify, so hostile lines cost one verification in all.
   */
  @Test
  void verifiesOnlyTheFirstLineOfTheLogsKey() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
    Bytes keyId = Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
    LogKey log = new LogKey("https://log.example", keyId, keys.getPublic(),
        new ValidFor(Instant.now().minus(Duration.ofDays(1)), null));
    String body = "log.example - 7\n12\n" + ROOT + "\n";
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(keys.getPrivate());
    ecdsa.update(body.getBytes(StandardCharsets.UTF_8));
    byte[] sig = ecdsa.sign();
    String good = line(keyId, sig);
    byte[] forged = sig.clone();
    forged[forged.length - 1] ^= 1;
    String bad = line(keyId, forged);

    assertThat(Checkpoint.parse(body + "\n" + good).signedBy(log)).isTrue();
    assertThat(Checkpoint.parse(body + "\n" + "\u2014 witness " + SIG + "\n" + good).signedBy(log)).isTrue();
    assertThat(Checkpoint.parse(body + "\n" + bad + good).signedBy(log)).isFalse();
    assertThat(Checkpoint.parse(body + "\n" + bad.repeat(Checkpoint.MAX_SIGNATURES - 1) + good).signedBy(log))
        .isFalse();
  }

  private static String line(Bytes keyId, byte[] sig) {
    ByteArrayOutputStream hintAndSig = new ByteArrayOutputStream();
    hintAndSig.writeBytes(keyId.prefix(4).toArray());
    hintAndSig.writeBytes(sig);
    return "\u2014 log.example " + Base64.getEncoder().encodeToString(hintAndSig.toByteArray()) + "\n";
  }
}
