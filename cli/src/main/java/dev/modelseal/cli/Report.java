package dev.modelseal.cli;

import dev.modelseal.VerifiedFile;
import dev.modelseal.VerifiedModel;
import java.nio.file.Files;

/** Text rendering of a verified model for the terminal. */
final class Report {
  private Report() {}

  /** The header lines and a count of the checks, for the demo's story. */
  static String summary(VerifiedModel m) {
    String full = describe(m);
    String header = full.substring(0, full.indexOf("  checks:\n"));
    long passed = m.report().checks().stream().filter(c -> c.status() == dev.modelseal.Check.Status.PASSED).count();
    return header + "  checks:       " + passed + " passed (signature, log entries, certificate, SCT, identity,"
        + " attestation conditions, SBOM rules; 'modelseal verify' lists them all)";
  }

  static String describe(VerifiedModel m) {
    StringBuilder sb = new StringBuilder();
    sb.append("VERIFIED ").append(m.path()).append('\n');
    sb.append("  digest:       ").append(m.digests()).append('\n');
    sb.append("  signer:       ").append(m.signer()).append('\n');
    sb.append("  signed at:    ").append(m.signingTime().map(Object::toString)
        .orElse("(none verified: a key signature without a log entry or timestamp)")).append('\n');
    m.logIndex().ifPresent(i -> sb.append("  log index:    ").append(i).append('\n'));
    if (Files.isDirectory(m.path())) {
      files(sb, m);
    }
    m.attestations().forEach(a -> sb.append("  attestation:  ").append(a.predicateType()).append('\n'));
    m.sbom().ifPresent(b -> sb.append("  SBOM:         CycloneDX, ").append(
        b.getComponents() == null ? 0 : b.getComponents().size()).append(" components\n"));
    if (!m.report().violations().isEmpty()) {
      sb.append("  AUDIT MODE: ").append(m.report().violations().size())
          .append(" policy violation(s) admitted, would be refused under ENFORCE\n");
    }
    sb.append("  checks:\n").append(m.report().describe());
    return sb.toString().stripTrailing();
  }

  /** The verified files of a directory model: name, size and digest, one a line. */
  private static void files(StringBuilder sb, VerifiedModel m) {
    sb.append("  files:        ").append(m.artifact().files().size()).append(" verified, ")
        .append(m.size()).append(" bytes\n");
    for (VerifiedFile f : m.artifact().files().values()) {
      sb.append("    ").append(printable(f.name())).append("  ").append(f.size()).append(" bytes  ")
          .append(f.digest().orElse("(signed in shards)")).append('\n');
    }
  }

  /**
   * {@code text} with control characters (C0, DEL, C1), Unicode bidirectional controls and the
   * backslash itself written as a backslash, {@code u} and four hex digits: file names and manifest
   * entries come from outside and must not move the cursor, recolour or reorder a terminal.
   */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\\'
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
      if (control) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
