package dev.modelseal.cli;

import dev.modelseal.EnforcementMode;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.VerifiedModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code verify MODEL}: verifies a model and its evidence and prints what was established. */
final class VerifyCommand {
  private final PrintStream out;
  private final PrintStream err;

  VerifyCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Set<String> valued = new HashSet<>(PolicyOptions.FLAGS);
    valued.addAll(PolicyOptions.POLICY_FLAGS);
    valued.addAll(Set.of("--bundle", "--snapshot-dir", "--format"));
    Args a = Args.parse(argv, valued, Set.of("--audit"));
    if (a.positional().size() != 1) {
      throw new Args.UsageException("expected exactly one MODEL, got " + a.positional());
    }
    String format = a.one("--format") == null ? "text" : a.one("--format");
    if (!format.equals("text") && !format.equals("json")) {
      throw new Args.UsageException("--format must be text or json, got " + format);
    }
    Path model = Path.of(a.positional().get(0));
    LoadOptions.Builder options = LoadOptions.builder();
    if (a.one("--bundle") != null) {
      options.bundle(Path.of(a.one("--bundle")));
    }
    options.progress(ProgressBar.forTerminal(err, model.getFileName().toString(), System.console() != null));
    if (a.one("--snapshot-dir") != null) {
      options.snapshotDirectory(Path.of(a.one("--snapshot-dir")));
    }
    EnforcementMode mode = null;
    try {
      Policy policy = PolicyOptions.policy(a);
      if (a.has("--audit")) {
        policy = policy.withMode(EnforcementMode.AUDIT);
      }
      mode = policy.mode();
      try (VerifiedModel m = VerifiedModel.load(model, policy, options.build())) {
        out.println(format.equals("json") ? JsonReport.verified(m, mode) : Report.describe(m));
      }
      return Main.OK;
    } catch (ModelVerificationException e) {
      if (format.equals("json")) {
        out.println(JsonReport.rejected(model, mode, e));
      }
      err.println("REJECTED [" + e.reason() + "]: " + e.getMessage());
      return Main.refused(e);
    }
  }
}
