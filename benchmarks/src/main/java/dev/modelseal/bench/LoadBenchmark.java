package dev.modelseal.bench;

import dev.modelseal.AttestationRequirement;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerifier;
import dev.modelseal.Policy;
import dev.modelseal.SbomPolicy;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeylessSigner;
import dev.modelseal.testkit.MlBom;
import dev.modelseal.testkit.PredicateTypes;
import dev.modelseal.testkit.Predicates;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Measures {@link VerifiedModel#load} on a large signed model against one plain SHA-256 pass over
 * the same file, alternating the two in the same JVM so both see the same page cache and heap.
 * Prints the median of each and their ratio. Usage: {@code LoadBenchmark [sizeMiB] [rounds] [dir]}.
 */
public final class LoadBenchmark {
  private static final int BLOCK = 1 << 20;

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("modelseal-bench-");
    Path model = dir.resolve("model.bin");
    BenchFiles.write(model, mib << 20, 0x9E3779B97F4A7C15L);

    FakeSigstore sigstore = FakeSigstore.create();
    String id = "bench@example.com";
    String issuer = "https://accounts.example.com";
    KeylessSigner signer = sigstore.signer(id, issuer).withTimestamp(true);
    signer.signBundle(model, dir.resolve("model.bin.bundle"));
    Policy signatureOnly = Policy.builder()
        .trustRoot(TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"))))
        .allowIdentity(id, issuer)
        .build();
    String expected = sha256(model);
    Path unit = Files.createDirectories(dir.resolve("unit"));
    Path unitModel = Files.createLink(unit.resolve("model.bin"), model);
    signer.signBundle(unitModel, unit.resolve("model.bin.bundle"));
    signer.attest(unitModel, PredicateTypes.COSIGN_CUSTOM,
        Predicates.cosignCustom("{\"eval\":{\"accuracy\":0.91,\"safety_pass_rate\":0.995}}"),
        unit.resolve("model.bin.attest.bundle"));
    signer.attest(unitModel, PredicateTypes.CYCLONEDX, MlBom.typical("model.bin", expected).build().json(),
        unit.resolve("model.bin.sbom.bundle"));
    Policy everything = Policy.builder()
        .trustRoot(TrustRoot.fromJson(dir.resolve("trusted_root.json")))
        .allowIdentity(id, issuer)
        .requireAttestation(AttestationRequirement.builder("custom")
            .condition("{{ eval.accuracy }}", "GreaterThanOrEquals", 0.85)
            .condition("{{ eval.safety_pass_rate }}", "GreaterThanOrEquals", 0.99).build())
        .requireSbom(SbomPolicy.defaults())
        .build();
    LoadOptions snapshot = LoadOptions.builder().snapshotDirectory(dir.resolve("snapshots")).build();

    check(expected, signatureOnly, model, LoadOptions.defaults());
    check(expected, everything, unitModel, LoadOptions.defaults());
    check(expected, signatureOnly, model, snapshot);

    List<Long> base = new ArrayList<>();
    List<Long> memory = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    List<Long> snap = new ArrayList<>();
    List<Long> checked = new ArrayList<>();
    ModelVerifier verifyOnly = ModelVerifier.of(everything);
    for (int r = 0; r < rounds; r++) {
      base.add(time(() -> sha256(model)));
      memory.add(time(() -> check(expected, signatureOnly, model, LoadOptions.defaults())));
      all.add(time(() -> check(expected, everything, unitModel, LoadOptions.defaults())));
      snap.add(time(() -> check(expected, signatureOnly, model, snapshot)));
      checked.add(time(() -> verifyOnly.check(unitModel).digests().sha256()));
    }
    double b = median(base);
    System.out.printf("model: %d MiB, %d rounds, JVM max heap %d MiB%n", mib, rounds,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("baseline  one SHA-256 pass                     median %7.0f ms  (%s)%n", b, base);
    report("load      signature, in memory (default)  ", memory, b);
    report("load      signature+attestation+SBOM      ", all, b);
    report("load      signature, snapshot file        ", snap, b);
    report("check     signature+attestation+SBOM      ", checked, b);
    System.out.printf("snapshot / baseline %.3fx (target <= 1.5x: %s)%n", median(snap) / b,
        median(snap) / b <= 1.5 ? "met" : "NOT met");
    Files.deleteIfExists(unitModel);
    Files.deleteIfExists(model);
  }

  private interface Task {
    Object run() throws Exception;
  }

  private static long time(Task t) throws Exception {
    long start = System.nanoTime();
    Object keep = t.run();
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (keep == null) {
      throw new IllegalStateException("task produced nothing");
    }
    return ms;
  }

  private static void report(String name, List<Long> times, double baseline) {
    double m = median(times);
    System.out.printf("%s median %7.0f ms  ratio %.3fx  (%s)%n", name, m, m / baseline, times);
  }

  private static double median(List<Long> xs) {
    long[] a = xs.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
  }

  private static String check(String expected, Policy policy, Path model, LoadOptions options)
      throws Exception {
    try (VerifiedModel m = VerifiedModel.load(model, policy, options)) {
      if (!m.digests().sha256().equals(expected)) {
        throw new IllegalStateException("digest mismatch");
      }
      return m.digests().sha256();
    }
  }

  /** The baseline: what any loader must do at least once, a streaming SHA-256 over the file. */
  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    ByteBuffer direct = ByteBuffer.allocateDirect(BLOCK);
    byte[] heap = new byte[BLOCK];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int n;
      while ((n = ch.read(direct)) > 0) {
        direct.flip().get(heap, 0, n);
        md.update(heap, 0, n);
        direct.clear();
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
