package dev.modelseal.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every Java platform provides, without a checked exception at each use. */
public final class Sha256 {
  private Sha256() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** SHA-256 of {@code data}. */
  public static byte[] of(byte[] data) {
    return newDigest().digest(data);
  }
}
