package dev.modelseal.internal.sbom;

/**
 * The signed digest of one file of a directory model, as its OpenSSF Model Signing manifest lists
 * it: the algorithm by its OMS name ({@code sha256}, {@code blake2b}, {@code blake3}) and lower-case
 * hex; {@link #SHARDED} for a file signed in shards, which has no whole-file digest.
 */
public record SignedFileDigest(String algorithm, String hex) {
  /** A file signed in shards: a whole-file hash of it cannot be checked. */
  public static final SignedFileDigest SHARDED = new SignedFileDigest(null, null);
}
