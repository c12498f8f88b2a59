package dev.modelseal.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import dev.sigstore.tuf.TufException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the TUF transport reads HTTP answers: found, absent, unavailable (may use the cache), wrong. */
class JdkHttpFetcherTest {
  private HttpServer server;
  private JdkHttpFetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        String name = exchange.getRequestURI().getPath().substring(1);
        byte[] body = "0123456789".getBytes(StandardCharsets.UTF_8);
        int status = name.startsWith("status-") ? Integer.parseInt(name.substring(7)) : 200;
        exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
        if (status == 200) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      }
    });
    server.start();
    fetcher = new JdkHttpFetcher(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsAFileUpToTheLengthTufAllows() throws Exception {
    assertThat(fetcher.fetchResource("1.root.json", 10)).asString(StandardCharsets.UTF_8).isEqualTo("0123456789");
    assertThatThrownBy(() -> fetcher.fetchResource("1.root.json", 9)).isInstanceOf(FileExceedsMaxLengthException.class);
  }

  @Test
  void notFoundAndForbiddenMeanAbsent() throws Exception {
    assertThat(fetcher.fetchResource("status-404", 10)).isNull();
    assertThat(fetcher.fetchResource("status-403", 10)).isNull();
  }

  @Test
  void unavailableIsAnIoFailureAndOtherAnswersAreRepositoryErrors() {
    for (String status : new String[] {"503", "500", "429"}) {
      assertThatThrownBy(() -> fetcher.fetchResource("status-" + status, 10))
          .isInstanceOf(RepositoryUnreachableException.class)
          .satisfies(e -> assertThat(PublicGoodTrustRoot.isUnreachable(e)).isTrue());
    }
    assertThatThrownBy(() -> fetcher.fetchResource("status-400", 10))
        .isInstanceOf(TufException.class)
        .satisfies(e -> assertThat(PublicGoodTrustRoot.isUnreachable(e)).isFalse());
  }

  /** A server that sends its headers and then stalls holds a fetch no longer than its deadline. */
  @Test
  void aBodyThatStopsComingEndsAtTheDeadlineAsUnreachable() throws Exception {
    try (java.net.ServerSocket stalling = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try (java.net.Socket s = stalling.accept()) {
          s.getInputStream().read(new byte[4096]);
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123").getBytes(StandardCharsets.UTF_8));
          s.getOutputStream().flush();
          Thread.sleep(30_000);
        } catch (IOException | InterruptedException e) {
          // the client gave up and closed the connection, or the test ended
        }
      });
      server.setDaemon(true);
      server.start();
      JdkHttpFetcher impatient = new JdkHttpFetcher(
          URI.create("http://127.0.0.1:" + stalling.getLocalPort() + "/"), java.time.Duration.ofMillis(500));
      assertThatThrownBy(() -> impatient.fetchResource("timestamp.json", 1000))
          .isInstanceOf(RepositoryUnreachableException.class)
          .hasMessageContaining("did not arrive within");
      server.interrupt();
    }
  }

  @Test
  void aClosedPortIsUnreachable() {
    server.stop(0);
    assertThatThrownBy(() -> fetcher.fetchResource("1.root.json", 10))
        .isInstanceOf(IOException.class)
        .satisfies(e -> assertThat(PublicGoodTrustRoot.isUnreachable(e)).isTrue());
  }
}
