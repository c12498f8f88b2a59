package dev.modelseal.internal.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;

/**
 * Binds the BOM's model components to the verified model: every SHA-256 hash listed on a {@code
 * machine-learning-model} component must equal the model digest, and model components that list
 * hashes must list that digest.
 *
 * <p>Always applied, whatever the rules say: hashes that are present are evidence, and evidence that
 * is present is verified. A model component without hashes is not a violation here (the BOM then
 * simply does not bind itself to bytes). Reads {@code hashes} from the cyclonedx model.
 */
final class ModelDigestRule implements BomRule {

  private static final String SHA_256 = "SHA-256";
  private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final String expected;

  /**
   * Creates the rule for the given verified digest.
   *
   * @throws IllegalArgumentException if the digest is not 64 hex characters
   */
  ModelDigestRule(String modelSha256Hex) {
    if (!SHA_256_HEX.matcher(modelSha256Hex).matches()) {
      throw new IllegalArgumentException("model digest must be 64 hex characters of SHA-256");
    }
    this.expected = modelSha256Hex.toLowerCase(Locale.ROOT);
  }

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    boolean anyHashes = false;
    boolean anySha256 = false;
    List<String> found = new ArrayList<>();
    for (BomComponent model : bom.components().ofType(Component.Type.MACHINE_LEARNING_MODEL)) {
      List<Hash> hashes = model.model().getHashes();
      if (hashes == null) {
        continue;
      }
      for (Hash hash : hashes) {
        anyHashes = true;
        found.add(model.label() + " " + hash.getAlgorithm() + ":" + hash.getValue());
        if (!SHA_256.equals(hash.getAlgorithm())) {
          continue;
        }
        anySha256 = true;
        if (!expected.equalsIgnoreCase(hash.getValue())) {
          violations.add(
              model.label() + ": SHA-256 hash does not match the verified model; expected "
                  + expected + ", found " + hash.getValue());
        }
      }
    }
    // Mismatching SHA-256 values were reported one by one above; this covers hashes that cannot
    // bind the model at all (only other algorithms).
    if (anyHashes && !anySha256) {
      violations.add(
          "machine-learning-model components list hashes but no SHA-256; expected SHA-256 "
              + expected + ", found " + String.join(", ", found));
    }
  }
}
