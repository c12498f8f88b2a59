package dev.modelseal.internal.trust;

import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import dev.sigstore.tuf.TufException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * The transport of ModelSeal's TUF client: fetches metadata and targets with the JDK's own HTTP
 * client (so no HTTP library is needed on the classpath; the JDK's proxy settings apply), reading
 * at most the length TUF allows for each file.
 *
 * <p>An answer that says "not there" ends TUF's search, one that says "not now" counts as an
 * unreachable repository (an {@link IOException}), anything else is a repository error (a {@link
 * TufException}) that must not be papered over with a cached copy.
 */
final class JdkHttpFetcher implements Fetcher {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** 404, and 403, which object stores answer for a missing object (python-tuf reads both so). */
  private static final Set<Integer> ABSENT = Set.of(403, 404);
  /** Timeouts, rate limits and server errors: the repository is there but cannot answer now. */
  private static final Set<Integer> UNAVAILABLE = Set.of(408, 429, 500, 502, 503, 504);

  private final URI base;

  /** {@code base} is a directory URI (ending in {@code /}); file names are resolved against it. */
  JdkHttpFetcher(URI base) {
    this.base = base;
  }

  @Override
  public String getSource() {
    return base.toString();
  }

  @Override
  public byte[] fetchResource(String name, int maxLength) throws IOException {
    URI uri = base.resolve(name);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = Client.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + uri);
    } catch (IOException e) {
      throw new IOException("cannot fetch " + uri + ": " + e, e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (ABSENT.contains(status)) {
        return null;
      }
      if (UNAVAILABLE.contains(status)) {
        throw new IOException("cannot fetch " + uri + ": HTTP " + status);
      }
      if (status != 200) {
        throw new TufException("unexpected answer from the TUF repository for " + uri + ": HTTP " + status);
      }
      byte[] bytes = body.readNBytes(maxLength);
      if (bytes.length == maxLength && body.read() != -1) {
        throw new FileExceedsMaxLengthException(uri.toString(), maxLength);
      }
      return bytes;
    }
  }

  /** One client for the process, created on first use; its selector thread is a daemon. */
  private static final class Client {
    static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }
}
