package dev.modelseal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes a model, its v0.3 bundle and the trusted root into a directory, with evidence that is
 * valid except for the one defect a {@link Tamper} names.
 */
final class FixtureFactory {
  static final String IDENTITY = "release-bot@modelseal.test";
  static final String ISSUER = "https://oidc.modelseal.test";
  static final String OTHER_IDENTITY = "mallory@modelseal.test";
  static final String OTHER_ISSUER = "https://other-oidc.modelseal.test";
  private static final int MODEL_SIZE = 16 * 1024;
  /** Issued this long before logging, a ten-minute leaf has expired twenty minutes before. */
  private static final Duration EXPIRED_AGE = Duration.ofMinutes(30);

  private FixtureFactory() {}

  static Fixture write(FakeSigstore sigstore, Path dir, Tamper tamper) {
    byte[] model = modelBytes();
    SignedMessage message = sign(sigstore, Sha256.of(model), tamper);
    if (tamper == Tamper.FLIPPED_MODEL_BYTE) {
      model[model.length / 2] ^= 0x01;
    }
    Path modelFile = dir.resolve("model.bin");
    try {
      Files.createDirectories(dir);
      Files.write(modelFile, model);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + modelFile, e);
    }
    Path bundle = OutputFile.write(
        dir.resolve("model.bin.sigstore.json"), SigstoreBundle.json(BundleMediaType.V0_3_NEW, message));
    Path trustedRoot = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
    return new Fixture(modelFile, bundle, trustedRoot, IDENTITY, ISSUER, tamper);
  }

  /** Returns the same 16 KiB every time: SHA-256 blocks of a counter. */
  static byte[] modelBytes() {
    byte[] model = new byte[MODEL_SIZE];
    for (int offset = 0; offset < MODEL_SIZE; offset += 32) {
      byte[] block = Sha256.of(("modelseal fixture model " + offset).getBytes(StandardCharsets.UTF_8));
      System.arraycopy(block, 0, model, offset, Math.min(32, MODEL_SIZE - offset));
    }
    return model;
  }

  private static SignedMessage sign(FakeSigstore sigstore, byte[] digest, Tamper tamper) {
    KeylessSigner good = sigstore.signer(IDENTITY, ISSUER);
    return switch (tamper) {
      case NONE, FLIPPED_MODEL_BYTE -> good.sign(digest);
      case WRONG_IDENTITY -> sigstore.signer(OTHER_IDENTITY, ISSUER).sign(digest);
      case WRONG_ISSUER -> sigstore.signer(IDENTITY, OTHER_ISSUER).sign(digest);
      case UNTRUSTED_CA -> good.withCa(sigstore.untrustedCa()).sign(digest);
      case EXPIRED_CERTIFICATE -> good.withCertificateAge(EXPIRED_AGE).sign(digest);
      case FORGED_INCLUSION_PROOF -> {
        SignedMessage message = good.sign(digest);
        List<String> hashes = new ArrayList<>(message.tlogEntry().hashes());
        hashes.set(0, flipLastByte(hashes.get(0)));
        yield message.withTlogEntry(message.tlogEntry().withHashes(hashes));
      }
      case BAD_CHECKPOINT_SIGNATURE -> {
        SignedMessage message = good.sign(digest);
        TlogEntry entry = message.tlogEntry();
        yield message.withTlogEntry(entry.withCheckpoint(corruptSignature(entry.checkpoint())));
      }
      case BAD_SET -> {
        SignedMessage message = good.sign(digest);
        TlogEntry entry = message.tlogEntry();
        yield message.withTlogEntry(entry.withSignedEntryTimestamp(flipLastByte(entry.signedEntryTimestamp())));
      }
      case SIGNATURE_OVER_OTHER_CONTENT -> good
          .sign(Sha256.of("modelseal fixture: other content".getBytes(StandardCharsets.UTF_8)))
          .withDigest(Base64.getEncoder().encodeToString(digest));
    };
  }

  /**
   * Flips the last byte of the checkpoint's {@code base64(key hint || signature)}: the hint still
   * names the log, but the DER signature's {@code s} no longer verifies.
   */
  private static String corruptSignature(String checkpoint) {
    int start = checkpoint.lastIndexOf(' ') + 1;
    String hintAndSignature = checkpoint.substring(start, checkpoint.length() - 1);
    return checkpoint.substring(0, start) + flipLastByte(hintAndSignature) + "\n";
  }

  private static String flipLastByte(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    bytes[bytes.length - 1] ^= 0x01;
    return Base64.getEncoder().encodeToString(bytes);
  }
}
