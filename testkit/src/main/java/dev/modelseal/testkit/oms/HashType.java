package dev.modelseal.testkit.oms;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The hash a model_signing manifest hashes files (or shards) with, named in {@code
 * serialization.hash_type} and in each resource's {@code algorithm} as model_signing names it.
 */
public enum HashType {
  /** SHA-256, the default. */
  SHA256("sha256"),
  /** Unkeyed BLAKE2b with a 512-bit digest (Python's {@code hashlib.blake2b()}). */
  BLAKE2B("blake2b"),
  /** BLAKE3 with its default 256-bit digest; model_signing never shards it. */
  BLAKE3("blake3");

  private final String id;

  HashType(String id) {
    this.id = id;
  }

  /** Returns the name model_signing records: {@code sha256}, {@code blake2b} or {@code blake3}. */
  public String id() {
    return id;
  }

  /** Returns a fresh digest engine for this hash. */
  Digest newDigest() {
    return switch (this) {
      case SHA256 -> new SHA256Digest();
      case BLAKE2B -> new Blake2bDigest(512);
      case BLAKE3 -> new Blake3Digest(256);
    };
  }
}
