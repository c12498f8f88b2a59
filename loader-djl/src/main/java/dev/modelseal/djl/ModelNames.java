package dev.modelseal.djl;

/** Derives the DJL model name from a file name: the name without its last extension. */
final class ModelNames {
  private ModelNames() {}

  static String of(String fileName) {
    String base = fileName;
    int slash = base.lastIndexOf('/');
    if (slash >= 0) {
      base = base.substring(slash + 1);
    }
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    return base.isEmpty() ? "model" : base;
  }
}
