package dev.modelseal.internal.trust;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.sigstore.tuf.SigstoreTufClient;
import dev.sigstore.tuf.TufException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Sigstore public-good {@code trusted_root.json}: refreshed by TUF when online, else the
 * last copy TUF cached (with a WARN), else a clear failure. The refresh is a parameter so tests can
 * exercise the offline path without a network.
 */
public final class PublicGoodTrustRoot {
  private static final Logger LOG = LoggerFactory.getLogger(PublicGoodTrustRoot.class);
  static final String TARGET = "trusted_root.json";

  /** Refreshes the TUF cache in a directory; throws when it cannot (e.g. offline). */
  @FunctionalInterface
  public interface Update {
    void run(Path cacheDir) throws Exception;
  }

  /** The file to read and a description for reports. */
  public record Result(Path file, String description) {}

  private PublicGoodTrustRoot() {}

  /** sigstore-java's TUF client against the public-good repository. */
  public static Update tufUpdate() {
    return dir ->
        SigstoreTufClient.builder().usePublicGoodInstance().tufCacheLocation(dir).build().update();
  }

  public static Result load(Path cacheDir, Update update) throws ModelVerificationException {
    try {
      update.run(cacheDir);
      return new Result(
          cached(cacheDir)
              .orElseThrow(() -> new IOException("TUF update wrote no " + TARGET)),
          "Sigstore public good (TUF, refreshed)");
    } catch (Exception e) {
      if (!isUnreachable(e)) {
        // TUF refused what it was served (expired, rolled back, badly signed metadata): using the
        // cached root then would undo exactly the protection TUF gives against stale roots.
        throw new ModelVerificationException(Reason.INVALID_TRUST_ROOT,
            "the Sigstore public-good trust root failed TUF verification: " + e.getMessage(), e);
      }
      Optional<Path> last = cached(cacheDir);
      if (last.isEmpty()) {
        throw new ModelVerificationException(
            Reason.INVALID_TRUST_ROOT,
            "cannot refresh the Sigstore public-good trust root (" + e.getMessage()
                + ") and no cached copy exists in " + cacheDir
                + "; pass a trusted_root.json with TrustRoot.fromJson for offline use",
            e);
      }
      LOG.warn(
          "Sigstore public-good trust root could not be refreshed ({}); using the cached copy {}",
          e.toString(), last.get());
      return new Result(last.get(), "Sigstore public good (cached, not refreshed)");
    }
  }

  /**
   * True when the refresh failed because the repository could not be reached (an I/O error and no
   * TUF verification failure anywhere in the causes): only then may the cached root stand in.
   */
  static boolean isUnreachable(Throwable e) {
    boolean io = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TufException) {
        return false;
      }
      io |= t instanceof IOException;
    }
    return io;
  }

  /** The newest {@code targets/trusted_root.json} below {@code dir}, if any. */
  static Optional<Path> cached(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(dir, 4)) {
      return s.filter(p -> p.getFileName().toString().equals(TARGET))
          .filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("targets"))
          .filter(Files::isRegularFile)
          .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
