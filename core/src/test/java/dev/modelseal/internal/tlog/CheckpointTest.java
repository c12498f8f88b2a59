package dev.modelseal.internal.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
