package dev.modelseal.internal.oms;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.ReadProgress;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.digest.ModelContent;
import dev.modelseal.internal.digest.ModelReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies a model (a directory, or a single file) against a signed {@link OmsManifest}, reading
 * every byte once: the walk finds the files (dotfiles included) by their relative names, compared
 * byte for byte with the manifest's names; the file set must match; then every file, or every
 * shard, is hashed in parallel by a fixed pool (one reusable buffer per thread, positional reads),
 * keeping the bytes in the same pass when asked, so that what is handed out is what was hashed.
 *
 * <p>Ignored: the top-level {@code .git}, {@code .gitattributes}, {@code .github}, {@code
 * .gitignore}, the manifest's ignore paths, the caller's, and the excluded (signature) files; an
 * ignore path covers itself and everything under it, as model_signing's {@code is_relative_to}.
 * Symlinks are refused unless the manifest allows them; then a symlink to a regular file is hashed
 * as its target (as model_signing does), while a symlink to a directory is refused in every case,
 * so the walk never leaves the model's tree. FIFOs, sockets and devices are refused unopened.
 */
public final class OmsDirectory {
  /** Most directory entries the walk looks at. */
  public static final int MAX_FILES = 100_000;
  /** Deepest directory nesting the walk descends into. */
  public static final int MAX_DEPTH = 64;
  /** Names listed in a message about the file set, at most. */
  static final int MAX_LISTED = 10;

  static final int BLOCK = 1 << 20;
  static final int CHUNK = 64 << 20;
  private static final List<String> GIT_PATHS = List.of(".git", ".gitattributes", ".github", ".gitignore");

  /** What to keep of the bytes read. */
  public enum Keep {
    /** Verify only. */
    NONE,
    /** Keep the bytes in heap chunks. */
    MEMORY,
    /** Keep the bytes in private owner-only snapshot files, deleted when closed. */
    SNAPSHOT
  }

  /**
   * How to verify.
   *
   * @param callerIgnorePaths more paths to ignore: relative to the model, or absolute inside it
   * @param ignoreUnsignedFiles true to skip files the manifest does not list (never opened)
   * @param excludedFiles the signature and evidence files (absolute), never part of the manifest
   * @param keep what to keep of the bytes
   * @param snapshotDirectory where snapshot files go ({@link Keep#SNAPSHOT} only)
   * @param progress told how many bytes have been hashed, on the calling thread
   */
  public record Options(List<String> callerIgnorePaths, boolean ignoreUnsignedFiles, Set<Path> excludedFiles,
      Keep keep, Path snapshotDirectory, ReadProgress progress) {
    public Options {
      callerIgnorePaths = List.copyOf(callerIgnorePaths);
      excludedFiles = Set.copyOf(excludedFiles);
      Objects.requireNonNull(keep, "keep");
      Objects.requireNonNull(progress, "progress");
      if (keep == Keep.SNAPSHOT) {
        Objects.requireNonNull(snapshotDirectory, "snapshotDirectory is required to keep a snapshot");
      }
    }

    /** Verify only, ignoring nothing more, excluding {@code excluded}. */
    public static Options verifyOnly(Set<Path> excluded) {
      return new Options(List.of(), false, excluded, Keep.NONE, null, ReadProgress.NONE);
    }
  }

  private OmsDirectory() {}

  /** Verifies {@code model} against {@code manifest} with one hashing thread per processor. */
  public static OmsFiles verify(Path model, OmsManifest manifest, Options options) throws ModelVerificationException {
    return verify(model, manifest, options, Runtime.getRuntime().availableProcessors());
  }

