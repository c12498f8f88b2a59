package dev.modelseal.internal.sbom;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;

/**
 * Binds the BOM's {@code file} components to a directory model's signed files: a file component
 * named like a signed file (its path relative to the model, {@code /}-separated) must list only
 * hashes that equal the signed digest of that file, in the algorithm the model was signed with
 * (CycloneDX {@code SHA-256}, {@code BLAKE2b-512} or {@code BLAKE3}); a hash in another algorithm
 * cannot be checked and is a violation, as is a hashed file component naming no signed file.
 * File components without hashes bind nothing and pass. Applied only to directory models signed
 * file by file (a shard signature has no whole-file digest to compare with).
 */
final class FileDigestRule implements BomRule {
  /** CycloneDX's name for each OpenSSF Model Signing hash. */
  static final Map<String, String> CYCLONEDX_NAMES =
      Map.of("sha256", "SHA-256", "blake2b", "BLAKE2b-512", "blake3", "BLAKE3");

  private final Map<String, SignedFileDigest> files;

  FileDigestRule(Map<String, SignedFileDigest> files) {
    this.files = Map.copyOf(files);
  }

  @Override
  public void check(ParsedBom bom, List<String> violations) {
    for (BomComponent file : bom.components().ofType(Component.Type.FILE)) {
      List<Hash> hashes = file.model().getHashes();
      if (hashes == null || hashes.isEmpty()) {
        continue;
      }
      String name = file.model().getName();
      SignedFileDigest signed = name == null ? null : files.get(name);
      if (signed == null) {
        violations.add(file.label() + ": lists hashes for the file " + name + ", which is not a signed file of"
            + " the model");
        continue;
      }
      String alg = CYCLONEDX_NAMES.get(signed.algorithm());
      for (Hash hash : hashes) {
        if (!hash.getAlgorithm().equals(alg)) {
          violations.add(file.label() + ": lists a " + hash.getAlgorithm() + " hash of " + name + ", but the model"
              + " is signed with " + alg + " only, so the hash cannot be checked");
        } else if (!signed.hex().equals(hash.getValue().toLowerCase(Locale.ROOT))) {
          violations.add(file.label() + ": " + alg + " hash of " + name + " does not match the signed file;"
              + " expected " + signed.hex() + ", found " + hash.getValue());
        }
      }
    }
  }
}
