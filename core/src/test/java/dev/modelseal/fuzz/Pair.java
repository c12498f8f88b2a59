package dev.modelseal.fuzz;

import java.util.Arrays;

/**
 * Two byte strings framed as one fuzz input: a 4-byte big-endian length {@code n}, then {@code n}
 * bytes of the first, then the rest as the second. A length beyond the input takes all of it, so
 * every byte string splits somehow and the fuzzer can mutate both halves and the split.
 */
record Pair(byte[] first, byte[] second) {
  static Pair split(byte[] input) {
    if (input.length < 4) {
      return new Pair(new byte[0], input);
    }
    long n = ((input[0] & 0xffL) << 24) | ((input[1] & 0xff) << 16) | ((input[2] & 0xff) << 8)
        | (input[3] & 0xff);
    int end = (int) Math.min(4 + n, input.length);
    return new Pair(Arrays.copyOfRange(input, 4, end), Arrays.copyOfRange(input, end, input.length));
  }

  /** The input that {@link #split} turns back into {@code first} and {@code second}. */
  static byte[] join(byte[] first, byte[] second) {
    byte[] out = new byte[4 + first.length + second.length];
    int n = first.length;
    out[0] = (byte) (n >>> 24);
    out[1] = (byte) (n >>> 16);
    out[2] = (byte) (n >>> 8);
    out[3] = (byte) n;
    System.arraycopy(first, 0, out, 4, n);
    System.arraycopy(second, 0, out, 4 + n, second.length);
    return out;
  }
}
