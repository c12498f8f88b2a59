package dev.modelseal.cli;

import dev.modelseal.BundleInspector;
import dev.modelseal.BundleSummary;
import dev.modelseal.ModelVerificationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code inspect BUNDLE}: what a bundle claims, clearly labelled as not verified; for an OpenSSF
 * Model Signing signature ({@code model.sig}) also its manifest: serialization, the first {@code
 * --resources N} resources (default {@value #DEFAULT_RESOURCES}) and the kind of signer material.
 */
final class InspectCommand {
  static final String RESOURCES = "--resources";
  static final int DEFAULT_RESOURCES = 20;

  private final PrintStream out;
  private final PrintStream err;

  InspectCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Args a = Args.parse(argv, Set.of(RESOURCES), Set.of());
    if (a.positional().size() != 1) {
      throw new Args.UsageException("expected exactly one BUNDLE, got " + a.positional());
    }
    int limit = resources(a.one(RESOURCES));
    try {
      Path bundle = Path.of(a.positional().get(0));
      Optional<OmsClaims> oms = OmsClaims.read(bundle, limit);
      if (oms.isPresent()) {
        print(bundle, oms.get());
        return Main.OK;
      }
      BundleSummary s = BundleInspector.inspect(bundle);
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

  private void print(Path bundle, OmsClaims c) {
    out.println("UNVERIFIED: what " + bundle + " claims (nothing below has been checked)");
    out.println("  format:        " + Report.printable(c.mediaType()));
    out.println("  content:       DSSE envelope, an OpenSSF Model Signing manifest");
    for (String subject : c.subjects()) {
      out.println("  subject:       " + Report.printable(subject));
    }
    if (c.subjectCount() > c.subjects().size()) {
      out.println("  subject:       ... " + (c.subjectCount() - c.subjects().size()) + " more");
    }
    out.println("  log entries:   " + c.logEntries());
    out.println("  timestamps:    " + c.timestamps() + " RFC 3161");
    out.println("  OpenSSF Model Signing manifest (UNVERIFIED):");
    out.println("    predicate:       " + Report.printable(c.predicateType()));
    out.println("    method:          " + Report.printable(c.method()));
    out.println("    hash type:       " + Report.printable(c.hashType()));
    c.shardSize().ifPresent(v -> out.println("    shard size:      " + Report.printable(v)));
    c.allowSymlinks().ifPresent(v -> out.println("    allow symlinks:  " + Report.printable(v)));
    out.println("    ignore paths:    " + (c.ignorePaths().isEmpty() ? "(none recorded)"
        : c.ignorePaths().stream().map(Report::printable).collect(Collectors.joining(", "))));
    out.println("    resources:       " + c.resourceCount());
    for (OmsClaims.Resource r : c.firstResources()) {
      out.println("    resource:        " + Report.printable(r.name()) + " " + Report.printable(r.digest()));
    }
    if (c.resourceCount() > c.firstResources().size()) {
      out.println("    ...              " + (c.resourceCount() - c.firstResources().size())
          + " more (" + RESOURCES + " N shows more)");
    }
    out.println("    signer material: " + Report.printable(c.signerMaterial()));
    out.println("Run 'modelseal verify' to check any of it.");
  }

  private static int resources(String value) throws Args.UsageException {
    if (value == null) {
      return DEFAULT_RESOURCES;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with what to give instead
    }
    throw new Args.UsageException(RESOURCES + " takes a number of resources to show (0 or more), got " + value);
  }
}
