package dev.modelseal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelseal.BundleInspector;
import dev.modelseal.BundleSummary;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inspect BUNDLE}: what a bundle claims, clearly labelled as not verified: for a DSSE bundle
 * its in-toto statement with the predicate; for an OpenSSF Model Signing signature ({@code
 * model.sig}) also its manifest: serialization, the first {@code --resources N} resources (default
 * {@value #DEFAULT_RESOURCES}) and the kind of signer material. A file that is no Sigstore bundle
 * is named as such.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Shows what a Sigstore bundle or an OpenSSF Model Signing model.sig claims, WITHOUT"
        + " verifying it (labelled UNVERIFIED); 'modelseal verify' checks it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "1:not a Sigstore bundle, or a malformed one", "2:usage error", "4:internal error"})
final class InspectCommand implements Callable<Integer> {
  static final String RESOURCES = "--resources";
  static final int DEFAULT_RESOURCES = 20;
  /** How many lines of a statement are shown without {@code --full}. */
  static final int STATEMENT_LINES = 60;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "a Sigstore bundle, legacy cosign bundle or model.sig")
  Path bundle;

  @Option(names = RESOURCES, paramLabel = "N", description = "manifest resources to list (default: ${DEFAULT-VALUE})",
      defaultValue = "" + DEFAULT_RESOURCES)
  int limit;

  @Option(names = "--full", description = "show the whole statement (default: its first " + STATEMENT_LINES
      + " lines)")
  boolean full;

  private PrintWriter out;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          RESOURCES + " takes a number of resources to show (0 or more), got " + limit);
    }
    out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
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
      s.predicateType().ifPresent(v -> out.println("  predicateType: " + Report.printable(v)));
      for (String subject : s.subjects()) {
        out.println("  subject:       " + Report.printable(subject));
      }
      for (BundleSummary.LogEntry e : s.logEntries()) {
        out.println("  log entry:     index " + e.logIndex() + ", " + e.kind()
            + e.integratedTime().map(t -> ", integrated " + t).orElse("")
            + (e.hasInclusionPromise() ? ", SET" : "") + (e.hasInclusionProof() ? ", inclusion proof" : ""));
      }
      out.println("  timestamps:    " + s.rfc3161Timestamps() + " RFC 3161");
      s.statement().ifPresent(this::statement);
      out.println("Run 'modelseal verify' to check any of it.");
      return Main.OK;
    } catch (ModelVerificationException e) {
      if (e.reason() == Reason.MALFORMED_BUNDLE && OmsClaims.isNotABundle(bundle)) {
        err.println("modelseal: " + Report.printable(bundle.toString()) + " is not a Sigstore bundle (a JSON"
            + " file with a Sigstore bundle mediaType, a legacy cosign bundle or a model.sig); give the"
            + " signature or attestation file, not the model or the policy");
        return Main.REJECTED;
      }
      err.println("modelseal: cannot read the bundle [" + e.reason() + "]: " + Report.printable(e.getMessage()));
      return Main.refused(e);
    }
  }

  /**
   * The in-toto statement of a DSSE bundle, predicate included, indented and labelled UNVERIFIED;
   * a predicate that cosign wrapped as a JSON string ({@code cosign attest --type custom}'s {@code
   * Data}) is shown unwrapped as well, since that is what its signer wrote.
   */
  private void statement(String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (IOException e) {
      show("statement (UNVERIFIED, as the envelope's payload says)", json.lines().toList());
      return;
    }
    show("statement (UNVERIFIED, as the envelope's payload says)", pretty(tree));
    JsonNode data = tree.path("predicate").path("Data");
    if (data.isTextual()) {
      try {
        JsonNode wrapped = JSON.readTree(data.textValue());
        if (wrapped != null && wrapped.isContainerNode()) {
          show("predicate Data, unwrapped (UNVERIFIED)", pretty(wrapped));
        }
      } catch (IOException e) {
        // not JSON: the statement above shows the string as it is
      }
    }
  }

  private static List<String> pretty(JsonNode tree) {
    try {
      return JSON.writeValueAsString(tree).lines().toList();
    } catch (IOException e) {
      throw new IllegalStateException("a parsed tree always serializes", e);
    }
  }

  private void show(String title, List<String> lines) {
    out.println("  " + title + ":");
    int shown = full ? lines.size() : Math.min(lines.size(), STATEMENT_LINES);
    for (String line : lines.subList(0, shown)) {
      out.println("    " + Report.printable(line));
    }
    if (shown < lines.size()) {
      out.println("    ... " + (lines.size() - shown) + " more lines (--full shows them)");
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
}
