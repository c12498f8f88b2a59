package dev.modelseal.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** An immutable byte string: the house rule is that records never hold a raw, mutable {@code byte[]}. */
public final class Bytes {
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** Wraps a freshly produced array that nobody else holds; avoids the copy. */
  public static Bytes wrap(byte[] value) {
    return new Bytes(value);
  }

  public static Bytes fromHex(String hex) {
    return new Bytes(HEX.parseHex(hex));
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  public String hex() {
    return HEX.formatHex(value);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  /** The first {@code n} bytes (or all of them when shorter). */
  public Bytes prefix(int n) {
    return new Bytes(Arrays.copyOf(value, Math.min(n, value.length)));
  }

  /** Constant-time comparison. */
  public boolean contentEquals(byte[] other) {
    return MessageDigest.isEqual(value, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && MessageDigest.isEqual(value, b.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return value.length <= 64 ? hex() : hex().substring(0, 32) + "…(" + value.length + " bytes)";
  }
}
