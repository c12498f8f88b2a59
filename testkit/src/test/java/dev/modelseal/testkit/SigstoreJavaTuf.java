package dev.modelseal.testkit;

import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * sigstore-java 2.0.0's TUF client ({@link Updater}: root, timestamp, snapshot and targets
 * verification, TUF §5) over a JDK HTTP transport, with its trusted metadata and targets in a
 * directory: the independent client that {@link FakeTufRepository}'s metadata must satisfy.
 */
final class SigstoreJavaTuf {
  private final Updater updater;
  private final Path dir;

  SigstoreJavaTuf(URI mirror, String initialRoot, Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(dir);
    updater = Updater.builder()
        .setTrustedRootPath(() -> initialRoot)
        .setTrustedMetaStore(TrustedMetaStore.newTrustedMetaStore(PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
        .setTargetStore(store)
        .setMetaFetcher(MetaFetcher.newFetcher(new JdkFetcher(mirror)))
        .setTargetFetcher(new JdkFetcher(mirror.resolve("targets/")))
        .build();
  }

  /** Updates the metadata and downloads {@code target}; returns the verified target's bytes. */
  byte[] refresh(String target) throws Exception {
    updater.updateMeta();
    updater.downloadTarget(target);
    return Files.readAllBytes(dir.resolve("targets").resolve(target));
  }

  private static final class JdkFetcher implements Fetcher {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final URI base;

    JdkFetcher(URI base) {
      this.base = base;
    }

    @Override
    public String getSource() {
      return base.toString();
    }

    @Override
    public byte[] fetchResource(String name, int maxLength) throws IOException {
      HttpResponse<InputStream> response;
      try {
        response = CLIENT.send(HttpRequest.newBuilder(base.resolve(name)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      try (InputStream body = response.body()) {
        if (response.statusCode() == 404) {
          return null;
        }
        if (response.statusCode() != 200) {
          throw new IOException(name + ": HTTP " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(maxLength);
        if (bytes.length == maxLength && body.read() != -1) {
          throw new FileExceedsMaxLengthException(name, maxLength);
        }
        return bytes;
      }
    }
  }
}
