package dev.modelseal.internal.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.FileBytes;
import dev.modelseal.internal.bundle.BundleParser;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.json.StrictJson;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import dev.modelseal.internal.dsse.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and parses the evidence files of one delivery unit in bounded memory: at most {@link
 * #MAX_FILES} files, each a regular file (checked without opening it) of at most {@link
 * StrictJson#MAX_FILE_BYTES}, {@link #MAX_TOTAL_BYTES} in all, every limit checked from the files'
 * sizes before any is read and again while reading. A physical file named several times (the same
 * name twice, hard links, symlinks) is read and verified once, in the first role it is named in.
 */
public final class EvidenceFiles {
  /** More evidence files than this is not a delivery unit (a bundle caps its log entries at 32 too). */
  public static final int MAX_FILES = 32;
  /** All evidence of one model together: four times the largest single file. */
  public static final long MAX_TOTAL_BYTES = 4L * StrictJson.MAX_FILE_BYTES;

  private static final String MODEL_SIGNING_PREDICATES = "https://model_signing/";

  private record Unique(Path file, long size, Evidence.Role role) {}

  private EvidenceFiles() {}

  /**
   * Reads {@code signatures}, {@code attestations} and {@code sboms}, in that order, each with its
   * role; attestation and SBOM bundles must hold a DSSE envelope. A physical file named in several
   * roles is read once, in the first.
   */
  public static List<Evidence> read(List<Path> signatures, List<Path> attestations, List<Path> sboms)
      throws ModelVerificationException {
    return read(Evidence.Role.SIGNATURE, signatures, attestations, sboms);
  }

  /**
   * Like {@link #read(List, List, List)}, with the first list in {@code firstRole}: {@link
   * Evidence.Role#MANIFEST} for the OpenSSF Model Signing signature of a directory. A signature
   * bundle whose statement is an OpenSSF Model Signing manifest (a single file signed with
   * model_signing) is read as a manifest too.
   */
  public static List<Evidence> read(Evidence.Role firstRole, List<Path> signatures, List<Path> attestations,
      List<Path> sboms) throws ModelVerificationException {
    int named = signatures.size() + attestations.size() + sboms.size();
    if (named > MAX_FILES) {
      throw new ModelVerificationException(Reason.MALFORMED_BUNDLE, named + " evidence files are named"
          + " (signatures " + signatures.size() + ", attestations " + attestations.size() + ", SBOMs "
          + sboms.size() + "), more than the limit of " + MAX_FILES + "; refused before reading any");
    }
    List<Path> all = new ArrayList<>(signatures);
    all.addAll(attestations);
    all.addAll(sboms);
    Set<Object> seen = new HashSet<>();
    List<Unique> unique = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < all.size(); i++) {
      Path file = all.get(i);
      BasicFileAttributes attributes = FileBytes.regularFile(file, "evidence file");
      if (seen.add(identity(file, attributes))) {
        Evidence.Role role = i < signatures.size() ? firstRole
            : i < signatures.size() + attestations.size() ? Evidence.Role.ATTESTATION : Evidence.Role.SBOM;
        unique.add(new Unique(file, attributes.size(), role));
        total += attributes.size();
      }
    }
    if (total > MAX_TOTAL_BYTES) {
      throw new ModelVerificationException(Reason.MALFORMED_BUNDLE, "the evidence files have " + total
          + " bytes in all, over the limit of " + MAX_TOTAL_BYTES + "; refused before reading any");
    }
    List<Evidence> evidence = new ArrayList<>();
    long left = MAX_TOTAL_BYTES;
    for (Unique u : unique) {
      // The budget left bounds each read too, so files that grow after the size check still cannot
      // add up to more than the total.
      int max = (int) Math.min(StrictJson.MAX_FILE_BYTES, left);
      byte[] bytes = FileBytes.read(u.file(), "evidence file", max, Reason.MALFORMED_BUNDLE);
      left -= bytes.length;
      evidence.add(parse(u.file(), u.role(), bytes));
    }
    return evidence;
  }

  private static Evidence parse(Path file, Evidence.Role role, byte[] bytes) throws ModelVerificationException {
    try {
      ObjectNode root = StrictJson.readObject(bytes, file.toString(), Reason.MALFORMED_BUNDLE);
      if (role == Evidence.Role.MANIFEST) {
        return new Evidence(role, BundleParser.parseModelSigning(root, file.toString()));
      }
      if (role == Evidence.Role.SIGNATURE) {
        Statement statement = dsseStatement(root, file);
        if (statement != null && statement.predicateType() != null
            && statement.predicateType().startsWith(MODEL_SIGNING_PREDICATES)) {
          return new Evidence(Evidence.Role.MANIFEST, BundleParser.parseModelSigning(root, file.toString()), statement);
        }
        return new Evidence(role, BundleParser.parse(root, file.toString()), statement);
      }
      SignedEvidence ev = BundleParser.parse(root, file.toString());
      if (!(ev.content() instanceof SignedEvidence.DsseEnvelope)) {
        throw new ModelVerificationException(Reason.MALFORMED_BUNDLE, file
            + ": an attestation bundle must hold a DSSE envelope with an in-toto statement");
      }
      return new Evidence(role, ev);
    } catch (StackOverflowError e) {
      throw new ModelVerificationException(Reason.MALFORMED_BUNDLE,
          file + ": the bundle is nested too deeply to be read; refused", e);
    }
  }

  /**
   * The in-toto statement of a bundle's DSSE envelope, else null (no envelope, another payload type,
   * or one that does not parse here). Its predicate type selects how the bundle is read and verified
   * (an OpenSSF Model Signing signature has a {@code https://model_signing/} predicate); the one
   * parse is kept for the verifier, and a null leaves any refusal to the verifier's own parse.
   */
  private static Statement dsseStatement(ObjectNode root, Path file) {
    JsonNode env = root.get("dsseEnvelope");
    if (env == null || !env.path("payload").isTextual()
        || !Statement.PAYLOAD_TYPE.equals(env.path("payloadType").asText())) {
      return null;
    }
    try {
      byte[] payload = Base64.getDecoder().decode(env.get("payload").textValue());
      return Statement.parse(Statement.PAYLOAD_TYPE, payload, file.toString());
    } catch (IllegalArgumentException | ModelVerificationException e) {
      return null; // Read as a Sigstore bundle, which reports what is wrong.
    }
  }

  /** What makes a file the same physical file: its file key (device and inode), else its real path. */
  private static Object identity(Path file, BasicFileAttributes attributes) throws ModelVerificationException {
    if (attributes.fileKey() != null) {
      return attributes.fileKey();
    }
    try {
      return file.toRealPath();
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.MISSING_EVIDENCE, file + ": cannot resolve the evidence file: " + e.getMessage(), e);
    }
  }
}
