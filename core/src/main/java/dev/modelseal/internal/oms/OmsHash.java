package dev.modelseal.internal.oms;

import dev.modelseal.internal.Sha256;
import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * The content hashes an OMS manifest may name in {@code serialization.hash_type}, with the names
 * model_signing writes and the digest length each produces, so that a manifest digest of the wrong
 * length is refused before anything is read.
 */
public enum OmsHash {
  /** SHA-256 (the default). */
  SHA256("sha256", 32),
  /** BLAKE2b-512, unkeyed. */
  BLAKE2B("blake2b", 64),
  /** BLAKE3 with its default 256-bit output. */
  BLAKE3("blake3", 32);

  private final String omsName;
  private final int length;

  OmsHash(String omsName, int length) {
    this.omsName = omsName;
    this.length = length;
  }

  /** The name in the manifest ({@code sha256}, {@code blake2b}, {@code blake3}). */
  public String omsName() {
    return omsName;
  }

  /** The digest length in bytes. */
  public int length() {
    return length;
  }

  /** The hash with this manifest name, or null when model_signing has no such hash. */
  public static OmsHash byName(String name) {
    for (OmsHash h : values()) {
      if (h.omsName.equals(name)) {
        return h;
      }
    }
    return null;
  }

  /** A fresh, single-threaded hashing engine. */
  Engine newEngine() {
    switch (this) {
      case SHA256:
        MessageDigest md = Sha256.newDigest();
        return new Engine() {
          @Override
          public void update(byte[] b, int off, int len) {
            md.update(b, off, len);
          }

          @Override
          public byte[] finish() {
            return md.digest();
          }
        };
      case BLAKE2B:
        return bouncyCastle(new Blake2bDigest(512));
      case BLAKE3:
        return bouncyCastle(new Blake3Digest(256));
      default:
        throw new IllegalStateException(name());
    }
  }

  private static Engine bouncyCastle(Digest d) {
    return new Engine() {
      @Override
      public void update(byte[] b, int off, int len) {
        d.update(b, off, len);
      }

      @Override
      public byte[] finish() {
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
      }
    };
  }

  /** One running digest. */
  interface Engine {
    void update(byte[] b, int off, int len);

    byte[] finish();
  }
}
