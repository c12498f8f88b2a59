package dev.modelseal.fuzz;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.TrustRoot;
import dev.modelseal.internal.trust.TrustedRootData;
import dev.modelseal.internal.trust.TrustedRootParser;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixed, valid context the fuzz targets put their fuzzed input into: one fake Sigstore, one
 * signed delivery unit on disk, its trusted root and a policy that accepts it. Built once per JVM
 * (a fuzzing run calls a target millions of times) in a temporary directory.
 */
final class FuzzFixtures {
  private static FuzzFixtures instance;

  final FakeSigstore sigstore;
  final DeliveryUnit unit;
  final TrustedRootData root;
  final TrustRoot trustRoot;
  final Policy policy;
  /** A scratch directory the targets write fuzzed files into. */
  final Path scratch;

  private FuzzFixtures() throws IOException, ModelVerificationException {
    Path dir = Files.createTempDirectory("modelseal-fuzz");
    sigstore = FakeSigstore.create();
    unit = sigstore.deliveryUnit().write(dir.resolve("unit"));
    Path rootFile = unit.trustedRoot().orElseThrow();
    try (InputStream in = Files.newInputStream(rootFile)) {
      root = TrustedRootParser.parse(in, rootFile.toString());
    }
    trustRoot = TrustRoot.fromJson(rootFile);
    policy = Policy.builder()
        .trustRoot(trustRoot)
        .allowIdentity(unit.identity().orElseThrow(), unit.issuer().orElseThrow())
        .build();
    scratch = Files.createDirectories(dir.resolve("scratch"));
  }

  static synchronized FuzzFixtures get() {
    if (instance == null) {
      try {
        instance = new FuzzFixtures();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ModelVerificationException e) {
        throw new IllegalStateException("the testkit's own evidence does not parse", e);
      }
    }
    return instance;
  }

  /** Writes {@code bytes} to {@code name} in the scratch directory, replacing what was there. */
  Path scratchDirectory(String name) {
    try {
      return Files.createDirectories(scratch.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path scratchFile(String name, byte[] bytes) {
    try {
      return Files.write(scratch.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
