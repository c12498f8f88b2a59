package dev.modelseal.internal.sbom;

/**
 * The signed digest of one file of a directory model, as its OpenSSF Model Signing manifest lists
 * it: the algorithm by its OMS name ({@code sha256}, {@code blake2b}, {@code blake3}) and lower-case
 * hex.
 */
public record SignedFileDigest(String algorithm, String hex) {}
