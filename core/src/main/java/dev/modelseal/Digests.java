package dev.modelseal;

import dev.modelseal.internal.Bytes;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The digests of one artifact by JCA algorithm name ({@code SHA-256}, {@code SHA-384},
 * {@code SHA-512}); SHA-256 is always present.
 */
public final class Digests {
  private final Map<String, Bytes> byAlgorithm;

  Digests(Map<String, Bytes> byAlgorithm) {
    if (!byAlgorithm.containsKey("SHA-256")) {
      throw new IllegalArgumentException("SHA-256 is required");
    }
    this.byAlgorithm = Map.copyOf(byAlgorithm);
  }

  /** Only the SHA-256 digest, from {@code sha256:<64 hex>} or bare hex. */
  public static Digests ofSha256(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("expected sha256:<64 hex digits>, got " + digest);
    }
    return new Digests(Map.of("SHA-256", Bytes.wrap(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)))));
  }

  /** Lower-case hex SHA-256. */
  public String sha256() {
    return byAlgorithm.get("SHA-256").hex();
  }

  /** Lower-case hex digest for a JCA algorithm name, if computed. */
  public Optional<String> hex(String algorithm) {
    return Optional.ofNullable(byAlgorithm.get(algorithm)).map(Bytes::hex);
  }

  Map<String, Bytes> asMap() {
    return byAlgorithm;
  }

  @Override
  public String toString() {
    return "sha256:" + sha256();
  }
}
