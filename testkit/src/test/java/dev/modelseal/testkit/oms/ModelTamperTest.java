package dev.modelseal.testkit.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each {@link ModelTamper} leaves the signature alone and makes the model disagree with its manifest. */
class ModelTamperTest {
  @TempDir Path dir;
  Path model;
  OmsKeySigner signer = OmsKeySigner.create(EcCurve.P256);

  @BeforeEach
  void model() throws IOException {
    model = Files.createDirectory(dir.resolve("model"));
    Files.write(model.resolve("a.empty"), new byte[0]);
    ModelSigningTest.write(model.resolve("b.bin"), "bbbb");
    ModelSigningTest.write(model.resolve("c/d.bin"), "dddd");
  }

  @Test
  void modifiedByteChangesTheFirstNonEmptySignedFile() throws IOException {
    SignedModel signed = ModelSigning.shards(2).sign(model, signer);
    String bundle = Files.readString(signed.signature());

    signed.tamper(ModelTamper.MODIFIED_BYTE);

    assertThat(Files.readAllBytes(model.resolve("b.bin"))).containsExactly(~'b' & 0xff, 'b', 'b', 'b');
    assertThat(Files.readString(signed.signature())).isEqualTo(bundle);
    assertThat(ModelSigning.shards(2).resources(model)).isNotEqualTo(signed.resources());
  }

  @Test
  void addedFileAppearsOutsideTheManifest() throws IOException {
    ModelSigningTest.write(model.resolve("unsigned.bin"), "taken");
    SignedModel signed = ModelSigning.files().sign(model, signer);

    signed.tamper(ModelTamper.ADDED_FILE);

    assertThat(ModelSigningTest.names(ModelSigning.files().statement(model)))
        .containsExactly("a.empty", "b.bin", "c/d.bin", "unsigned-1.bin", "unsigned.bin");
  }

  @Test
  void removedFileIsASignedNonEmptyOne() throws IOException {
    SignedModel signed = ModelSigning.shards().sign(model, signer);

    signed.tamper(ModelTamper.REMOVED_FILE);

    assertThat(ModelSigningTest.names(ModelSigning.files().statement(model))).containsExactly("a.empty", "c/d.bin");
  }

  @Test
  void renamedFileKeepsItsContentUnderAnotherName() throws IOException {
    SignedModel signed = ModelSigning.files().sign(model, signer);

    signed.tamper(ModelTamper.RENAMED_FILE);

    assertThat(ModelSigningTest.names(ModelSigning.files().statement(model)))
        .containsExactly("a.empty", "b.bin.renamed", "c/d.bin");
    assertThat(Files.readString(model.resolve("b.bin.renamed"))).isEqualTo("bbbb");
  }

  @Test
  void singleFileModelsCanOnlyBeModified() throws IOException {
    Path file = ModelSigningTest.write(dir.resolve("single/model.gguf"), "gguf");
    SignedModel signed = ModelSigning.files().sign(file, signer);

    for (ModelTamper tamper : List.of(ModelTamper.ADDED_FILE, ModelTamper.REMOVED_FILE, ModelTamper.RENAMED_FILE)) {
      assertThatThrownBy(() -> signed.tamper(tamper))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs a model directory");
    }
    signed.tamper(ModelTamper.MODIFIED_BYTE);
    assertThat(ModelSigning.files().resources(file)).isNotEqualTo(signed.resources());
  }

  @Test
  void refusesAModelWithoutANonEmptyFile() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Files.write(empty.resolve("zero"), new byte[0]);
    SignedModel signed = ModelSigning.files().sign(empty, signer);

    assertThatThrownBy(() -> signed.tamper(ModelTamper.REMOVED_FILE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no non-empty signed file");
  }
}
