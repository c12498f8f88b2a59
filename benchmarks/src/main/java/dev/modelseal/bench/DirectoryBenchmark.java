package dev.modelseal.bench;

import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.ModelVerifier;
import dev.modelseal.Policy;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.oms.EcCurve;
import dev.modelseal.testkit.oms.HashType;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.OmsKeySigner;
import dev.modelseal.testkit.oms.Resource;
import dev.modelseal.testkit.oms.SignedModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures {@link ModelVerifier#load} on a signed OpenSSF Model Signing directory (many files,
 * hashed in parallel) against one single-threaded SHA-256 pass over the same bytes, and against
 * the same files hashed as model_signing hashes them (Python hashlib in a thread pool). All
 * contenders run in one JVM, alternated round by round (each round starts with the next one), so
 * they share the page cache and heap; each prints its median and its ratio to the baseline of the
 * same run. The same files, hard-linked, are also signed in shards mode and with BLAKE3.
 *
 * <p>Usage: {@code DirectoryBenchmark [sizeMiB=1024] [files=8] [rounds=5] [dir=tmp]}. The Python
 * script is found at the system property {@code modelseal.bench.python} (default {@code
 * benchmarks/model_signing_hash.py}); without {@code python3} its row says {@code SKIPPED python}.
 * Not a test: it checks only that every contender saw the signed bytes.
 */
public final class DirectoryBenchmark {
  private static final int BLOCK = 1 << 20;
  private static final long SHARD_SIZE = 64L << 20;
  private static final double TARGET = 0.6;
  /** Issue 10's target for a snapshot load against one SHA-256 pass. */
  private static final double SNAPSHOT_TARGET = 1.5;
  private static final String CONFIG = "config.json";

  private DirectoryBenchmark() {}

  /** A contender: runs once and returns its milliseconds (measured by itself or around it). */
  private interface Contender {
    double run() throws Exception;
  }

  private interface Task {
    Object run() throws Exception;
  }

  private record Row(String name, Contender contender, List<Double> times) {}

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("modelseal-dirbench-");
    if (mib <= 0 || count <= 0 || rounds <= 0) {
      throw new IllegalArgumentException("sizeMiB, files and rounds must be positive");
    }
    Path files = Files.createDirectories(dir.resolve("files"));
    Path shards = Files.createDirectories(dir.resolve("shards"));
    Path blake3 = Files.createDirectories(dir.resolve("blake3"));
    Path snapshots = dir.resolve("snapshots");
    List<String> names = writeModel(files, mib << 20, count);
    for (String name : names) {
      Files.deleteIfExists(shards.resolve(name));
      Files.deleteIfExists(blake3.resolve(name));
      Files.createLink(shards.resolve(name), files.resolve(name));
      Files.createLink(blake3.resolve(name), files.resolve(name));
    }
    long bytes = totalSize(files, names);

    OmsKeySigner signer = OmsKeySigner.create(EcCurve.P256);
    SignedModel signedFiles = ModelSigning.files().sign(files, signer);
    ModelSigning.shards(SHARD_SIZE).sign(shards, signer);
    ModelSigning.files().withHashType(HashType.BLAKE3).sign(blake3, signer);
    Map<String, String> signed = new TreeMap<>();
    for (Resource r : signedFiles.resources()) {
      signed.put(r.name(), r.digestHex());
    }
    List<Path> paths = names.stream().map(files::resolve).toList();
    if (!sha256(paths, files).equals(signed)) {
      throw new IllegalStateException("the baseline's digests differ from the signed manifest");
    }

