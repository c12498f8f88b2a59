package dev.modelseal.internal.sbom;

/**
 * Limits on untrusted BOM input, enforced before any tree is built, so that an oversized or deeply
 * nested document is rejected with an {@link SbomException} instead of exhausting heap or stack.
 *
 * @param maxBytes largest accepted document, in bytes
 * @param maxDepth deepest accepted nesting of JSON objects and arrays (the root object is depth 1);
 *     at most {@value #MAX_DEPTH_CEILING}, because schema validation and model binding recurse on the
 *     Java stack once per nesting level
 * @param maxComponents most accepted elements of all {@code components}, {@code services} and
 *     pedigree {@code ancestors}, {@code descendants} and {@code variants} arrays together, wherever
 *     they sit (nested ones and {@code metadata.tools.components} included); this bounds every walk
 *     the rules make
 */
public record SbomLimits(long maxBytes, int maxDepth, int maxComponents) {

  /**
   * Highest {@code maxDepth} accepted. Schema validation recurses on the Java stack per nesting level:
   * on HotSpot 17 x64 with the full core classpath, components nested to depth 128 already overflow
   * a 256 KiB thread stack, so the ceiling is 64 (the evidence parser's nesting limit as well); a
   * test keeps depth 64 passing on such a stack. The default thread stack is 1 MiB.
   */
  public static final int MAX_DEPTH_CEILING = 64;

  /** Validates the limits; each must be positive and the depth at most {@value #MAX_DEPTH_CEILING}. */
  public SbomLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    if (maxDepth <= 0 || maxDepth > MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException(
          "maxDepth must be in 1.." + MAX_DEPTH_CEILING + ", got " + maxDepth);
    }
    if (maxComponents <= 0) {
      throw new IllegalArgumentException("maxComponents must be positive, got " + maxComponents);
    }
  }

  /** Returns 16 MiB, depth 64 and 50,000 components: room for large real ML-BOMs, bounded memory. */
  public static SbomLimits defaults() {
    return new SbomLimits(16L * 1024 * 1024, 64, 50_000);
  }
}
