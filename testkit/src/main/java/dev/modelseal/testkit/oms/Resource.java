package dev.modelseal.testkit.oms;

import java.util.Objects;

/**
 * One entry of a model_signing manifest ({@code predicate.resources[]}): a file, or a shard
 * {@code path:start:end} of one, with its digest.
 *
 * @param name the file's path relative to the model root with {@code /} separators ({@code "."}
 *     for a single-file model), with {@code :start:end} appended for shards
 * @param algorithm the hash name, e.g. {@code sha256} or {@code sha256-sharded-1000000000}
 * @param digestHex the lower-case hex digest
 */
public record Resource(String name, String algorithm, String digestHex) {
  public Resource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(digestHex, "digestHex");
  }
}
