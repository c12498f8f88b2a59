package dev.modelseal.internal.sbom;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;

/**
 * Binds the BOM's model components to the verified model: every hash listed on a {@code
 * machine-learning-model} component (pedigree components, such as a base model, excepted) must
 * equal the model's digest in that hash's algorithm; one wrong hash is a violation even when
 * another one matches.
 *
 * <p>Always applied, whatever the rules say: hashes that are present are evidence, and evidence that
 * is present is verified. A hash that cannot be verified is a violation too: one in an algorithm
 * this verifier does not check (CycloneDX also allows MD5, SHA-1, SHA-3, BLAKE2b and BLAKE3; only
 * SHA-256, SHA-384 and SHA-512 are checked, as everywhere else in the verifier), or in one of those
 * three that the model was not hashed with. A model component without hashes is not a violation
 * here (the BOM then simply does not bind itself to bytes). Reads {@code hashes} from the cyclonedx
 * model, whose algorithm names are CycloneDX's ({@code SHA-256}), the same as the JCA names.
 */
final class ModelDigestRule implements BomRule {

  private static final Map<String, Integer> HEX_LENGTHS =
      Map.of("SHA-256", 64, "SHA-384", 96, "SHA-512", 128);
  private static final String CHECKED = "SHA-256, SHA-384, SHA-512";

  private final Map<String, String> expected;

  /**
   * Creates the rule for the model's verified digests.
   *
   * @param modelDigests lower- or upper-case hex digests by JCA name ({@code SHA-256}, {@code
   *     SHA-384}, {@code SHA-512}): every algorithm the model was hashed with
   * @throws IllegalArgumentException if there is no digest, or one names another algorithm or is
   *     not hex of that algorithm's length
   */
  ModelDigestRule(Map<String, String> modelDigests) {
    if (modelDigests.isEmpty()) {
      throw new IllegalArgumentException("at least one model digest is required");
    }
    Map<String, String> digests = new TreeMap<>();
    modelDigests.forEach(
        (alg, hex) -> {
          Integer length = HEX_LENGTHS.get(alg);
          if (length == null) {
            throw new IllegalArgumentException(
                "model digest algorithm must be one of " + HEX_LENGTHS.keySet() + ", got " + alg);
          }
          if (!Pattern.matches("[0-9a-fA-F]{" + length + "}", hex)) {
            throw new IllegalArgumentException(
                "model " + alg + " digest must be " + length + " hex characters, got " + hex);
          }
          digests.put(alg, hex.toLowerCase(Locale.ROOT));
        });
    this.expected = Collections.unmodifiableMap(digests);
  }

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    for (BomComponent model : bom.components().ofType(Component.Type.MACHINE_LEARNING_MODEL)) {
      List<Hash> hashes = model.model().getHashes();
      if (hashes == null) {
        continue;
      }
      for (Hash hash : hashes) {
        check(model, hash.getAlgorithm(), hash.getValue(), violations);
      }
    }
  }

  private void check(BomComponent model, String alg, String value, List<String> violations) {
    if (!HEX_LENGTHS.containsKey(alg)) {
      violations.add(
          model.label() + ": lists a " + alg + " hash (" + value + "), an algorithm this verifier"
              + " does not check; expected hashes in " + CHECKED + " only, since a hash that cannot be verified must not be accepted as binding");
      return;
    }
    String digest = expected.get(alg);
    if (digest == null) {
      violations.add(
          model.label() + ": lists a " + alg + " hash (" + value + "), but the model was hashed"
              + " with " + String.join(", ", expected.keySet()) + " only (the"
              + " algorithms its signature and attestations need), so the hash cannot be checked");
      return;
    }
    if (!digest.equalsIgnoreCase(value)) {
      violations.add(
          model.label() + ": " + alg + " hash does not match the verified model; expected "
              + digest + ", found " + value);
    }
  }
}
