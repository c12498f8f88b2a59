package dev.modelseal.cli;

import dev.modelseal.VerifiedModel;

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
    sb.append("  signed at:    ").append(m.signingTime()).append('\n');
    m.logIndex().ifPresent(i -> sb.append("  log index:    ").append(i).append('\n'));
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
}
