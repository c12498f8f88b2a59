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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The transport of ModelSeal's TUF client: fetches metadata and targets with the JDK's own HTTP
 * client (so no HTTP library is needed on the classpath; the JDK's proxy settings apply), reading
 * at most the length TUF allows for each file.
 *
 * <p>An answer that says "not there" ends TUF's search. No answer (a failed or timed-out connection,
 * a body that stops coming) or one that says "not now" is a {@link RepositoryUnreachableException},
 * the one failure a cached copy may stand in for. Any other status is a repository error (a {@link
 * TufException}), and whatever the client refuses in a body it did receive is never papered over.
 * Each fetch, body included, ends within {@link #DEADLINE}: a server that sends headers and then
 * stalls or drips cannot hold the refresh.
 */
final class JdkHttpFetcher implements Fetcher {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** The longest one fetch may take, from the request to the last byte of the body. */
  static final Duration DEADLINE = Duration.ofSeconds(60);
  /** Closes bodies that overrun their deadline; a daemon, so it never keeps the JVM alive. */
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "modelseal-tuf-deadline");
    t.setDaemon(true);
    return t;
  });
  /** 404, and 403, which object stores answer for a missing object (python-tuf reads both so). */
  private static final Set<Integer> ABSENT = Set.of(403, 404);
  /** Timeouts, rate limits and server errors: the repository is there but cannot answer now. */
  private static final Set<Integer> UNAVAILABLE = Set.of(408, 429, 500, 502, 503, 504);

  private final URI base;
  private final Duration deadline;

  /** {@code base} is a directory URI (ending in {@code /}); file names are resolved against it. */
  JdkHttpFetcher(URI base) {
    this(base, DEADLINE);
  }

  JdkHttpFetcher(URI base, Duration deadline) {
    this.base = base;
    this.deadline = deadline;
  }

  @Override
  public String getSource() {
    return base.toString();
  }

  @Override
  public byte[] fetchResource(String name, int maxLength) throws IOException {
    URI uri = base.resolve(name);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT.compareTo(deadline) < 0 ? REQUEST_TIMEOUT : deadline).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = Client.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + uri);
    } catch (IOException e) {
      throw new RepositoryUnreachableException("cannot fetch " + uri + ": " + e, e);
    }
    InputStream body = response.body();
    AtomicBoolean overran = new AtomicBoolean();
    ScheduledFuture<?> guard = WATCHDOG.schedule(() -> {
      overran.set(true);
      closeQuietly(body);
    }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    try (body) {
      int status = response.statusCode();
      if (ABSENT.contains(status)) {
        return null;
      }
      if (UNAVAILABLE.contains(status)) {
        throw new RepositoryUnreachableException("cannot fetch " + uri + ": HTTP " + status, null);
      }
      if (status != 200) {
        throw new TufException("unexpected answer from the TUF repository for " + uri + ": HTTP " + status);
      }
      byte[] bytes;
      try {
        bytes = body.readNBytes(maxLength);
        if (bytes.length == maxLength && body.read() != -1) {
          throw new FileExceedsMaxLengthException(uri.toString(), maxLength);
        }
      } catch (IOException e) {
        throw new RepositoryUnreachableException("cannot fetch " + uri + ": "
            + (overran.get() ? "the body did not arrive within " + deadline.toSeconds() + " s" : e.toString()), e);
      }
      return bytes;
    } finally {
      guard.cancel(false);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing is only a way to end the read that overran; its own failure changes nothing
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
