package dev.modelseal.internal;

import java.util.List;
import java.util.Map;

/**
 * The one table of digest algorithm names: JCA names ({@code SHA-256}) as used inside the
 * verifier, Sigstore protobuf names ({@code SHA2_256}) and lower-case names as in-toto and Rekor
 * v1 write them ({@code sha256}). Only these three algorithms are accepted anywhere.
 */
public final class HashNames {
  /**
   * Every value of the protobuf enum {@code dev.sigstore.common.v1.HashAlgorithm}, by number
   * (sigstore_common.proto), accepted or not: protobuf JSON may give an enum by its number.
   */
  public static final List<String> PROTOBUF_ENUM =
      List.of("HASH_ALGORITHM_UNSPECIFIED", "SHA2_256", "SHA2_384", "SHA2_512", "SHA3_256", "SHA3_384");

  private static final Map<String, String> PROTOBUF =
      Map.of("SHA2_256", "SHA-256", "SHA2_384", "SHA-384", "SHA2_512", "SHA-512");
  private static final Map<String, String> LOWER =
      Map.of("sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

  private HashNames() {}

  /** The JCA name for a protobuf {@code HashAlgorithm} name, or null when not accepted. */
  public static String fromProtobuf(String name) {
    return PROTOBUF.get(name);
  }

  /** The JCA name for a lower-case name ({@code sha256}), or null when not accepted. */
  public static String fromLowerCase(String name) {
    return LOWER.get(name);
  }

  /**
   * How ModelSeal writes an algorithm everywhere it prints a digest ({@code sha256:<hex>}): the
   * lower-case name of a JCA or protobuf name ({@code SHA-256}, {@code SHA2_256}), or the name as
   * given, lower-cased, when it is neither.
   */
  public static String label(String name) {
    String jca = PROTOBUF.getOrDefault(name, name);
    for (Map.Entry<String, String> e : LOWER.entrySet()) {
      if (e.getValue().equals(jca)) {
        return e.getKey();
      }
    }
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  /** Every accepted lower-case name with its JCA name. */
  public static Map<String, String> lowerCase() {
    return LOWER;
  }
}
