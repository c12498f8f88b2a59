package dev.modelseal.internal.tlog;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.trust.LogKey;
import dev.modelseal.internal.verify.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A transparency-log checkpoint in the signed-note format (c2sp.org/signed-note, tlog-checkpoint):
 * {@code origin\nsize\nb64root\n[extra lines]\n\n— name b64(keyhint||sig)\n...}.
 */
public record Checkpoint(String origin, long size, Bytes rootHash, String body, List<NoteSignature> signatures) {
  /**
   * Most signature lines a note may carry; counted before any is parsed. c2sp.org/signed-note asks
   * verifiers to cap them and to accept at least 16 (a log's own signature plus witnesses).
   */
  static final int MAX_SIGNATURES = 32;

  /** One signature line of the note. */
  public record NoteSignature(String name, Bytes keyHint, Bytes signature) {}

  public Checkpoint {
    signatures = List.copyOf(signatures);
  }

  /** Parses a note; throws {@link IllegalArgumentException} with what is wrong. */
  public static Checkpoint parse(String note) {
    int split = note.indexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException("no blank line between checkpoint body and signatures");
    }
    String body = note.substring(0, split + 1);
    String[] lines = body.split("\n", -1);
    if (lines.length < 4) {
      throw new IllegalArgumentException("checkpoint body needs origin, size and root hash lines");
    }
    String origin = lines[0];
    if (origin.isEmpty()) {
      throw new IllegalArgumentException("checkpoint origin line is empty");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint size line is not a number: " + lines[1]);
    }
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size is negative");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root hash line is not base64");
    }
    if (root.length != 32) {
      throw new IllegalArgumentException("checkpoint root hash is not 32 bytes");
    }
    String signatureBlock = note.substring(split + 2);
    long signatureLines = signatureBlock.chars().filter(c -> c == '\n').count()
        + (signatureBlock.endsWith("\n") || signatureBlock.isEmpty() ? 0 : 1);
    if (signatureLines > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "checkpoint has " + signatureLines + " signature lines, more than the limit of " + MAX_SIGNATURES);
    }
    List<NoteSignature> sigs = new ArrayList<>();
    for (String line : signatureBlock.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("\u2014 ")) {
        throw new IllegalArgumentException("checkpoint signature line does not start with an em dash");
      }
      String[] parts = line.substring(2).split(" ");
      if (parts.length != 2) {
        throw new IllegalArgumentException("checkpoint signature line is not 'name signature'");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("checkpoint signature is not base64");
      }
      if (raw.length < 5) {
        throw new IllegalArgumentException("checkpoint signature is too short");
      }
      sigs.add(
          new NoteSignature(
              parts[0],
              Bytes.wrap(Arrays.copyOf(raw, 4)),
              Bytes.wrap(Arrays.copyOfRange(raw, 4, raw.length))));
    }
    if (sigs.isEmpty()) {
      throw new IllegalArgumentException("checkpoint has no signature");
    }
    return new Checkpoint(origin, size, Bytes.wrap(root), body, sigs);
  }

  /**
   * True iff the signature line of the log's key verifies over the note body with the log key. That
   * line is the first one named as the signed origin says (its first word: {@code
   * rekor.sigstore.dev - 2605…} is signed as {@code rekor.sigstore.dev}) with the log's key hint
   * (first 4 bytes of its key id). Witness cosignatures, with other names and hints, are ignored.
   * Only that one line is verified: a signature by a known key that fails rejects the note
   * (c2sp.org/signed-note), so more lines naming the log cost no more verifications. The name is
   * not compared with the trust root's URL: private instances (conformance
   * intoto-with-custom-trust-root, sigstore-go's othername bundle) name their logs differently
   * from their URLs; the key binds note and log.
   */
  public boolean signedBy(LogKey log) {
    Bytes hint = log.keyId().prefix(4);
    String name = origin.split(" ", 2)[0];
    for (NoteSignature s : signatures) {
      if (s.name().equals(name) && s.keyHint().equals(hint)) {
        return Signatures.verify(log.key(), body.getBytes(StandardCharsets.UTF_8), s.signature().toArray());
      }
    }
    return false;
  }
}
