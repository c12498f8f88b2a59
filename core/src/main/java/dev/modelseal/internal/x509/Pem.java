package dev.modelseal.internal.x509;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Minimal RFC 7468 PEM reader: returns each block's label and DER bytes; never trusts the content.
 * One forward scan, linear in the text's length whatever it holds (a backtracking regular
 * expression took minutes on a few kilobytes of unterminated armor).
 */
public final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";
  private static final int MAX_LABEL = 40;

  /** One PEM block. */
  public record Block(String label, byte[] der) {}

  private Pem() {}

  /**
   * All blocks {@code -----BEGIN L-----} base64 and whitespace {@code -----END L-----} in {@code
   * text}, with L of 1 to 40 of {@code A-Z 0-9} and space; an empty list if there are none. A block
   * whose body is not base64 is left out; callers fail on what is missing.
   */
  public static List<Block> decode(String text) {
    List<Block> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return out;
      }
      int labelStart = begin + BEGIN.length();
      int labelEnd = labelStart;
      while (labelEnd < text.length() && labelEnd - labelStart < MAX_LABEL
          && isLabelChar(text.charAt(labelEnd))) {
        labelEnd++;
      }
      if (labelEnd == labelStart || !text.startsWith(DASHES, labelEnd)) {
        from = labelStart;
        continue;
      }
      String label = text.substring(labelStart, labelEnd);
      int bodyStart = labelEnd + DASHES.length();
      int bodyEnd = bodyStart;
      while (bodyEnd < text.length() && isBodyChar(text.charAt(bodyEnd))) {
        bodyEnd++;
      }
      String end = "-----END " + label + DASHES;
      if (!text.startsWith(end, bodyEnd)) {
        // The body holds no '-', so the next BEGIN can start no earlier than this one's dashes.
        from = labelEnd;
        continue;
      }
      StringBuilder b64 = new StringBuilder(bodyEnd - bodyStart);
      for (int i = bodyStart; i < bodyEnd; i++) {
        char c = text.charAt(i);
        if (!isSpace(c)) {
          b64.append(c);
        }
      }
      try {
        out.add(new Block(label, Base64.getDecoder().decode(b64.toString())));
      } catch (IllegalArgumentException e) {
        // not base64 inside the armor: treat as absent; callers fail on an empty result
      }
      from = bodyEnd + end.length();
    }
  }

  private static boolean isLabelChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
  }

  private static boolean isBodyChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '+' || c == '/' || c == '=' || isSpace(c);
  }

  /** The characters of {@code \s} in a Java regular expression. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
