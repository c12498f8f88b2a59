package dev.modelseal;

import java.util.Objects;
import java.util.Optional;

/**
 * One file of a model that verified: its name, its size and, unless it was signed in shards, its
 * digest; never its bytes (a {@link VerifiedFile} of a loaded model holds those).
 *
 * @param name the name relative to the model, with {@code /} separators (a single file: its file name)
 * @param size the number of bytes that were verified
 * @param digest the verified digest of the whole file as {@code algorithm:hex} ({@code sha256},
 *     {@code blake2b}, {@code blake3}); empty for a file signed in shards, which has one per shard
 */
public record CheckedFile(String name, long size, Optional<String> digest) {
  public CheckedFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
  }
}
