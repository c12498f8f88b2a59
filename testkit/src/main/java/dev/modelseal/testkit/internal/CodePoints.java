package dev.modelseal.testkit.internal;

/** Unicode code-point order, which python's {@code sorted()} uses for both TUF and model_signing. */
public final class CodePoints {
  private CodePoints() {}

  /** Compares by Unicode code points (not UTF-16 units, which order supplementary characters wrongly). */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
