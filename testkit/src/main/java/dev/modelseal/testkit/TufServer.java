package dev.modelseal.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Serves a set of files over HTTP/1.1 on a free loopback port with the JDK's built-in server:
 * {@code GET /name} answers 200 with the file, or 404. Nothing listens beyond the loopback
 * interface. Files can be replaced while it runs; every request path is recorded.
 */
final class TufServer implements AutoCloseable {
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final URI uri;

  TufServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on a loopback port", e);
    }
    server.createContext("/", this::handle);
    server.start();
    InetSocketAddress address = server.getAddress();
    uri = URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
  }

  /** The base URI, ending in {@code /}. */
  URI uri() {
    return uri;
  }

  /** Serves {@code content} at {@code path} (relative, no leading slash) from now on. */
  void put(String path, byte[] content) {
    files.put(path, content.clone());
  }

  /** The paths requested so far, in order, without the leading slash. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(1);
      requests.add(path);
      byte[] content = files.get(path);
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
      } else if (content == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        boolean head = method.equals("HEAD");
        // -1: no body; 0 would mean a chunked body of unknown length.
        exchange.sendResponseHeaders(200, head || content.length == 0 ? -1 : content.length);
        if (!head) {
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(content);
          }
        }
      }
    }
  }

  /** Stops listening at once; afterwards connections to {@link #uri()} are refused. */
  @Override
  public void close() {
    server.stop(0);
  }
}
