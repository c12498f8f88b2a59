package dev.modelseal.internal.oms;

import dev.modelseal.internal.digest.ModelContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a model that {@link OmsDirectory#verify} found to match a signed OMS manifest, in
 * manifest order, with the bytes that were hashed when they were to be kept. Closing releases the
 * kept bytes (snapshot files are deleted).
 */
public final class OmsFiles implements AutoCloseable {
  /**
   * One verified file.
   *
   * @param name its relative name as signed ({@code "."} for a single-file model)
   * @param size its size in bytes
   * @param algorithm the signed algorithm ({@code sha256}, {@code sha256-sharded-8}, …)
   * @param digestHex its digest in files mode; in shards mode its shard digests in offset order,
   *     concatenated (empty for an empty file, which shards mode does not list)
   * @param content the verified bytes, or null when nothing was kept ({@link OmsDirectory.Keep#NONE})
   */
  public record VerifiedFile(String name, long size, String algorithm, String digestHex, ModelContent content) {}

  private final Map<String, VerifiedFile> files;

  OmsFiles(List<VerifiedFile> files) {
    Map<String, VerifiedFile> byName = new LinkedHashMap<>();
    files.forEach(f -> byName.put(f.name(), f));
    this.files = byName;
  }

  /** The verified files in manifest order. */
  public List<VerifiedFile> files() {
    return List.copyOf(files.values());
  }

  /** The verified file with this relative name. */
  public Optional<VerifiedFile> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  /** The bytes of all verified files together. */
  public long totalBytes() {
    long total = 0;
    for (VerifiedFile f : files.values()) {
      total += f.size();
    }
    return total;
  }

  /** Releases every kept content; idempotent. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (VerifiedFile f : files.values()) {
      if (f.content() != null) {
        try {
          f.content().close();
        } catch (RuntimeException e) {
          first = first == null ? e : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
