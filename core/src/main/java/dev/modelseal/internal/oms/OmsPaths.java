package dev.modelseal.internal.oms;

/**
 * The path rules of OMS manifests: which resource names are safe relative paths, and how an ignore
 * path is reduced to the relative name it ignores (as model_signing's {@code pathlib} does).
 */
final class OmsPaths {
  private OmsPaths() {}

  /**
   * Why {@code name} is not a safe relative file name ({@code a/b.bin}: no leading {@code /}, no
   * empty, {@code .} or {@code ..} segment, no backslash or NUL), or null when it is safe.
   */
  static String unsafe(String name) {
    if (name.isEmpty()) {
      return "it is empty";
    }
    if (name.startsWith("/")) {
      return "it is absolute";
    }
    if (name.indexOf('\\') >= 0) {
      return "it contains a backslash";
    }
    if (name.indexOf('\0') >= 0) {
      return "it contains a NUL character";
    }
    int from = 0;
    while (from <= name.length()) {
      int slash = name.indexOf('/', from);
      int end = slash < 0 ? name.length() : slash;
      String segment = name.substring(from, end);
      if (segment.isEmpty()) {
        return "it has an empty path segment";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "it has a \"" + segment + "\" path segment";
      }
      from = end + 1;
    }
    return null;
  }

  /**
   * The relative name an ignore path ignores, with empty and {@code .} segments and a trailing
   * slash dropped ({@code ./d/} ignores {@code d}); null when it can ignore nothing inside the model:
   * an absolute path or one with a {@code ..} segment (model_signing drops or never matches those).
   * The empty string means the model root itself.
   */
  static String ignored(String path) {
    if (path.startsWith("/") || path.indexOf('\0') >= 0) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        return null;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment);
    }
    return out.toString();
  }
}
