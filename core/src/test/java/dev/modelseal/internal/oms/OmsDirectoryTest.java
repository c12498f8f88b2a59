package dev.modelseal.internal.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.OpenDescriptors;
import dev.modelseal.ReadProgress;
import dev.modelseal.Reason;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link OmsDirectory#verify} against hostile models, its parallel consistency and its TOCTOU safety. */
class OmsDirectoryTest {
  @TempDir Path tmp;
  private Path model;

  @BeforeEach
  void model() throws Exception {
    model = tmp.resolve("model");
    write("config.json", "{\"a\":1}");
    write("weights.bin", "0123456789abcdefghijklmnopqrstuvwxyz");
    write("sub/.hidden", "dot");
    write("sub/tok\u00e9.txt", "nfc");
  }

  private Path write(String name, String text) throws Exception {
    Path p = model.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, text.getBytes(StandardCharsets.UTF_8));
  }

  private static OmsDirectory.Options options() {
    return OmsDirectory.Options.verifyOnly(Set.of());
  }

  private static Reason reason(ThrowingRunnable r) {
    try {
      r.run();
    } catch (ModelVerificationException e) {
      return e.reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("not refused");
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private Reason verifyAfter(OmsManifest m, OmsDirectory.Options o) {
    return reason(() -> OmsDirectory.verify(model, m, o).close());
  }

  @Test
  void anUntouchedModelVerifiesInFilesAndShardsMode() throws Exception {
    for (long shard : new long[] {0, 1, 7, 1000}) {
      try (OmsFiles f = OmsDirectory.verify(model, TestManifests.manifest(model, shard, j -> { }), options())) {
        assertThat(f.files()).extracting(OmsFiles.VerifiedFile::name)
            .containsExactly("config.json", "sub/.hidden", "sub/tok\u00e9.txt", "weights.bin");
        assertThat(f.totalBytes()).isEqualTo(7 + 36 + 3 + 3);
      }
    }
  }

  @Test
  void aModifiedFileIsADigestMismatchNamingIt() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    write("weights.bin", "0123456789abcdefghijklmnopqrstuvwxyZ");
    assertThatThrownBy(() -> OmsDirectory.verify(model, m, options()))
        .isInstanceOfSatisfying(ModelVerificationException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
          assertThat(e.getMessage()).contains("weights.bin");
        });
    OmsManifest sharded = TestManifests.manifest(model, 8, j -> { });
    write("weights.bin", "0123456789abcdefghijklmnopqrstuvwxyz");
    assertThat(verifyAfter(sharded, options())).isEqualTo(Reason.DIGEST_MISMATCH);
  }

  @Test
  void aFileThatGrewIsRefusedInShardsMode() throws Exception {
    OmsManifest m = TestManifests.manifest(model, 8, j -> { });
    write("weights.bin", "0123456789abcdefghijklmnopqrstuvwxyz!");
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.DIGEST_MISMATCH);
  }

  @Test
  void addedRemovedAndRenamedFilesAreAFileSetMismatch() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    write("extra.bin", "x");
    assertThatThrownBy(() -> OmsDirectory.verify(model, m, options()))
        .isInstanceOfSatisfying(ModelVerificationException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.FILE_SET_MISMATCH);
          assertThat(e.getMessage()).contains("extra.bin");
        });
    OmsDirectory.Options lenient = new OmsDirectory.Options(List.of(), true, Set.of(), OmsDirectory.Keep.NONE, null,
        ReadProgress.NONE);
    OmsDirectory.verify(model, m, lenient).close();
    Files.delete(model.resolve("extra.bin"));
    Files.move(model.resolve("config.json"), model.resolve("config2.json"));
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.FILE_SET_MISMATCH);
    Files.delete(model.resolve("config2.json"));
    assertThat(verifyAfter(m, lenient)).isEqualTo(Reason.FILE_SET_MISMATCH);
  }

  @Test
  void namesAreComparedByteForByteWithoutNormalisationOrCaseFolding() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    Path nfc = model.resolve("sub/tok\u00e9.txt");
    Files.move(nfc, model.resolve(Normalizer.normalize("sub/tok\u00e9.txt", Normalizer.Form.NFD)));
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.FILE_SET_MISMATCH);
    Files.move(model.resolve(Normalizer.normalize("sub/tok\u00e9.txt", Normalizer.Form.NFD)), nfc);
    Files.move(model.resolve("config.json"), model.resolve("Config.json"));
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.FILE_SET_MISMATCH);
  }

  @Test
  void symlinksAreRefusedUnlessAllowedAndDirectorySymlinksAlways() throws Exception {
    Path outside = Files.write(tmp.resolve("outside"), "secret".getBytes(StandardCharsets.UTF_8));
    Files.createSymbolicLink(model.resolve("link.bin"), outside);
    OmsManifest refused = TestManifests.manifest(model);
    assertThat(verifyAfter(refused, options())).isEqualTo(Reason.UNSAFE_PATH);
    OmsManifest allowed = TestManifests.manifest(model, 0, j -> {
      ((ObjectNode) j.at("/predicate/serialization")).put("allow_symlinks", true);
    });
    OmsDirectory.verify(model, allowed, options()).close();
    Files.delete(model.resolve("link.bin"));
    Files.createDirectories(tmp.resolve("outdir"));
    Files.createSymbolicLink(model.resolve("linkdir"), tmp.resolve("outdir"));
    OmsManifest withoutLink = TestManifests.manifest(model, 0, j -> {
      ((ObjectNode) j.at("/predicate/serialization")).put("allow_symlinks", true);
    });
    assertThat(verifyAfter(withoutLink, options())).isEqualTo(Reason.UNSAFE_PATH);
  }

  @Test
  void aFileWithMoreBytesThanItsSizeSaysIsRefusedAsChangedWhileRead() throws Exception {
    Path proc = Path.of("/proc/self/status");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(proc) && Files.size(proc) == 0,
        "needs Linux /proc, whose files report size 0 but have content");
    Files.createSymbolicLink(model.resolve("status"), proc);
    OmsManifest m = TestManifests.manifest(model, 0, j -> {
      ((ObjectNode) j.at("/predicate/serialization")).put("allow_symlinks", true);
      for (com.fasterxml.jackson.databind.JsonNode r : j.at("/predicate/resources")) {
        if (r.get("name").asText().equals("status")) {
          ((ObjectNode) r).put("digest", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }
      }
      try {
        TestManifests.reroot(j);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.MISSING_EVIDENCE);
  }

  @Test
  void aSymlinkedModelPathAndABrokenSymlinkAreUnsafe() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    Path link = Files.createSymbolicLink(tmp.resolve("link"), model);
    assertThat(reason(() -> OmsDirectory.verify(link, m, options()))).isEqualTo(Reason.UNSAFE_PATH);
    OmsManifest allowed = TestManifests.manifest(model, 0,
        j -> ((ObjectNode) j.at("/predicate/serialization")).put("allow_symlinks", true));
    OmsDirectory.verify(link, allowed, options()).close();
    Files.createSymbolicLink(model.resolve("dangling"), tmp.resolve("nowhere"));
    assertThat(verifyAfter(allowed, options())).isEqualTo(Reason.UNSAFE_PATH);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    Process p = new ProcessBuilder("mkfifo", model.resolve("pipe").toString()).start();
    assertThat(p.waitFor()).isZero();
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.UNSAFE_PATH);
  }

  @Test
  void gitPathsAreIgnoredOnlyAtTheTopAndIgnorePathsCoverDirectories() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    write(".git/HEAD", "ref");
    write(".gitignore", "x");
    write("cache/a", "a");
    write("cache/b/c", "c");
    OmsDirectory.Options ignoring = new OmsDirectory.Options(List.of("cache/"), false, Set.of(), OmsDirectory.Keep.NONE,
        null, ReadProgress.NONE);
    OmsDirectory.verify(model, m, ignoring).close();
    write("cachex", "not covered by cache");
    assertThat(verifyAfter(m, ignoring)).isEqualTo(Reason.FILE_SET_MISMATCH);
    Files.delete(model.resolve("cachex"));
    write("sub/.git/HEAD", "nested git is signed content");
    assertThat(verifyAfter(m, ignoring)).isEqualTo(Reason.FILE_SET_MISMATCH);
    OmsDirectory.Options absolute = new OmsDirectory.Options(List.of("cache", model.resolve("sub/.git").toString()),
        false, Set.of(), OmsDirectory.Keep.NONE, null, ReadProgress.NONE);
    OmsDirectory.verify(model, m, absolute).close();
    OmsDirectory.Options everything = new OmsDirectory.Options(List.of("./"), false, Set.of(), OmsDirectory.Keep.NONE,
        null, ReadProgress.NONE);
    assertThat(verifyAfter(m, everything)).isEqualTo(Reason.INVALID_POLICY);
  }

  @Test
  void signedIgnorePathsAndExcludedFilesAreNotPartOfTheModel() throws Exception {
    OmsManifest m = TestManifests.manifest(model, 0, j -> {
      ((ObjectNode) j.at("/predicate/serialization")).putArray("ignore_paths").add("logs");
    });
    write("logs/run.txt", "r");
    Path sig = write("model.sig", "{}");
    OmsDirectory.verify(model, m, OmsDirectory.Options.verifyOnly(Set.of(sig))).close();
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.FILE_SET_MISMATCH);
  }

  @Test
  void tooDeepATreeIsAMalformedModel() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    write("x/".repeat(OmsDirectory.MAX_DEPTH + 1) + "f", "deep");
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.MALFORMED_MODEL);
  }

  @Test
  void aTamperedRootDigestIsRefusedBeforeReading() throws Exception {
    OmsManifest m = TestManifests.manifest(model, 0,
        j -> ((ObjectNode) j.at("/subject/0/digest")).put("sha256", "22".repeat(32)));
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.DIGEST_MISMATCH);
  }

  @Test
  void aManifestSignedForOtherContentWithAConsistentRootIsADigestMismatch() throws Exception {
    OmsManifest m = TestManifests.manifest(model, 0, j -> {
      ((ObjectNode) j.at("/predicate/resources/0")).put("digest", "33".repeat(32));
      try {
        TestManifests.reroot(j);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.DIGEST_MISMATCH);
  }

  @Test
  void aSingleFileModelIsTheResourceDot() throws Exception {
    Path file = model.resolve("weights.bin");
    OmsManifest m = TestManifests.manifest(file, 8, j -> { });
    assertThat(m.resources()).extracting(OmsManifest.Resource::path).containsOnly(".");
    try (OmsFiles f = OmsDirectory.verify(file, m, options())) {
      assertThat(f.files()).extracting(OmsFiles.VerifiedFile::name).containsExactly(".");
    }
    assertThat(reason(() -> OmsDirectory.verify(model, m, options()))).isEqualTo(Reason.FILE_SET_MISMATCH);
  }

  /** Two names with invalid UTF-8 that Java decodes to the same string: neither may go unhashed. */
  @Test
  void twoFilesWhoseNamesDecodeAlikeAreRefused() throws Exception {
    Path odd = Files.createDirectories(tmp.resolve("odd-names"));
    Process p = new ProcessBuilder("sh", "-c", "printf a > \"$(printf 'w\\377')\" && printf b > \"$(printf 'w\\376')\"")
        .directory(odd.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    List<String> names;
    try (Stream<Path> s = Files.list(odd)) {
      names = s.map(f -> f.getFileName().toString()).toList();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(names.size() == 2 && names.get(0).equals(names.get(1)),
        "this file system encoding keeps the two names apart: " + names);
    OmsManifest m = new OmsManifest(true, "", java.util.Optional.empty(), OmsManifest.Method.FILES, OmsHash.SHA256,
        false, 0, List.of(), List.of(new OmsManifest.Resource(names.get(0), names.get(0), 0, -1, "sha256",
            dev.modelseal.internal.Bytes.fromHex("00".repeat(32)))));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OmsDirectory.verify(odd, m, options()))
        .isInstanceOfSatisfying(dev.modelseal.ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSAFE_PATH))
        .hasMessageContaining("two files in the model read as");
  }

  @Test
  void aModelTheHeapCannotHoldIsRefusedBeforeReading() throws Exception {
    Path big = Files.createDirectories(tmp.resolve("big"));
    long size = Runtime.getRuntime().maxMemory();
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.resolve("weights.bin").toFile(), "rw")) {
      f.setLength(size); // sparse: nothing is written, and nothing may be read
    }
    OmsManifest m = new OmsManifest(true, "", java.util.Optional.empty(), OmsManifest.Method.FILES, OmsHash.SHA256,
        false, 0, List.of(), List.of(new OmsManifest.Resource("weights.bin", "weights.bin", 0, -1, "sha256",
            dev.modelseal.internal.Bytes.fromHex("00".repeat(32)))));
    OmsDirectory.Options memory = new OmsDirectory.Options(List.of(), false, Set.of(), OmsDirectory.Keep.MEMORY,
        null, dev.modelseal.ReadProgress.NONE);
    assertThat(reason(() -> OmsDirectory.verify(big, m, memory))).isEqualTo(Reason.MODEL_TOO_LARGE_FOR_MEMORY);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OmsDirectory.verify(big, m, memory))
        .hasMessageContaining("LoadOptions.snapshotDirectory").hasMessageContaining(String.valueOf(size));
  }

  @ParameterizedTest
  @EnumSource(OmsHash.class)
  void theParallelResultEqualsASingleThreadedRecomputation(OmsHash hash) throws Exception {
    Random random = new Random(hash.ordinal() * 31L + 7);
    for (int round = 0; round < 6; round++) {
      Path dir = tmp.resolve(hash + "-" + round);
      Map<String, byte[]> files = new TreeMap<>();
      int count = 1 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        byte[] b = new byte[random.nextInt(3) == 0 ? random.nextInt(4) : random.nextInt(3 << 20)];
        random.nextBytes(b);
        String name = "d" + random.nextInt(3) + "/f" + i;
        files.put(name, b);
        Files.createDirectories(dir.resolve(name).getParent());
        Files.write(dir.resolve(name), b);
      }
      long shard = new long[] {0, 1 << 20, 12_345, (1 << 20) + 1}[round % 4];
      ObjectNode json = TestManifests.json(files, hash, shard);
      OmsManifest m = OmsManifest.parse(TestManifests.statement(json), "random");
      for (int threads : new int[] {1, 8}) {
        AtomicLong last = new AtomicLong();
        OmsDirectory.Options o = new OmsDirectory.Options(List.of(), false, Set.of(), OmsDirectory.Keep.MEMORY, null,
            (done, total) -> last.set(done));
        try (OmsFiles f = OmsDirectory.verify(dir, m, o, threads)) {
          for (OmsFiles.VerifiedFile v : f.files()) {
            byte[] b = files.get(v.name());
            assertThat(read(v)).isEqualTo(b);
            assertThat(v.digestHex()).isEqualTo(expectedHex(hash, b, shard));
          }
          assertThat(last.get()).isEqualTo(f.totalBytes());
        }
      }
    }
  }

  private static String expectedHex(OmsHash hash, byte[] b, long shard) throws Exception {
    if (shard == 0) {
      return HexFormat.of().formatHex(TestManifests.digest(hash, b, 0, b.length));
    }
    StringBuilder sb = new StringBuilder();
    for (long s = 0; s < b.length; s += shard) {
      sb.append(HexFormat.of().formatHex(TestManifests.digest(hash, b, (int) s, (int) Math.min(b.length, s + shard))));
    }
    return sb.toString();
  }

  private static byte[] read(OmsFiles.VerifiedFile v) throws Exception {
    try (InputStream in = v.content().openStream()) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(value = OmsDirectory.Keep.class, names = {"MEMORY", "SNAPSHOT"})
  void theKeptBytesDoNotChangeWhenTheFilesDoAfterVerification(OmsDirectory.Keep keep) throws Exception {
    OmsManifest m = TestManifests.manifest(model, 8, j -> { });
    Path snapshots = tmp.resolve("snapshots");
    OmsDirectory.Options o = new OmsDirectory.Options(List.of(), false, Set.of(), keep, snapshots, ReadProgress.NONE);
    try (OmsFiles f = OmsDirectory.verify(model, m, o)) {
      Files.write(model.resolve("weights.bin"), "EVIL".repeat(20).getBytes(StandardCharsets.UTF_8));
      Files.delete(model.resolve("config.json"));
      Path evil = Files.write(tmp.resolve("evil"), "EVIL".getBytes(StandardCharsets.UTF_8));
      Files.delete(model.resolve("sub/.hidden"));
      Files.createSymbolicLink(model.resolve("sub/.hidden"), evil);
      assertThat(new String(read(f.file("weights.bin").orElseThrow()), StandardCharsets.UTF_8))
          .isEqualTo("0123456789abcdefghijklmnopqrstuvwxyz");
      assertThat(new String(read(f.file("config.json").orElseThrow()), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
      assertThat(new String(read(f.file("sub/.hidden").orElseThrow()), StandardCharsets.UTF_8)).isEqualTo("dot");
      if (keep == OmsDirectory.Keep.SNAPSHOT) {
        List<Path> open = OpenDescriptors.in(snapshots);
        assertThat(open).hasSize(1);
        for (Path fd : open) { // stat follows /proc's link to the (already unlinked) file
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fd))).isEqualTo("rw-------");
        }
      }
    }
    if (keep == OmsDirectory.Keep.SNAPSHOT) {
      assertThat(OpenDescriptors.in(snapshots)).isEmpty();
    }
  }

  /**
   * Many files, some empty, one across the 64 MiB boundary of the snapshot's mapped regions: one
   * snapshot file for the whole model (one descriptor), and each file's bytes exactly its own.
   */
  @Test
  void aSnapshotOfManyFilesIsOneFileAndEachFileReadsBackExactly() throws Exception {
    Path many = Files.createDirectories(tmp.resolve("many-files"));
    Map<String, byte[]> contents = new java.util.TreeMap<>();
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 300; i++) {
      byte[] b = new byte[i % 7 == 0 ? 0 : random.nextInt(5000)];
      random.nextBytes(b);
      contents.put(String.format("f%03d.bin", i), b);
    }
    byte[] big = new byte[(40 << 20) + 3];
    random.nextBytes(big);
    contents.put("big-a.bin", big);
    byte[] big2 = new byte[(30 << 20) + 5];
    random.nextBytes(big2);
    contents.put("big-b.bin", big2);
    for (Map.Entry<String, byte[]> e : contents.entrySet()) {
      Files.write(many.resolve(e.getKey()), e.getValue());
    }
    OmsManifest m = TestManifests.manifest(many);
    Path snapshots = tmp.resolve("snapshots");
    OmsDirectory.Options o = new OmsDirectory.Options(List.of(), false, Set.of(), OmsDirectory.Keep.SNAPSHOT,
        snapshots, ReadProgress.NONE);
    try (OmsFiles f = OmsDirectory.verify(many, m, o)) {
      // The JDK unlinks a DELETE_ON_CLOSE file as soon as it is open, so count descriptors instead.
      assertThat(OpenDescriptors.in(snapshots)).hasSize(1);
      for (Map.Entry<String, byte[]> e : contents.entrySet()) {
        OmsFiles.VerifiedFile v = f.file(e.getKey()).orElseThrow();
        assertThat(read(v)).as(e.getKey()).isEqualTo(e.getValue());
        assertThat(v.content().buffers()).allSatisfy(b -> assertThat(b.isReadOnly()).isTrue());
      }
    }
    assertThat(OpenDescriptors.in(snapshots)).isEmpty();
  }

  @Test
  void aRefusalReleasesEverySnapshot() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    write("weights.bin", "changed");
    Path snapshots = tmp.resolve("snapshots");
    OmsDirectory.Options o = new OmsDirectory.Options(List.of(), false, Set.of(), OmsDirectory.Keep.SNAPSHOT,
        snapshots, ReadProgress.NONE);
    assertThat(verifyAfter(m, o)).isEqualTo(Reason.DIGEST_MISMATCH);
    assertThat(OpenDescriptors.in(snapshots)).isEmpty();
  }

  @Test
  void tooManyFilesIsAMalformedModel() throws Exception {
    OmsManifest m = TestManifests.manifest(model);
    Path many = model.resolve("many");
    Files.createDirectories(many);
    List<Path> created = new ArrayList<>();
    for (int i = 0; i <= OmsDirectory.MAX_FILES; i++) {
      created.add(Files.createFile(many.resolve(Integer.toString(i))));
    }
    assertThat(verifyAfter(m, options())).isEqualTo(Reason.MALFORMED_MODEL);
    assertThat(created).hasSize(OmsDirectory.MAX_FILES + 1);
  }
}
