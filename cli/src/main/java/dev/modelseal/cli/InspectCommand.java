package dev.modelseal.cli;

import dev.modelseal.BundleInspector;
import dev.modelseal.BundleSummary;
import dev.modelseal.ModelVerificationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code inspect BUNDLE}: what a bundle claims, clearly labelled as not verified. */
final class InspectCommand {
  private final PrintStream out;
  private final PrintStream err;

  InspectCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Args a = Args.parse(argv, Set.of(), Set.of());
    if (a.positional().size() != 1) {
      throw new Args.UsageException("expected exactly one BUNDLE, got " + a.positional());
    }
    try {
      BundleSummary s = BundleInspector.inspect(Path.of(a.positional().get(0)));
      out.println("UNVERIFIED: what " + s.file() + " claims (nothing below has been checked)");
      out.println("  format:        " + s.format());
      out.println("  content:       " + s.content());
      s.certificateSubject().ifPresent(v -> out.println("  signer:        " + v));
      s.certificateIssuer().ifPresent(v -> out.println("  OIDC issuer:   " + v));
      s.certificateNotBefore().ifPresent(v -> out.println("  cert valid:    " + v + " to "
          + s.certificateNotAfter().map(Object::toString).orElse("?")));
      s.keyHint().ifPresent(v -> out.println("  key:           " + v));
      s.messageDigest().ifPresent(v -> out.println("  digest:        " + v));
      s.predicateType().ifPresent(v -> out.println("  predicateType: " + v));
      for (String subject : s.subjects()) {
        out.println("  subject:       " + subject);
      }
      for (BundleSummary.LogEntry e : s.logEntries()) {
        out.println("  log entry:     index " + e.logIndex() + ", " + e.kind()
            + e.integratedTime().map(t -> ", integrated " + t).orElse("")
            + (e.hasInclusionPromise() ? ", SET" : "") + (e.hasInclusionProof() ? ", inclusion proof" : ""));
      }
      out.println("  timestamps:    " + s.rfc3161Timestamps() + " RFC 3161");
      out.println("Run 'modelseal verify' to check any of it.");
      return Main.OK;
    } catch (ModelVerificationException e) {
      err.println("cannot read bundle [" + e.reason() + "]: " + e.getMessage());
      return Main.refused(e);
    }
  }
}
