package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelseal.internal.delivery.EvidenceFiles;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.spi.EvidenceLocator;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeylessSigner;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evidence is bounded in size and count before it is parsed, read once per physical file, and
 * only from regular files; a model the heap cannot hold is refused before it is read.
 */
class BoundedEvidenceTest {
  private static final String ID = "bounds@example.com";
  private static final String ISSUER = "https://issuer.example";
  private static final String CUSTOM = "https://cosign.sigstore.dev/attestation/v1";
  private static final Duration QUICKLY = Duration.ofSeconds(20);

  @TempDir Path dir;
  private KeylessSigner signer;
  private Policy policy;
  private Path model;

  @BeforeEach
  void setUp() throws Exception {
    FakeSigstore sigstore = FakeSigstore.create();
    signer = sigstore.signer(ID, ISSUER);
    policy = Policy.builder().trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("root.json"))))
        .allowIdentity(ID, ISSUER).build();
    model = Files.writeString(dir.resolve("model.onnx"), "weights");
    signer.signBundle(model, dir.resolve("model.onnx.bundle"));
  }

  private Path attestation(String name) {
    return signer.attest(model, CUSTOM, "{\"data\": {}}", dir.resolve(name));
  }

  private static Reason reasonOf(ThrowingCallable call) {
    Reason[] reason = new Reason[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(ModelVerificationException.class, e -> reason[0] = e.reason());
    return reason[0];
  }

  private Reason loadReason(LoadOptions options) {
    return assertTimeoutPreemptively(QUICKLY, () -> reasonOf(() -> VerifiedModel.load(model, policy, options)));
  }

  /** Valid JSON followed by whitespace up to {@code size} bytes: only a size limit refuses it. */
  private static void padTo(Path file, long size) throws Exception {
    byte[] spaces = new byte[(int) (size - Files.size(file))];
    Arrays.fill(spaces, (byte) ' ');
    Files.write(file, spaces, StandardOpenOption.APPEND);
  }

  private static EvidenceLocator attestations(List<Path> files) {
    return m -> new EvidenceLocator.Evidence(List.of(), files, List.of());
  }

  private static void mkfifo(Path path) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", path.toString()).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "needs mkfifo (Linux): " + e.getMessage());
      return;
    }
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
  }

  @Test
  void theUnitVerifiesAsWritten() throws Exception {
    attestation("model.onnx.attest.bundle");
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      assertThat(m.attestations()).hasSize(1);
    }
  }

  @Test
  void anEvidenceFileOverItsLimitIsRefusedFromItsSize() throws Exception {
    padTo(dir.resolve("model.onnx.bundle"), StrictJson.MAX_FILE_BYTES + 1L);
    assertThat(loadReason(LoadOptions.defaults())).isEqualTo(Reason.MALFORMED_BUNDLE);
    assertThat(reasonOf(() -> BundleInspector.inspect(dir.resolve("model.onnx.bundle"))))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void evidenceOverTheTotalLimitIsRefusedBeforeAnyIsRead() throws Exception {
    List<Path> files = new ArrayList<>();
    long each = StrictJson.MAX_FILE_BYTES - 1024;
    for (int i = 0; files.size() * each <= EvidenceFiles.MAX_TOTAL_BYTES; i++) {
      Path a = attestation("att-" + i + ".json");
      padTo(a, each);
      files.add(a);
    }
    assertThat(loadReason(LoadOptions.builder().evidenceLocator(attestations(files)).build()))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void tooManyEvidenceFilesAreRefusedBeforeAnyIsRead() throws Exception {
    Path first = attestation("att-0.json");
    List<Path> files = new ArrayList<>(List.of(first));
    while (files.size() <= EvidenceFiles.MAX_FILES) {
      files.add(Files.copy(first, dir.resolve("att-" + files.size() + ".json")));
    }
    assertThat(loadReason(LoadOptions.builder().evidenceLocator(attestations(files)).build()))
        .isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  private void writeMetadata(List<String> attestations) throws Exception {
    StringBuilder list = new StringBuilder();
    for (String a : attestations) {
      list.append(list.length() == 0 ? "" : ", ").append('"').append(a).append('"');
    }
    Files.writeString(dir.resolve("metadata.json"), "{\"mediaType\": \"application/vnd.modelseal.delivery+json;version=1\","
        + " \"model\": \"model.onnx\", \"signature\": \"model.onnx.bundle\", \"attestations\": [" + list + "]}");
  }

  @Test
  void metadataListsAreCappedBeforeTheirNamesAreResolved() throws Exception {
    attestation("a.json");
    writeMetadata(java.util.Collections.nCopies(EvidenceFiles.MAX_FILES + 1, "a.json"));
    assertThat(loadReason(LoadOptions.defaults())).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  @Test
  void anOversizedMetadataFileIsRefusedBeforeParsing() throws Exception {
    attestation("a.json");
    writeMetadata(List.of("a.json"));
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      assertThat(m.attestations()).hasSize(1);
    }
    padTo(dir.resolve("metadata.json"), 1024 * 1024 + 1);
    assertThat(loadReason(LoadOptions.defaults())).isEqualTo(Reason.MALFORMED_BUNDLE);
  }

  /** Hard links, symlinks and repeated names of one file: it is read and verified once. */
  @Test
  void onePhysicalFileNamedManyTimesIsVerifiedOnce() throws Exception {
    Path a = attestation("a.json");
    Files.createLink(dir.resolve("b.json"), a);
    Files.createLink(dir.resolve("c.json"), a);
    Files.createSymbolicLink(dir.resolve("d.json"), a.getFileName());
    Files.createLink(dir.resolve("model.onnx.sigstore.json"), dir.resolve("model.onnx.bundle"));
    writeMetadata(List.of("a.json", "b.json", "c.json", "d.json"));
    EvidenceLocator again = attestations(List.of(dir.resolve("c.json"), a));
    try (VerifiedModel m = VerifiedModel.load(model, policy, LoadOptions.builder().evidenceLocator(again).build())) {
      assertThat(m.attestations()).hasSize(1);
      assertThat(m.signatures()).hasSize(1);
      assertThat(m.report().checks().stream().filter(c -> c.name().equals("bundle"))).hasSize(2);
    }
  }

  @Test
  void symlinkedEvidenceAndModelsStillLoad() throws Exception {
    Path store = Files.createDirectories(dir.resolve("store"));
    Files.move(dir.resolve("model.onnx.bundle"), store.resolve("sig.json"));
    Files.createSymbolicLink(dir.resolve("model.onnx.bundle"), store.resolve("sig.json"));
    Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), model);
    Files.createSymbolicLink(dir.resolve("link.onnx.bundle"), store.resolve("sig.json"));
    for (Path p : List.of(model, link)) {
      try (VerifiedModel m = VerifiedModel.load(p, policy)) {
        assertThat(m.size()).isEqualTo(7);
      }
    }
  }

  @Test
  void nonRegularEvidenceIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("model.onnx.attest.bundle");
    mkfifo(fifo);
    // Discovered next to the model: refused, not skipped (a FIFO would block the open forever).
    assertThat(loadReason(LoadOptions.defaults())).isEqualTo(Reason.MISSING_EVIDENCE);
    Files.delete(fifo);
    Path elsewhere = dir.resolve("elsewhere.fifo");
    mkfifo(elsewhere);
    assertThat(loadReason(LoadOptions.builder().bundle(elsewhere).build())).isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(loadReason(LoadOptions.builder().evidenceLocator(attestations(List.of(elsewhere))).build()))
        .isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(assertTimeoutPreemptively(QUICKLY, () -> reasonOf(() -> BundleInspector.inspect(elsewhere))))
        .isEqualTo(Reason.MISSING_EVIDENCE);
    Files.createDirectory(dir.resolve("model.onnx.sbom.bundle"));
    assertThat(loadReason(LoadOptions.defaults())).isEqualTo(Reason.MISSING_EVIDENCE);
  }

  @Test
  void aFifoModelIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("pipe.onnx");
    mkfifo(fifo);
    Path bundle = Files.copy(dir.resolve("model.onnx.bundle"), dir.resolve("pipe.onnx.bundle"));
    assertThat(assertTimeoutPreemptively(QUICKLY, () -> reasonOf(() -> VerifiedModel.load(fifo, policy))))
        .isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(assertTimeoutPreemptively(QUICKLY, () -> reasonOf(() -> BundleVerifier.verify(bundle, fifo, policy))))
        .isEqualTo(Reason.MISSING_EVIDENCE);
  }

  /** A sparse file larger than this JVM's heap: refused from its size, before a byte is read. */
  @Test
  void aModelLargerThanTheHeapIsRefusedInMemoryModeBeforeItIsRead() throws Exception {
    long size = Runtime.getRuntime().maxMemory() + (1L << 30);
    try (RandomAccessFile f = new RandomAccessFile(model.toFile(), "rw")) {
      f.setLength(size);
    }
    ModelVerificationException e = assertTimeoutPreemptively(QUICKLY, () -> {
      try {
        VerifiedModel.load(model, policy).close();
        throw new AssertionError("a model larger than the heap was loaded");
      } catch (ModelVerificationException refused) {
        return refused;
      }
    });
    assertThat(e.reason()).isEqualTo(Reason.MODEL_TOO_LARGE_FOR_MEMORY);
    assertThat(e.getMessage()).contains("LoadOptions.snapshotDirectory", String.valueOf(size));
  }

  @Test
  void aFailingLocatorRefusesTheModel() {
    List<EvidenceLocator> failing = List.of(
        m -> {
          throw new IllegalStateException("registry cache unavailable");
        },
        m -> {
          throw new StackOverflowError();
        },
        m -> null);
    for (EvidenceLocator locator : failing) {
      assertThat(loadReason(LoadOptions.builder().evidenceLocator(locator).build()))
          .isEqualTo(Reason.MISSING_EVIDENCE);
    }
  }

  /** Whatever breaks inside a load is a refusal, labelled as ModelSeal's error, never a stray exception. */
  @Test
  void anUnexpectedFailureInsideALoadIsAnInternalError() {
    List<ReadProgress> failing = List.of(
        (done, total) -> {
          throw new IllegalStateException("boom");
        },
        (done, total) -> {
          throw new StackOverflowError();
        });
    for (ReadProgress progress : failing) {
      assertThat(loadReason(LoadOptions.builder().progress(progress).build())).isEqualTo(Reason.INTERNAL_ERROR);
    }
    java.io.InputStream broken = new java.io.InputStream() {
      @Override
      public int read() {
        throw new java.io.UncheckedIOException(new java.io.IOException("disk gone"));
      }
    };
    assertThat(reasonOf(() -> TrustRoot.fromJson(broken, "broken stream"))).isEqualTo(Reason.INTERNAL_ERROR);
    assertThat(Reason.INTERNAL_ERROR.isPolicyViolation()).isFalse();
    assertThat(Reason.MODEL_TOO_LARGE_FOR_MEMORY.isPolicyViolation()).isFalse();
  }
}
