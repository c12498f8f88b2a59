package dev.modelseal.internal.x509;

import java.util.Optional;

/**
 * Size and nesting limits for untrusted DER (or BER) that are checked before the bytes reach an
 * ASN.1 parser. The JDK's and BouncyCastle's parsers recurse once per nesting level, so a few
 * kilobytes nested thousands of levels deep end in a {@link StackOverflowError}; this check walks
 * the encoding with a loop and a fixed-size stack instead, in time linear in its length.
 *
 * <p>Content of an OCTET STRING or BIT STRING is walked as well when it is itself an encoding:
 * parsers open such content later (a certificate's extension values, the TSTInfo inside a
 * timestamp), and its nesting adds to that of the structure around it.
 */
public final class Der {
  /** Largest certificate, public key or timestamp accepted: real ones are a few kilobytes. */
  public static final int MAX_BYTES = 64 * 1024;
  /** Deepest nesting accepted; real certificates and RFC 3161 responses stay below 25. */
  public static final int MAX_DEPTH = 32;

  /** For messages about input that failed to parse: the limits it may also have broken. */
  public static final String LIMITS =
      " (or is larger than " + MAX_BYTES / 1024 + " KiB or nested deeper than " + MAX_DEPTH + " levels)";

  private static final int OCTET_STRING = 0x04;
  private static final int BIT_STRING = 0x03;

  private Der() {}

  /** What makes {@code der} too large or too deeply nested to parse, or empty when it is neither. */
  public static Optional<String> problem(byte[] der) {
    if (der.length > MAX_BYTES) {
      return Optional.of(der.length + " bytes is more than the limit of " + MAX_BYTES);
    }
    if (nestsDeeperThan(der, MAX_DEPTH)) {
      return Optional.of("ASN.1 nested more than " + MAX_DEPTH + " levels deep");
    }
    return Optional.empty();
  }

  /**
   * True when some element of {@code der} opens more than {@code max} levels deep. An encoding that
   * is malformed before that point is not deep (its parser refuses it there); malformed content of
   * an OCTET or BIT STRING was just not an encoding and is skipped as opaque bytes.
   */
  static boolean nestsDeeperThan(byte[] der, int max) {
    // For each open level: where it ends (-1: indefinite length, ends at an end-of-contents
    // marker), the bound no header inside it may cross, and whether it is string content.
    int[] end = new int[max];
    int[] bound = new int[max];
    boolean[] encapsulated = new boolean[max];
    int depth = 0;
    int pos = 0;
    while (true) {
      int limit = depth == 0 ? der.length : bound[depth - 1];
      boolean malformed = false;
      if (depth > 0 && end[depth - 1] == pos) {
        depth--;
        continue;
      }
      if (depth == 0 && pos == der.length) {
        return false;
      }
      if (depth > 0 && end[depth - 1] < 0 && pos + 1 < limit && der[pos] == 0 && der[pos + 1] == 0) {
        pos += 2;
        depth--;
        continue;
      }
      int header = pos;
      int contentStart = -1;
      long length = -1;
      boolean constructed = false;
      int tag = -1;
      if (header >= limit) {
        malformed = true;
      } else {
        int first = der[header] & 0xff;
        constructed = (first & 0x20) != 0;
        tag = first;
        int p = header + 1;
        if ((first & 0x1f) == 0x1f) {
          int extra = 0;
          while (p < limit && (der[p] & 0x80) != 0 && extra < 4) {
            p++;
            extra++;
          }
          p++;
          tag = -1;
        }
        if (p >= limit) {
          malformed = true;
        } else {
          int l = der[p++] & 0xff;
          if (l < 0x80) {
            length = l;
          } else if (l == 0x80) {
            length = constructed ? -2 : -1;
          } else if (l <= 0x84 && p + (l - 0x80) <= limit) {
            length = 0;
            for (int i = 0; i < l - 0x80; i++) {
              length = (length << 8) | (der[p++] & 0xff);
            }
          }
          contentStart = p;
          if (length == -1 || (length >= 0 && contentStart + length > limit)) {
            malformed = true;
          }
        }
      }
      if (malformed) {
        int k = depth - 1;
        while (k >= 0 && !encapsulated[k]) {
          k--;
        }
        if (k < 0) {
          return false;
        }
        pos = end[k];
        depth = k;
        continue;
      }
      if (constructed) {
        if (depth == max) {
          return true;
        }
        end[depth] = length == -2 ? -1 : (int) (contentStart + length);
        bound[depth] = length == -2 ? limit : end[depth];
        encapsulated[depth] = false;
        depth++;
        pos = contentStart;
        continue;
      }
      int contentEnd = (int) (contentStart + length);
      int inner = tag == OCTET_STRING ? contentStart : tag == BIT_STRING ? contentStart + 1 : -1;
      // At the deepest level string content is left opaque: no schema opens a string that deep.
      if (inner >= 0 && inner < contentEnd && depth < max) {
        end[depth] = contentEnd;
        bound[depth] = contentEnd;
        encapsulated[depth] = true;
        depth++;
        pos = inner;
        continue;
      }
      pos = contentEnd;
    }
  }
}
