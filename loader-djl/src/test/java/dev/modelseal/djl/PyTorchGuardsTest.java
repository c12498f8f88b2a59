package dev.modelseal.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch checks run on the verified bytes before the engine is looked up, so they are tested
 * here without LibTorch on the class path: bytes that pass reach the engine lookup, which fails.
 */
class PyTorchGuardsTest {
  @TempDir Path dir;

  private static Block block() {
    return Linear.builder().setUnits(2).build();
  }

  @Test
  void refusesAStreamThatIsNotATorchScriptArchive() throws Exception {
    byte[] pickle = {(byte) 0x80, 0x02, 'c', 't', 'o', 'r', 'c', 'h'}; // a legacy torch.save pickle
    try (VerifiedModel verified = Signed.model(dir, "model.pt", pickle)) {
      ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified, DjlLoader.PYTORCH));
      assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
      assertThat(e.getMessage()).isEqualTo("model.pt: a PyTorch model read from a stream must be a TorchScript"
          + " archive (a ZIP file, \"PK\\3\\4\"); for DJL parameters (\"DJL@\") use loadParameters with the block;"
          + " found 0x80026374");
    }
  }

  @Test
  void refusesDjlParametersLoadedAsATorchScriptModel() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "model.params", "DJL@\0\0\0\1".getBytes())) {
      assertThat(catchThrowableOfType(ModelVerificationException.class,
          () -> DjlLoader.load(verified, DjlLoader.PYTORCH)).getMessage()).contains("use loadParameters");
    }
  }

  @Test
  void passesAZipToTheEngine() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "model.pt", new byte[] {'P', 'K', 3, 4, 0, 0})) {
      assertThatThrownBy(() -> DjlLoader.load(verified, DjlLoader.PYTORCH))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no DJL engine \"PyTorch\"");
    }
  }

  @Test
  void refusesParametersWithoutTheDjlMagic() throws Exception {
    // PyTorch's readParameters returns quietly on such bytes and leaves the block uninitialized.
    for (byte[] bytes : new byte[][] {"PK\3\4 a TorchScript archive".getBytes(), "DJL".getBytes(), new byte[0]}) {
      try (VerifiedModel verified = Signed.model(dir.resolve("p" + bytes.length), "model-0000.params", bytes)) {
        ModelVerificationException e = catchThrowableOfType(ModelVerificationException.class,
            () -> DjlLoader.loadParameters(verified, DjlLoader.PYTORCH, block()));
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MODEL);
        assertThat(e.getMessage()).startsWith("model-0000.params: DJL parameters (Model.save output) start with \"DJL@\"; found ");
      }
    }
  }

  @Test
  void passesDjlParametersToTheEngine() throws Exception {
    try (VerifiedModel verified = Signed.model(dir, "model-0000.params", "DJL@\0\0\0\1".getBytes())) {
      assertThatThrownBy(() -> DjlLoader.loadParameters(verified, DjlLoader.PYTORCH, block()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no DJL engine \"PyTorch\"");
    }
  }
}
