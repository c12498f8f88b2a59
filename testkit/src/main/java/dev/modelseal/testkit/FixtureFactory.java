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
  /** Issued this long before logging, a ten-minute leaf has expired twenty minutes before; issued this long after, it is not valid yet. */
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
          .sign(otherDigest())
          .withDigest(Base64.getEncoder().encodeToString(digest));
      case NOT_YET_VALID_CERTIFICATE -> good.withCertificateAge(EXPIRED_AGE.negated()).sign(digest);
      case WRONG_EXTENDED_KEY_USAGE -> withUsage(sigstore, good, FulcioCa.LeafUsage.SERVER_AUTH).sign(digest);
      case NO_EXTENDED_KEY_USAGE -> withUsage(sigstore, good, FulcioCa.LeafUsage.NO_EXTENDED_KEY_USAGE).sign(digest);
      case NO_DIGITAL_SIGNATURE_KEY_USAGE -> withUsage(sigstore, good, FulcioCa.LeafUsage.KEY_ENCIPHERMENT).sign(digest);
      case CHECKPOINT_OF_OTHER_ROOT -> {
        SignedMessage message = good.sign(digest);
        TlogEntry entry = message.tlogEntry();
        byte[] otherRoot = Base64.getDecoder().decode(flipLastByte(entry.rootHash()));
        yield message.withTlogEntry(entry.withCheckpoint(logSigned(sigstore, entry.treeSize(), otherRoot)));
      }
      case CHECKPOINT_OF_OTHER_SIZE -> {
        SignedMessage message = good.sign(digest);
        TlogEntry entry = message.tlogEntry();
        byte[] root = Base64.getDecoder().decode(entry.rootHash());
        yield message.withTlogEntry(entry.withCheckpoint(logSigned(sigstore, entry.treeSize() + 1, root)));
      }
      case LOGGED_OTHER_DIGEST -> good.signLogging(digest,
          (signed, signature, pem) -> HashedRekord.body(otherDigest(), signature, pem));
      case LOGGED_OTHER_SIGNATURE -> good.signLogging(digest,
          (signed, signature, pem) -> HashedRekord.body(signed, flipLastByte(signature), pem));
      case LOGGED_OTHER_CERTIFICATE -> {
        String otherPem = good.sign(digest).verifierPem();
        yield good.signLogging(digest, (signed, signature, pem) -> HashedRekord.body(signed, signature, otherPem));
      }
    };
  }

  /** A checkpoint for {@code size} and {@code root}, signed by the fixture's log as its own. */
  private static String logSigned(FakeSigstore sigstore, long size, byte[] root) {
    RekorLog rekor = sigstore.rekor();
    return Checkpoint.sign(Checkpoint.body(rekor.origin(), size, root), RekorLog.NAME, rekor.key());
  }

  private static KeylessSigner withUsage(FakeSigstore sigstore, KeylessSigner signer, FulcioCa.LeafUsage usage) {
    return signer.withCa(sigstore.fulcio().withLeafUsage(usage));
  }

  private static byte[] otherDigest() {
    return Sha256.of("modelseal fixture: other content".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] flipLastByte(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[copy.length - 1] ^= 0x01;
    return copy;
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
