package dev.modelseal.internal.trust;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.tuf.TufException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a TUF-distributed {@code trusted_root.json} (the Sigstore public-good one by default):
 * refreshed by TUF when the repository answers; when it cannot be reached, the last copy TUF
 * verified (with a WARN), else, on a first use without network, the {@link PublicGoodSeed} (with
 * a WARN naming its date), else a clear failure. A repository that answers with anything TUF
 * refuses (expired, rolled back, badly signed) is a failure: no cached copy or seed stands in.
 *
 * <p>Nothing the TUF client throws escapes as anything but a {@link ModelVerificationException}
 * with {@link Reason#INVALID_TRUST_ROOT}: not a runtime exception, not a missing class. The
 * refresh is a parameter so tests can stand in for the network.
 */
public final class PublicGoodTrustRoot {
  private static final Logger LOG = LoggerFactory.getLogger(PublicGoodTrustRoot.class);
  static final String TARGET = "trusted_root.json";
  /** One lock per cache directory (absolute, normalised), so each cache is refreshed by one at a time. */
  private static final ConcurrentMap<Path, Object> REFRESH_LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper ROOT_READER = new ObjectMapper();
  private static final String HINT =
      "to verify without it, pass a trusted_root.json you trust (TrustRoot.fromJson, or --trusted-root)";

  /** Refreshes the TUF cache in a directory; throws when it cannot (e.g. offline). */
  @FunctionalInterface
  public interface Update {
    void run(Path cacheDir) throws Exception;
  }

  /** The bytes of the {@code trusted_root.json} to use, where they are, and a description for reports. */
  public record Result(Bytes content, String location, String description) {}

  private PublicGoodTrustRoot() {}

  /** sigstore-java's TUF client, over the JDK's HTTP client, against {@code repo}. */
  public static Update tufUpdate(TufRepository repo) {
    return TufRefresh.of(repo);
  }

  public static Result load(TufRepository repo, Update update) throws ModelVerificationException {
    Path cacheDir = repo.cacheDir();
    Throwable failure;
    try {
      // sigstore-java's file store writes in place: two refreshes of one cache at once could
      // leave it half-written, so refreshes of one cache in this JVM take turns.
      synchronized (REFRESH_LOCKS.computeIfAbsent(cacheDir.toAbsolutePath().normalize(), k -> new Object())) {
        update.run(cacheDir);
      }
      Path refreshed = cached(cacheDir).orElseThrow(() -> new IllegalStateException("the TUF update wrote no " + TARGET));
      return read(refreshed, "Sigstore trust root from TUF " + repo.mirror() + " (refreshed)");
    } catch (ModelVerificationException e) {
      throw e;
    } catch (Throwable e) {
      rethrowIfFatal(e);
      failure = e;
    }
    if (!isUnreachable(failure)) {
      throw refused(repo, failure);
    }
    Optional<Path> last = cached(cacheDir);
    if (last.isPresent()) {
      LOG.warn("Sigstore trust root: TUF repository {} unreachable ({}); using the copy cached in {}, not refreshed",
          repo.mirror(), describe(failure), last.get());
      return read(last.get(), "Sigstore trust root from TUF " + repo.mirror() + " (cached, not refreshed)");
    }
    if (hasTufState(repo)) {
      // The cache's root may have been rotated past the one the seed belongs to: the seed must not
      // undo a rotation TUF verified.
      throw new ModelVerificationException(Reason.INVALID_TRUST_ROOT,
          "cannot refresh the Sigstore trust root from TUF " + repo.mirror() + " (" + describe(failure)
              + "), and the cache in " + cacheDir + " holds TUF metadata but no " + TARGET
              + " (an interrupted refresh?), so neither it nor the seed can stand in; refresh once with"
              + " network; " + HINT,
          failure);
    }
    if (!repo.seeded()) {
      throw new ModelVerificationException(Reason.INVALID_TRUST_ROOT,
          "cannot refresh the Sigstore trust root from TUF " + repo.mirror() + " (" + describe(failure)
              + ") and no cached copy exists in " + cacheDir + "; " + HINT,
          failure);
    }
    PublicGoodSeed seed = PublicGoodSeed.read();
    LOG.warn("Sigstore public-good trust root: TUF repository {} unreachable ({}) and nothing cached in {}; using"
            + " the seed shipped with ModelSeal, a snapshot of {} that knows no key added since; it is refreshed"
            + " on the first run with network", repo.mirror(), describe(failure), cacheDir, seed.date());
    return new Result(seed.content(), seed.location(),
        "Sigstore public good (seed of " + seed.date() + " shipped with ModelSeal, not refreshed)");
  }

  /**
   * Running out of memory or a broken JVM says nothing about the trust root and is not ours to
   * hide; a stack overflow is, since hostile metadata can nest deep enough to cause one.
   */
  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
      throw (VirtualMachineError) e;
    }
  }

  private static ModelVerificationException refused(TufRepository repo, Throwable e) {
    String what = e.getClass().getName() + ": " + describe(e);
    String message;
    if (e instanceof LinkageError) {
      message = "the TUF client cannot run (" + what + "): a library it needs is missing from the classpath or"
          + " has another version; check the dependency exclusions on dev.sigstore:sigstore-java";
    } else if (hasTufFailure(e)) {
      message = "the TUF repository " + repo.mirror() + " failed TUF verification (" + what + "): it served"
          + " metadata that is expired, rolled back or not signed by the trusted keys; the cached copy is not"
          + " used instead, as it would undo TUF's protection against stale roots";
    } else {
      message = "the trust root could not be refreshed from TUF " + repo.mirror() + " (" + what + ")";
    }
    return new ModelVerificationException(Reason.INVALID_TRUST_ROOT, message + "; " + HINT, e);
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
  }

  private static Result read(Path file, String description) throws ModelVerificationException {
    try {
      return new Result(Bytes.wrap(Files.readAllBytes(file)), file.toString(), description);
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.INVALID_TRUST_ROOT, file + ": cannot read the TUF-cached trusted root: " + e, e);
    }
  }

  /**
   * True when the refresh failed because the repository gave no answer to use ({@link
   * RepositoryUnreachableException}, which only the transport throws) and no TUF verification
   * failure is among the causes: only then may the cached root or the seed stand in. Anything else,
   * a body that does not parse included, is an answer that was refused.
   */
  static boolean isUnreachable(Throwable e) {
    boolean unreachable = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TufException) {
        return false;
      }
      unreachable |= t instanceof RepositoryUnreachableException;
    }
    return unreachable;
  }

  private static boolean hasTufFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TufException) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the cache holds what TUF verified beyond the initial root: a newer root, or any
   * timestamp, snapshot or targets metadata. (A first refresh that fails at once leaves only the
   * initial root there.) Such a cache knows more than the seed does, so the seed must not stand in.
   */
  static boolean hasTufState(TufRepository repo) {
    Path dir = repo.cacheDir();
    for (String role : new String[] {"timestamp.json", "snapshot.json", "targets.json"}) {
      if (Files.exists(dir.resolve(role))) {
        return true;
      }
    }
    Path root = dir.resolve("root.json");
    if (!Files.exists(root)) {
      return false;
    }
    try {
      return rootVersion(Files.readString(root)) != rootVersion(repo.initialRoot().read());
    } catch (IOException | RuntimeException e) {
      return true; // unreadable: assume it knows more
    }
  }

  /** {@code signed.version} of TUF root metadata (the client rewrites the file, so bytes differ). */
  private static long rootVersion(String json) throws IOException {
    JsonNode version = ROOT_READER.readTree(json).path("signed").path("version");
    if (!version.canConvertToLong()) {
      throw new IOException("root metadata without a version");
    }
    return version.longValue();
  }

  /** The {@code trusted_root.json} target TUF keeps in the cache directory, if it is there. */
  static Optional<Path> cached(Path dir) {
    Path target = dir.resolve("targets").resolve(TARGET);
    return Files.isRegularFile(target) ? Optional.of(target) : Optional.empty();
  }
}
