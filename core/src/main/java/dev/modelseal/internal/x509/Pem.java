package dev.modelseal.internal.x509;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal RFC 7468 PEM reader: returns each block's label and DER bytes; never trusts the content. */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]{1,40})-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  /** One PEM block. */
  public record Block(String label, byte[] der) {}

  private Pem() {}

  /** All PEM blocks in {@code text}; an empty list if there are none. */
  public static List<Block> decode(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String b64 = m.group(2).replaceAll("\\s", "");
      try {
        out.add(new Block(m.group(1), Base64.getDecoder().decode(b64)));
      } catch (IllegalArgumentException e) {
        // not base64 inside the armor: treat as absent; callers fail on an empty result
      }
    }
    return out;
  }
}