  static OmsFiles verify(Path model, OmsManifest manifest, Options options, int threads)
      throws ModelVerificationException {
    manifest.checkRootDigest();
    Map<String, List<OmsManifest.Resource>> expected = new LinkedHashMap<>();
    for (OmsManifest.Resource r : manifest.resources()) {
      expected.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r);
    }
    Map<String, Found> found = find(model, manifest, options, expected.keySet());
    if (manifest.method() == OmsManifest.Method.SHARDS) {
      found.values().removeIf(f -> f.size() == 0);
    }
    compareSets(model, expected.keySet(), found.keySet(), options.ignoreUnsignedFiles());
    List<Job> jobs = new ArrayList<>(expected.size());
    long total = 0;
    for (Map.Entry<String, List<OmsManifest.Resource>> e : expected.entrySet()) {
      Found f = found.get(e.getKey());
      List<OmsManifest.Resource> rs = e.getValue();
      if (manifest.method() == OmsManifest.Method.SHARDS) {
        long end = rs.stream().mapToLong(OmsManifest.Resource::end).max().orElse(0);
        if (end != f.size()) {
          throw new ModelVerificationException(Reason.DIGEST_MISMATCH, model + ": \"" + e.getKey() + "\" has "
              + f.size() + " bytes but its signed shards cover " + end + "; the file was changed after signing");
        }
      }
      jobs.add(new Job(e.getKey(), f.path(), f.size(), rs));
      total += f.size();
    }
    if (options.keep() == Keep.MEMORY) {
      ModelReader.requireHeapFor(model, total);
    }
    return new Run(model, manifest, options, jobs, total).execute(threads);
  }

  /** A file found by the walk. */
  private record Found(Path path, long size) {}

  private record Dir(Path path, String prefix, int depth) {}

  private static Map<String, Found> find(Path model, OmsManifest m, Options o, Set<String> expected)
      throws ModelVerificationException {
    BasicFileAttributes root = attributes(model, model, LinkOption.NOFOLLOW_LINKS);
    if (root.isSymbolicLink()) {
      if (!m.allowSymlinks()) {
        throw new ModelVerificationException(Reason.UNSAFE_PATH, model + ": the model path is a symlink and the"
            + " manifest does not allow symlinks; pass the real path");
      }
      root = attributes(model, model);
    }
    Map<String, Found> found = new LinkedHashMap<>();
    if (root.isRegularFile()) {
      found.put(".", new Found(model, root.size()));
      return found;
    }
    if (!root.isDirectory()) {
      throw new ModelVerificationException(Reason.UNSAFE_PATH, model + ": the model is a FIFO, socket or device,"
          + " not a file or directory; refused without opening it");
    }
    Set<String> ignored = ignoredNames(model, m, o);
    Set<String> excluded = excludedNames(model, o.excludedFiles());
    Deque<Dir> pending = new ArrayDeque<>();
    pending.push(new Dir(model, "", 0));
    int seen = 0;
    while (!pending.isEmpty()) {
      Dir dir = pending.pop();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.path())) {
        for (Path entry : entries) {
          if (++seen > MAX_FILES) {
            throw new ModelVerificationException(Reason.MALFORMED_MODEL, model + ": the model has more than "
                + MAX_FILES + " files and directories; refused");
          }
          String leaf = entry.getFileName().toString();
          String name = dir.prefix().isEmpty() ? leaf : dir.prefix() + "/" + leaf;
          if (excluded.contains(name) || isIgnored(name, ignored)) {
            continue;
          }
          BasicFileAttributes a = attributes(model, entry, LinkOption.NOFOLLOW_LINKS);
          if (a.isDirectory()) {
            if (dir.depth() + 1 > MAX_DEPTH) {
              throw new ModelVerificationException(Reason.MALFORMED_MODEL, model + ": \"" + name
                  + "\" is nested deeper than " + MAX_DEPTH + " directories; refused");
            }
            pending.push(new Dir(entry, name, dir.depth() + 1));
            continue;
          }
          if (o.ignoreUnsignedFiles() && !expected.contains(name)) {
            continue;
          }
          if (a.isSymbolicLink()) {
            a = symlinkTarget(model, entry, name, m.allowSymlinks());
          }
          if (!a.isRegularFile()) {
            throw new ModelVerificationException(Reason.UNSAFE_PATH, model + ": \"" + name + "\" is a FIFO, socket"
                + " or device, not a regular file; refused without opening it");
          }
          if (found.putIfAbsent(name, new Found(entry, a.size())) != null) {
            // Bytes that are not valid in the file system's encoding decode to the same name: one of
            // the files would be neither hashed nor reported.
            throw new ModelVerificationException(Reason.UNSAFE_PATH, model + ": two files in the model read as \""
                + name + "\" (a file name that is not valid text in this system's encoding); rename them");
          }
        }
      } catch (IOException e) {
        throw new ModelVerificationException(Reason.MISSING_EVIDENCE, model + ": cannot list \"" + dir.prefix()
            + "\": " + e.getMessage(), e);
      }
    }
    return found;
  }

  private static BasicFileAttributes symlinkTarget(Path model, Path entry, String name, boolean allowed)
      throws ModelVerificationException {
    if (!allowed) {
      throw new ModelVerificationException(Reason.UNSAFE_PATH, model + ": \"" + name + "\" is a symlink and the"
          + " manifest does not allow symlinks; replace it with the file, or remove or ignore it");
    }
    BasicFileAttributes target;
    try {
      target = Files.readAttributes(entry, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new ModelVerificationException(Reason.UNSAFE_PATH, model + ": \"" + name
          + "\" is a symlink whose target cannot be read (" + e.getMessage() + ")");
    }
    if (target.isDirectory()) {
      throw new ModelVerificationException(Reason.UNSAFE_PATH, model + ": \"" + name + "\" is a symlink to a"
          + " directory, which is never followed; replace it with the directory");
    }
    return target;
  }

  private static BasicFileAttributes attributes(Path model, Path p, LinkOption... options)
      throws ModelVerificationException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, options);
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, p + ": not found");
    } catch (IOException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, p + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code name} is an ignored name or lies under one ({@code d} covers {@code d/x}, not
   * {@code dx}): one set lookup per directory level of the name, so thousands of ignore paths cost
   * nothing per file.
   */
  private static boolean isIgnored(String name, Set<String> ignored) {
    for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
      if (ignored.contains(name.substring(0, slash))) {
        return true;
      }
    }
    return ignored.contains(name);
  }

  private static Set<String> ignoredNames(Path model, OmsManifest m, Options o) throws ModelVerificationException {
    Set<String> out = new HashSet<>(GIT_PATHS);
    out.addAll(m.ignorePaths());
    Path root = model.toAbsolutePath().normalize();
    for (String p : o.callerIgnorePaths()) {
      if (p.indexOf('\0') >= 0) {
        throw new ModelVerificationException(Reason.INVALID_POLICY, "ignore path \"" + p.replace("\0", "\\0")
            + "\" holds a NUL character, which no file name can");
      }
      String name;
      if (Path.of(p).isAbsolute()) {
        Path abs = Path.of(p).normalize();
        name = abs.startsWith(root) ? OmsPaths.ignored(root.relativize(abs).toString()) : null;
      } else {
        name = OmsPaths.ignored(p);
      }
      if (name == null) {
        // A caller's mistake, told rather than dropped: such a path can never match a file.
        throw new ModelVerificationException(Reason.INVALID_POLICY, "ignore path \"" + p + "\" is outside the"
            + " model " + root + "; ignore paths are relative to the model directory (or absolute inside it)");
      }
      if (name.isEmpty()) {
        throw new ModelVerificationException(Reason.INVALID_POLICY, "ignore path \"" + p
            + "\" names the model itself, which would leave nothing to verify");
      }
      out.add(name);
    }
    return out;
  }

  /** The excluded files' names relative to the model, both as written and through real paths. */
  private static Set<String> excludedNames(Path model, Set<Path> excluded) {
    Set<String> out = new HashSet<>();
    List<Path> roots = new ArrayList<>(List.of(model.toAbsolutePath().normalize()));
    try {
      roots.add(model.toRealPath());
    } catch (IOException e) {
      // the walk reports an unreadable model itself
    }
    for (Path e : excluded) {
      List<Path> forms = new ArrayList<>(List.of(e.toAbsolutePath().normalize()));
      Path parent = forms.get(0).getParent();
      try {
        if (parent != null) {
          forms.add(parent.toRealPath().resolve(forms.get(0).getFileName()));
        }
      } catch (IOException ex) {
        // a missing parent has nothing in the model to exclude
      }
      for (Path root : roots) {
        for (Path f : forms) {
          if (f.startsWith(root) && !f.equals(root)) {
            out.add(root.relativize(f).toString());
          }
        }
      }
    }
    return out;
  }

  private static void compareSets(Path model, Set<String> expected, Set<String> found, boolean ignoreUnsigned)
      throws ModelVerificationException {
    List<String> missing = new ArrayList<>();
    for (String name : expected) {
      if (!found.contains(name)) {
        missing.add(name);
      }
    }
    List<String> extra = new ArrayList<>();
    if (!ignoreUnsigned) {
      for (String name : found) {
        if (!expected.contains(name)) {
          extra.add(name);
        }
      }
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder(model + ": the model's files are not the signed ones:");
    if (!missing.isEmpty()) {
      sb.append(" missing ").append(listed(missing));
    }
    if (!extra.isEmpty()) {
      sb.append(missing.isEmpty() ? "" : ";").append(" not signed ").append(listed(extra))
          .append(" (remove or ignore them)");
    }
    throw new ModelVerificationException(Reason.FILE_SET_MISMATCH, sb.toString());
  }

  private static String listed(List<String> names) {
    List<String> shown = new ArrayList<>();
    for (String n : names.subList(0, Math.min(MAX_LISTED, names.size()))) {
      shown.add("\"" + n + "\"");
    }
    return names.size() + " (" + String.join(", ", shown) + (names.size() > MAX_LISTED ? ", …" : "") + ")";
  }

  /** One file to read: its resources, and what is kept of it. */
  private static final class Job {
    final String name;
    final Path path;
    final long size;
    final List<OmsManifest.Resource> resources;
    final AtomicInteger remaining;
    byte[][] chunks;
    /** Where this file starts in the run's shared snapshot file ({@link Keep#SNAPSHOT} only). */
    long snapshotOffset;
    private FileChannel in;

    Job(String name, Path path, long size, List<OmsManifest.Resource> resources) {
      this.name = name;
      this.path = path;
      this.size = size;
      this.resources = resources;
      this.remaining = new AtomicInteger(resources.size());
    }

    synchronized FileChannel open(boolean followLinks) throws IOException, ModelVerificationException {
      if (in == null) {
        OpenOption[] opts = followLinks ? new OpenOption[] {StandardOpenOption.READ}
            : new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
        in = FileChannel.open(path, opts);
        if (in.size() != size) {
          throw changed(this);
        }
      }
      return in;
    }

    synchronized void closeInput() throws IOException {
      if (in != null) {
        in.close();
      }
    }

    void release() {
      chunks = null;
      try {
        closeInput();
      } catch (IOException e) {
        // releasing after a refusal: the refusal is what the caller needs to see
      }
    }
  }

  private static ModelVerificationException changed(Job job) {
    return new ModelVerificationException(Reason.MISSING_EVIDENCE, job.path + ": the file changed while it was"
        + " being read (expected " + job.size + " bytes)");
  }

  /** One verification: the pool and the jobs. */
  private static final class Run {
    private final Path model;
    private final OmsManifest manifest;
    private final Options options;
    private final List<Job> jobs;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private volatile boolean failed;
    private FileChannel snapshot;
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BLOCK));
    private final ThreadLocal<ByteBuffer> directBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BLOCK));

    Run(Path model, OmsManifest manifest, Options options, List<Job> jobs, long total) {
      this.model = model;
      this.manifest = manifest;
      this.options = options;
      this.jobs = jobs;
      this.total = total;
    }

    OmsFiles execute(int threads) throws ModelVerificationException {
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
        Thread t = new Thread(r, "modelseal-oms-hash");
        t.setDaemon(true);
        return t;
      });
      boolean ok = false;
      try {
        prepare();
        ExecutorCompletionService<Void> cs = new ExecutorCompletionService<>(pool);
        int tasks = 0;
        for (Job job : jobs) {
          for (OmsManifest.Resource r : job.resources) {
            cs.submit(() -> {
              hash(job, r);
              return null;
            });
            tasks++;
          }
        }
        await(cs, tasks);
        OmsFiles files = result();
        ok = true;
        return files;
      } catch (IOException e) {
        throw new ModelVerificationException(Reason.MISSING_EVIDENCE, model + ": cannot keep the verified bytes: "
            + e.getMessage(), e);
      } finally {
        failed = !ok;
        pool.shutdownNow();
        if (!ok) {
          awaitQuietly(pool);
          jobs.forEach(Job::release);
          closeSnapshot();
        }
      }
    }

    private void prepare() throws IOException {
      long offset = 0;
      for (Job job : jobs) {
        if (options.keep() == Keep.MEMORY) {
          // Only the table: each chunk is allocated by the hashing thread that first fills it, so
          // zeroing fresh heap runs in parallel with, not before, the reads.
          job.chunks = new byte[(int) ((job.size + CHUNK - 1) / CHUNK)][];
        } else if (options.keep() == Keep.SNAPSHOT) {
          job.snapshotOffset = offset;
          offset += job.size;
        }
      }
      if (options.keep() == Keep.SNAPSHOT) {
        // One file for the whole model, each file at its offset: one descriptor, not one per file.
        snapshot = ModelContent.createSnapshotFile(options.snapshotDirectory());
      }
    }

    /** Chunk {@code i} of {@code job}'s kept bytes, allocated on first use (shards may share one). */
    private byte[] chunk(Job job, int i) throws ModelVerificationException {
      synchronized (job) {
        if (job.chunks[i] == null) {
          job.chunks[i] = allocate((int) Math.min(CHUNK, job.size - (long) i * CHUNK));
        }
        return job.chunks[i];
      }
    }

    private byte[] allocate(int length) throws ModelVerificationException {
      try {
        return new byte[length];
      } catch (OutOfMemoryError e) {
        throw new ModelVerificationException(Reason.MODEL_TOO_LARGE_FOR_MEMORY, model + ": the model has " + total
            + " bytes, more than the heap has room for now; load it with LoadOptions.snapshotDirectory(dir), which"
            + " keeps the verified bytes in private files instead, or give the JVM more heap (-Xmx)");
      }
    }

    private void await(ExecutorCompletionService<Void> cs, int tasks) throws ModelVerificationException {
      long reported = -1;
      try {
        for (int left = tasks; left > 0; ) {
          Future<Void> f = cs.poll(100, TimeUnit.MILLISECONDS);
          if (f != null) {
            left--;
            f.get();
          }
          long now = done.get();
          if (now != reported) {
            options.progress().bytesRead(now, total);
            reported = now;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelVerificationException(Reason.MISSING_EVIDENCE, model + ": interrupted while hashing");
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof ModelVerificationException mve) {
          throw mve;
        }
        if (c instanceof IOException io) {
          throw new ModelVerificationException(Reason.MISSING_EVIDENCE, model + ": cannot read the model: "
              + io.getMessage(), io);
        }
        if (c instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(c);
      }
    }

    /** Reads and hashes one resource's range, keeping the bytes as asked; checks its digest. */
    private void hash(Job job, OmsManifest.Resource r) throws IOException, ModelVerificationException {
      if (failed) {
        return;
      }
      long start = r.shard() ? r.start() : 0;
      long end = r.shard() ? r.end() : job.size;
      FileChannel in = job.open(manifest.allowSymlinks());
      OmsHash.Engine engine = manifest.hashType().newEngine();
      ByteBuffer buffer = buffers.get();
      for (long pos = start; pos < end && !failed; ) {
        int len = (int) Math.min(BLOCK, end - pos);
        ByteBuffer target;
        if (job.chunks != null) {
          int chunk = (int) (pos / CHUNK);
          int off = (int) (pos % CHUNK);
          len = Math.min(len, CHUNK - off);
          target = ByteBuffer.wrap(chunk(job, chunk), off, len);
        } else if (snapshot != null) {
          // Read into a direct buffer the snapshot is written from: through a heap buffer the JDK
          // would copy each block via a temporary direct buffer for the read and again for the write.
          target = directBuffers.get().clear().limit(len);
        } else {
          target = buffer.clear().limit(len);
        }
        int read = 0;
        while (read < len) {
          int n = in.read(target, pos + read);
          if (n < 0) {
            throw changed(job);
          }
          read += n;
        }
        if (target.isDirect()) {
          target.flip().get(buffer.array(), 0, len);
          engine.update(buffer.array(), 0, len);
          target.flip();
          for (long at = job.snapshotOffset + pos; target.hasRemaining(); ) {
            at += snapshot.write(target, at);
          }
        } else {
          engine.update(target.array(), target.arrayOffset() + target.position() - len, len);
        }
        pos += len;
        done.addAndGet(len);
      }
      if (failed) {
        return;
      }
      Bytes digest = Bytes.wrap(engine.finish());
      if (!digest.equals(r.digest())) {
        failed = true;
        throw new ModelVerificationException(Reason.DIGEST_MISMATCH, model + ": \"" + r.name() + "\" has "
            + r.algorithm() + " " + digest.hex() + " but the manifest signs " + r.digest().hex()
            + "; the file was changed after signing");
      }
      if (job.remaining.decrementAndGet() == 0) {
        if (in.size() != job.size || in.read(ByteBuffer.allocate(1), job.size) >= 0) {
          throw changed(job);
        }
        job.closeInput();
      }
    }

    private OmsFiles result() throws IOException {
      List<ModelContent> snapshots = null;
      if (snapshot != null) {
        // Not forced to disk: a private copy deleted on close, mapped from the page cache it was written to.
        snapshots = ModelContent.fromSnapshot(snapshot, jobs.stream().mapToLong(j -> j.size).toArray());
      }
      List<OmsFiles.VerifiedFile> files = new ArrayList<>(jobs.size());
      for (int i = 0; i < jobs.size(); i++) {
        Job job = jobs.get(i);
        List<OmsManifest.Resource> ordered = new ArrayList<>(job.resources);
        ordered.sort(Comparator.comparingLong(OmsManifest.Resource::start));
        StringBuilder hex = new StringBuilder();
        // Each computed digest equals its resource's (else DIGEST_MISMATCH), whose root the signature binds.
        ordered.forEach(r -> hex.append(r.digest().hex()));
        ModelContent content = job.chunks != null ? ModelContent.fromHeapChunks(List.of(job.chunks), job.size)
            : snapshots != null ? snapshots.get(i) : null;
        files.add(new OmsFiles.VerifiedFile(job.name, job.size, ordered.get(0).algorithm(), hex.toString(), content));
      }
      return new OmsFiles(files);
    }

    /** Closes (and so deletes) the snapshot of a refused model. */
    private void closeSnapshot() {
      if (snapshot != null) {
        try {
          snapshot.close();
        } catch (IOException e) {
          // releasing after a refusal: the refusal is what the caller needs to see
        }
      }
    }

    private static void awaitQuietly(ExecutorService pool) {
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
