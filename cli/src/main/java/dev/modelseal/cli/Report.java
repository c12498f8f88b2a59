package dev.modelseal.cli;

import dev.modelseal.Check;
import dev.modelseal.CheckedFile;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.Verification;
import dev.modelseal.VerificationStatus;
import dev.modelseal.VerifiedAttestation;
import java.nio.file.Files;

/**
 * Text rendering of a verdict for the terminal, in the words of the library: {@code VERIFIED},
 * {@code ADMITTED_WITH_VIOLATIONS} (AUDIT mode) or {@code REJECTED [REASON]}, digests as {@code
 * sha256:<hex>}. Everything that came from outside (file names, identities, predicate values) goes
 * through {@link #printable}.
 */
final class Report {
  private Report() {}

  /**
   * The summary: verdict, digest, signer, time, attestations, what each condition compared, the
   * SBOM and a count of checks; {@code verbose} adds every file of a directory and every check.
   */
  static String describe(Verification v, boolean verbose) {
    StringBuilder sb = new StringBuilder();
    if (v.status() == VerificationStatus.VERIFIED) {
      sb.append("VERIFIED ").append(printable(v.path().toString())).append('\n');
    } else {
      sb.append("ADMITTED_WITH_VIOLATIONS ").append(printable(v.path().toString()))
          .append("\n  AUDIT MODE:   ").append(v.violations().size())
          .append(" policy violation(s) admitted; ENFORCE would reject the model\n");
      for (ModelVerificationException.Failure f : v.violations()) {
        line(sb, "violation", "[" + f.reason() + "] " + f.message());
      }
    }
    line(sb, "digest", v.digests().toString());
    line(sb, "signer", v.signer().toString());
    line(sb, "signed at", v.signingTime().map(Object::toString)
        .orElse("(no verified time: a key signature without a log entry or timestamp)")
        + (v.logIndex().isPresent() ? " (log index " + v.logIndex().getAsLong() + ")" : ""));
    if (Files.isDirectory(v.path())) {
      line(sb, "files", v.files().size() + " verified, " + v.size() + " bytes");
      if (verbose) {
        for (CheckedFile f : v.files().values()) {
          sb.append("    ").append(printable(f.name())).append("  ").append(f.size()).append(" bytes  ")
              .append(f.digest().orElse("(signed in shards)")).append('\n');
        }
      }
    }
    for (VerifiedAttestation a : v.attestations()) {
      line(sb, "attestation", a.predicateType() + " by " + a.signer());
    }
    for (Check c : v.report().checks()) {
      if (c.name().equals("condition")) {
        line(sb, "condition", c.detail());
      }
    }
    v.sbom().ifPresent(b -> line(sb, "SBOM", "CycloneDX " + b.getSpecVersion() + ", "
        + (b.getComponents() == null ? 0 : b.getComponents().size()) + " components, the SBOM rules hold"));
    long passed = v.report().checks().stream().filter(c -> c.status() == Check.Status.PASSED).count();
    if (verbose) {
      sb.append("  checks:\n");
      for (Check c : v.report().checks()) {
        sb.append("    ").append(c.status() == Check.Status.PASSED ? "PASSED    " : "VIOLATION ")
            .append(printable(c.name())).append(": ").append(printable(c.detail())).append('\n');
      }
    } else {
      line(sb, "checks", passed + " passed (--verbose lists every check)");
    }
    return sb.toString().stripTrailing();
  }

  /**
   * The one line a refusal prints on stderr: {@code REJECTED [REASON]: ...} for the model, or a
   * configuration or internal error, which is no verdict on it.
   */
  static String refusal(ModelVerificationException e) {
    String what = switch (Main.refused(e)) {
      case Main.CONFIG -> "modelseal: configuration error";
      case Main.INTERNAL -> "modelseal: internal error";
      default -> "REJECTED";
    };
    String bug = e.reason() == Reason.INTERNAL_ERROR ? " (this is a bug in ModelSeal, please report it)" : "";
    if (e.failures().size() == 1) {
      return what + " [" + e.reason() + "]: " + printable(e.getMessage()) + bug;
    }
    StringBuilder sb = new StringBuilder(what + " [" + e.reason() + "]: " + e.failures().size() + " checks failed:");
    for (ModelVerificationException.Failure f : e.failures()) {
      sb.append("\n  - [").append(f.reason()).append("] ").append(printable(f.message()));
    }
    return sb + bug;
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append("  ").append(label).append(':').append(" ".repeat(Math.max(1, 13 - label.length())))
        .append(printable(value)).append('\n');
  }

  /**
   * {@code text} with control characters (C0, DEL, C1), Unicode bidirectional
   * controls and the backslash itself written as a backslash, {@code u} and four hex digits: file
   * names and claims come from outside and must not move the cursor, recolour or reorder a terminal.
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
