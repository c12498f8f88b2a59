package dev.modelseal.djl;

import dev.modelseal.VerifiedArtifact;
import dev.modelseal.VerifiedFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.util.Utils;
import dev.modelseal.VerifiedModel;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedArtifactTest {
  @TempDir Path dir;

  @Test
  void wrapsASingleVerifiedFileWithoutItsPath() throws Exception {
    byte[] bytes = "the verified bytes".getBytes();
    try (VerifiedModel verified = Signed.model(dir, "resnet.v2.onnx", bytes)) {
      VerifiedArtifact artifact = verified.artifact();
      assertThat(artifact.name()).isEqualTo("resnet.v2");
      assertThat(artifact.files()).containsOnlyKeys("resnet.v2.onnx");
      VerifiedFile file = artifact.file("resnet.v2.onnx").orElseThrow();
      assertThat(file.size()).isEqualTo(bytes.length);
      assertThat(file.digest()).contains("sha256:" + verified.digests().sha256());
      Files.delete(dir.resolve("resnet.v2.onnx")); // nothing below may need the path
      try (InputStream in = file.openStream()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
      try (InputStream in = file.openStream()) {
        assertThat(in.readAllBytes()).as("every stream is fresh").isEqualTo(bytes);
      }
      assertThat(file.buffers()).allSatisfy(b -> assertThat(b.isReadOnly()).isTrue());
      assertThat(artifact.file("other")).isEmpty();
      assertThatThrownBy(() -> artifact.files().clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThat(file.toString()).contains("resnet.v2.onnx").contains(verified.digests().sha256());
    }
  }

  @Test
  void readsAcrossChunksByAbsolutePosition() {
    byte[] all = new byte[100];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    List<ByteBuffer> chunks = new ArrayList<>();
    int[] sizes = {0, 7, 1, 0, 50, 42};
    int at = 0;
    for (int s : sizes) {
      chunks.add(ByteBuffer.wrap(all, at, s).slice().asReadOnlyBuffer());
      at += s;
    }
    ChunkedBytes bytes = new ChunkedBytes(chunks);
    assertThat(bytes.size()).isEqualTo(100);
    for (int i = 99; i >= 0; i -= 3) {
      assertThat(bytes.get(i)).isEqualTo(i);
    }
    assertThat(bytes.read(5, 10)).containsExactly(5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    assertThat(bytes.read(0, 100)).isEqualTo(all);
    assertThatThrownBy(() -> bytes.get(100)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> bytes.read(95, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(chunks).allSatisfy(c -> assertThat(c.position()).isZero());
  }

  @Test
  void testsRunWithDjlOffline() {
    // Guards the surefire configuration: online, DJL's Engine would query EC2 instance metadata.
    assertThat(Utils.isOfflineMode()).isTrue();
    assertThat(Boolean.getBoolean("ai.djl.onnx.disable_alternative")).isTrue();
  }
}
