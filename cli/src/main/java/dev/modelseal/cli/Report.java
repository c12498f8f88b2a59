package dev.modelseal.cli;

import dev.modelseal.VerifiedModel;

/** Text rendering of a verified model for the terminal. */
final class Report {
  private Report() {}

  static String describe(VerifiedModel m) {
    StringBuilder sb = new StringBuilder();
    sb.append("VERIFIED ").append(m.path()).append('\n');
    sb.append("  digest:       ").append(m.digests()).append('\n');
    sb.append("  signer:       ").append(m.signer()).append('\n');
    m.signingTime().ifPresent(t -> sb.append("  signed at:    ").append(t).append('\n'));
    m.logIndex().ifPresent(i -> sb.append("  log index:    ").append(i).append('\n'));
    sb.append("  checks:\n").append(m.report().describe());
    return sb.toString().stripTrailing();
  }
}