    Path script = Path.of(System.getProperty("modelseal.bench.python", "benchmarks/model_signing_hash.py"));
    boolean python = pythonAvailable();
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("(a) baseline: one thread, MessageDigest SHA-256", timed(() -> sha256(paths, files)),
        new ArrayList<>()));
    // The key method needs no transparency log, so the policy needs no trust root.
    ModelVerifier verifier = ModelVerifier.of(Policy.builder().allowKeyPem(signer.publicKeyPem()).build());
    LoadOptions memory = LoadOptions.defaults();
    LoadOptions snapshot = LoadOptions.builder().snapshotDirectory(snapshots).build();
    rows.add(new Row("(b) ModelSeal files SHA-256, in memory", timed(() -> verify(verifier, files, memory, bytes)),
        new ArrayList<>()));
    rows.add(new Row("(b) ModelSeal files SHA-256, snapshot", timed(() -> verify(verifier, files, snapshot, bytes)),
        new ArrayList<>()));
    rows.add(new Row("(c) ModelSeal shards 64 MiB SHA-256, memory", timed(() -> verify(verifier, shards, memory,
        bytes)), new ArrayList<>()));
    rows.add(new Row("(c) ModelSeal files BLAKE3, in memory", timed(() -> verify(verifier, blake3, memory, bytes)),
        new ArrayList<>()));
    if (python) {
      rows.add(new Row("(d) Python hashlib, thread pool (model_signing)", () -> python(script, paths, files, signed),
          new ArrayList<>()));
    }
    String verifyOnly = "(e) ModelSeal files SHA-256, check: no bytes kept";
    rows.add(new Row(verifyOnly, timed(() -> {
      long size = verifier.check(files).size();
      if (size != bytes) {
        throw new IllegalStateException("check verified " + size + " bytes, expected " + bytes);
      }
      return size;
    }), new ArrayList<>()));

    for (Row row : rows) {
      row.contender().run();
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < rows.size(); i++) {
        Row row = rows.get((i + r) % rows.size());
        System.gc();
        row.times().add(row.contender().run());
      }
    }

    System.out.printf("model: %d files + %s, %d MiB, %d rounds, %d processors, JVM max heap %d MiB%n", count,
        CONFIG, bytes >> 20, rounds, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    double base = median(rows.get(0).times());
    Map<String, Double> medians = new LinkedHashMap<>();
    System.out.printf("%-56s %9s %9s %8s  %s%n", "contender", "median ms", "MiB/s", "vs (a)", "rounds (ms)");
    for (Row row : rows) {
      double m = median(row.times());
      medians.put(row.name(), m);
      System.out.printf("%-56s %9.0f %9.0f %7.3fx  %s%n", row.name(), m, (bytes / 1048576.0) / (m / 1000.0),
          m / base, rounded(row.times()));
    }
    if (!python) {
      System.out.printf("%-56s SKIPPED python (python3 not found)%n", "(d) Python hashlib, thread pool (model_signing)");
    }
    double inMemory = medians.get(rows.get(1).name());
    System.out.println();
    System.out.printf("ModelSeal files SHA-256 (memory) / baseline  %.3fx  (target <= %.1fx: %s)%n", inMemory / base,
        TARGET, inMemory / base <= TARGET ? "met" : "NOT met");
    double snapshotRatio = medians.get(rows.get(2).name()) / base;
    System.out.printf("ModelSeal snapshot / baseline                %.3fx  (target <= %.1fx: %s)%n", snapshotRatio,
        SNAPSHOT_TARGET, snapshotRatio <= SNAPSHOT_TARGET ? "met" : "NOT met");
    System.out.printf("ModelSeal snapshot / in memory               %.3fx%n",
        medians.get(rows.get(2).name()) / inMemory);
    System.out.printf("ModelSeal shards / files (memory)            %.3fx%n",
        medians.get(rows.get(3).name()) / inMemory);
    System.out.printf("ModelSeal BLAKE3 / SHA-256 (memory)          %.3fx%n",
        medians.get(rows.get(4).name()) / inMemory);
    if (python) {
      double py = medians.get(rows.get(5).name());
      System.out.printf("ModelSeal files SHA-256 (memory) / Python    %.3fx%n", inMemory / py);
      System.out.printf("Python / baseline                            %.3fx%n", py / base);
    }
    double hashingOnly = medians.get(verifyOnly);
    System.out.printf("ModelSeal check / baseline                   %.3fx  (target <= %.1fx: %s)%n", hashingOnly / base,
        TARGET, hashingOnly / base <= TARGET ? "met" : "NOT met");
    System.out.printf("ModelSeal in memory / check                  %.3fx  (the cost of keeping the bytes)%n",
        inMemory / hashingOnly);
    for (String name : names) {
      Files.deleteIfExists(shards.resolve(name));
      Files.deleteIfExists(blake3.resolve(name));
      Files.deleteIfExists(files.resolve(name));
    }
  }

  private static Contender timed(Task task) {
    return () -> {
      long start = System.nanoTime();
      Object keep = task.run();
      double ms = (System.nanoTime() - start) / 1e6;
      if (keep == null) {
        throw new IllegalStateException("task produced nothing");
      }
      return ms;
    };
  }

  /** ModelSeal's public API on a signed directory: signature, manifest and every file verified. */
  private static Object verify(ModelVerifier verifier, Path model, LoadOptions options, long bytes)
      throws ModelVerificationException {
    try (VerifiedModel m = verifier.load(model, options)) {
      if (m.size() != bytes) {
        throw new IllegalStateException(model + ": verified " + m.size() + " bytes, expected " + bytes);
      }
      return m.size();
    }
  }

  /** The baseline: one thread, one SHA-256 per file, 1 MiB reads; returns the digests by name. */
  private static Map<String, String> sha256(List<Path> paths, Path root) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    ByteBuffer direct = ByteBuffer.allocateDirect(BLOCK);
    byte[] heap = new byte[BLOCK];
    Map<String, String> out = new TreeMap<>();
    for (Path file : paths) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        int n;
        while ((n = ch.read(direct)) > 0) {
          direct.flip().get(heap, 0, n);
          md.update(heap, 0, n);
          direct.clear();
        }
      }
      out.put(root.relativize(file).toString(), HexFormat.of().formatHex(md.digest()));
    }
    return out;
  }

  private static boolean pythonAvailable() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs the Python script on {@code paths} and returns the hashing time it reports itself
   * (interpreter start-up excluded), after checking its digests against the signed ones.
   */
  private static double python(Path script, List<Path> paths, Path root, Map<String, String> signed)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", script.toString()));
    paths.forEach(p -> command.add(p.toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, String> digests = new TreeMap<>();
    double ms = -1;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] parts = line.split(" ", 2);
        if (parts[0].equals("hash_ms")) {
          ms = Double.parseDouble(parts[1]);
        } else {
          digests.put(root.relativize(Path.of(parts[1])).toString(), parts[0]);
        }
      }
    }
    if (p.waitFor() != 0 || ms < 0) {
      throw new IllegalStateException(script + " failed (exit " + p.exitValue() + ")");
    }
    if (!digests.equals(signed)) {
      throw new IllegalStateException(script + " computed digests that differ from the signed manifest");
    }
    return ms;
  }

  private static long totalSize(Path dir, List<String> names) throws IOException {
    long total = 0;
    for (String name : names) {
      total += Files.size(dir.resolve(name));
    }
    return total;
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
  }

  private static List<Long> rounded(List<Double> xs) {
    return xs.stream().map(Math::round).toList();
  }

  /**
   * Writes {@code count} files of pseudo-random bytes totalling {@code size} (the last takes the
   * remainder) and a small {@value #CONFIG}; returns all names in code point order.
   */
  private static List<String> writeModel(Path dir, long size, int count) throws IOException {
    List<String> names = new ArrayList<>();
    long each = size / count;
    for (int i = 0; i < count; i++) {
      String name = String.format("model-%05d-of-%05d.safetensors", i + 1, count);
      BenchFiles.write(dir.resolve(name), i == count - 1 ? size - each * (count - 1) : each, 0x9E3779B97F4A7C15L + i);
      names.add(name);
    }
    Files.writeString(dir.resolve(CONFIG), "{\"architectures\":[\"BenchModel\"],\"num_hidden_layers\":" + count + "}\n");
    names.add(CONFIG);
    names.sort(String::compareTo);
    return names;
  }
}
