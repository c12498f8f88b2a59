package dev.modelseal.internal.trust;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * A TUF repository that distributes a Sigstore {@code trusted_root.json}: where it is served, the
 * root metadata the client trusts before its first refresh, and the directory where the client
 * keeps the metadata and targets it verified. A cache directory belongs to one repository: TUF
 * trusts the root it finds there more than the initial one.
 *
 * @param mirror the repository's base URI (http or https, ending in {@code /})
 * @param initialRoot what the client trusts when the cache has no root yet
 * @param cacheDir the client's trusted metadata and targets
 * @param seeded whether the {@link PublicGoodSeed} may stand in when the repository is unreachable
 *     and nothing is cached: only for the public-good repository, whose root the seed belongs to
 */
public record TufRepository(URI mirror, InitialRoot initialRoot, Path cacheDir, boolean seeded) {
  /** The public-good repository's address. */
  public static final URI PUBLIC_GOOD_MIRROR = URI.create("https://tuf-repo-cdn.sigstore.dev/");

  /**
   * System property: the base URL of the TUF repository, or of a mirror of the public-good one.
   * A testing and private-deployment knob: tests point it at a loopback repository, or at a closed
   * port to be offline.
   */
  public static final String MIRROR_PROPERTY = "modelseal.tuf.mirror";

  /**
   * System property: a file with the initial {@code root.json} of a private TUF repository. With
   * it, the public-good seed is never used, and {@link #CACHE_PROPERTY} must be set too.
   */
  public static final String ROOT_PROPERTY = "modelseal.tuf.root";

  /** System property: the TUF cache directory (default {@code ~/.sigstore-java/modelseal}). */
  public static final String CACHE_PROPERTY = "modelseal.tuf.cache";

  /**
   * The public-good root sigstore-java ships in its jar, read from the classpath rather than copied:
   * {@code SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE}.
   */
  static final String PUBLIC_GOOD_ROOT_RESOURCE = dev.sigstore.tuf.SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE;

  /** The root metadata a TUF client starts from (TUF specification §5.2). */
  @FunctionalInterface
  public interface InitialRoot {
    /** Returns the root metadata JSON. */
    String read() throws IOException;

    /** A classpath resource, loaded by the class loader that loaded ModelSeal. */
    static InitialRoot resource(String name) {
      return () -> {
        try (InputStream in = TufRepository.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            throw new IOException("resource " + name + " is not on the classpath");
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      };
    }

    /** A file. */
    static InitialRoot file(Path file) {
      return () -> Files.readString(file);
    }
  }

  public TufRepository {
    Objects.requireNonNull(mirror, "mirror");
    Objects.requireNonNull(initialRoot, "initialRoot");
    Objects.requireNonNull(cacheDir, "cacheDir");
    String scheme = mirror.getScheme();
    if (!mirror.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme)) || mirror.getHost() == null) {
      throw new IllegalArgumentException("a TUF repository needs an http(s) URL, got " + mirror);
    }
    if (!mirror.getPath().endsWith("/")) {
      // Metadata and targets are resolved relative to the mirror, which must therefore be a "directory".
      mirror = URI.create(mirror + "/");
    }
  }

  /** The public-good repository, with its seed, cached in {@code cacheDir}. */
  public static TufRepository publicGood(Path cacheDir) {
    return new TufRepository(PUBLIC_GOOD_MIRROR, InitialRoot.resource(PUBLIC_GOOD_ROOT_RESOURCE), cacheDir, true);
  }

  /**
   * The repository the system properties name: by default the public-good one cached in {@code
   * ~/.sigstore-java/modelseal}; {@value #MIRROR_PROPERTY} moves it, {@value #ROOT_PROPERTY} and
   * {@value #CACHE_PROPERTY} replace it.
   */
  public static TufRepository fromSystemProperties(Properties properties) throws ModelVerificationException {
    String mirror = properties.getProperty(MIRROR_PROPERTY);
    String root = properties.getProperty(ROOT_PROPERTY);
    String cache = properties.getProperty(CACHE_PROPERTY);
    if (root != null && cache == null) {
      throw invalid(ROOT_PROPERTY + " needs " + CACHE_PROPERTY + " as well: a TUF cache holds one repository's"
          + " metadata, and the public-good cache must not be trusted for another repository");
    }
    try {
      URI uri = mirror == null ? PUBLIC_GOOD_MIRROR : new URI(mirror);
      Path cacheDir = cache != null ? Path.of(cache) : defaultCache(properties);
      InitialRoot initial = root == null ? InitialRoot.resource(PUBLIC_GOOD_ROOT_RESOURCE) : InitialRoot.file(Path.of(root));
      return new TufRepository(uri, initial, cacheDir, root == null);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw invalid("invalid TUF repository settings (" + MIRROR_PROPERTY + "=" + mirror + ", " + ROOT_PROPERTY
          + "=" + root + ", " + CACHE_PROPERTY + "=" + cache + "): " + e.getMessage());
    }
  }

  private static Path defaultCache(Properties properties) {
    String home = properties.getProperty("user.home");
    if (home == null || home.isBlank()) {
      throw new IllegalArgumentException("user.home is not set; set " + CACHE_PROPERTY);
    }
    return Path.of(home, ".sigstore-java", "modelseal");
  }

  private static ModelVerificationException invalid(String message) {
    return new ModelVerificationException(Reason.INVALID_TRUST_ROOT, message);
  }
}
