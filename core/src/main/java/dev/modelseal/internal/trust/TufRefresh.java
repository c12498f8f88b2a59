package dev.modelseal.internal.trust;

import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import java.nio.file.Files;

/**
 * Refreshes a repository's {@code trusted_root.json} with sigstore-java's TUF client ({@link
 * Updater}: the root chain, then timestamp, snapshot and targets, each checked for signatures,
 * versions and expiry, TUF specification §5.3–§5.7) over {@link JdkHttpFetcher}, keeping what it
 * verified in the repository's cache directory. Only the one target ModelSeal needs is downloaded.
 *
 * <p>sigstore-java's {@code SigstoreTufClient} would do the same over google-http-client's Apache
 * transport, which ModelSeal keeps off the classpath; it would also demand a signing config that
 * verification never uses.
 */
final class TufRefresh {
  private TufRefresh() {}

  static PublicGoodTrustRoot.Update of(TufRepository repo) {
    return dir -> {
      Files.createDirectories(dir);
      FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(dir);
      Updater updater = Updater.builder()
          .setTrustedRootPath(() -> repo.initialRoot().read())
          .setTrustedMetaStore(
              TrustedMetaStore.newTrustedMetaStore(PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
          .setTargetStore(store)
          .setMetaFetcher(MetaFetcher.newFetcher(new JdkHttpFetcher(repo.mirror())))
          .setTargetFetcher(new JdkHttpFetcher(repo.mirror().resolve("targets/")))
          .build();
      updater.updateMeta();
      updater.downloadTarget(PublicGoodTrustRoot.TARGET);
    };
  }
}
