package dev.modelseal;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.HashNames;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The digests of one artifact by JCA algorithm name ({@code SHA-256}, {@code SHA-384},
 * {@code SHA-512}). A verified model always has SHA-256; a digest given on the command line may
 * have only the algorithm it names.
 */
public final class Digests {
  private final Map<String, Bytes> byAlgorithm;

  Digests(Map<String, Bytes> byAlgorithm) {
    if (byAlgorithm.isEmpty()) {
      throw new IllegalArgumentException("at least one digest is required");
    }
    this.byAlgorithm = Map.copyOf(byAlgorithm);
  }

  /** Only the SHA-256 digest, from {@code sha256:<64 hex>} or bare hex. */
  public static Digests ofSha256(String digest) {
    return parse(digest.contains(":") ? digest : "sha256:" + digest);
  }

  /** One digest from {@code sha256:<hex>}, {@code sha384:<hex>} or {@code sha512:<hex>}. */
  public static Digests parse(String digest) {
    int colon = digest.indexOf(':');
    String alg = colon < 0 ? null : HashNames.fromLowerCase(digest.substring(0, colon).toLowerCase(Locale.ROOT));
    if (alg == null) {
      throw new IllegalArgumentException(
          "expected sha256:<hex>, sha384:<hex> or sha512:<hex>, got " + digest);
    }
    String hex = digest.substring(colon + 1);
    int bytes = Integer.parseInt(alg.substring(4)) / 8;
    if (!hex.matches("[0-9a-fA-F]{" + (bytes * 2) + "}")) {
      throw new IllegalArgumentException(
          "expected " + (bytes * 2) + " hex digits after " + digest.substring(0, colon + 1) + ", got " + hex);
    }
    return new Digests(Map.of(alg, Bytes.wrap(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)))));
  }

  /** Lower-case hex SHA-256; always present for a {@link VerifiedModel}. */
  public String sha256() {
    return hex("SHA-256").orElseThrow(() -> new IllegalStateException("no SHA-256 digest: " + this));
  }

  /** Lower-case hex digest for a JCA algorithm name, if known. */
  public Optional<String> hex(String algorithm) {
    return Optional.ofNullable(byAlgorithm.get(algorithm)).map(Bytes::hex);
  }

  /** The digests under in-toto names ({@code sha256}, {@code sha512}, ...). */
  Map<String, String> byInTotoName() {
    Map<String, String> out = new LinkedHashMap<>();
    HashNames.lowerCase().forEach((name, alg) -> hex(alg).ifPresent(h -> out.put(name, h)));
    return out;
  }

  Map<String, Bytes> asMap() {
    return byAlgorithm;
  }

  @Override
  public String toString() {
    Map.Entry<String, Bytes> first = byAlgorithm.containsKey("SHA-256")
        ? Map.entry("SHA-256", byAlgorithm.get("SHA-256"))
        : byAlgorithm.entrySet().iterator().next();
    return first.getKey().replace("-", "").toLowerCase(Locale.ROOT) + ":" + first.getValue().hex();
  }
}
