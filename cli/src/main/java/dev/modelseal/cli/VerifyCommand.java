package dev.modelseal.cli;

import dev.modelseal.EnforcementMode;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.VerifiedModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code verify MODEL}: verifies a model and its evidence and prints what was established. MODEL
 * may be a directory signed with OpenSSF Model Signing ({@code MODEL/model.sig}, or {@code
 * --signature}), with {@code model_signing verify}'s {@code --ignore-paths} and {@code
 * --ignore-unsigned-files}.
 */
final class VerifyCommand {
  static final String BUNDLE = "--bundle";
  static final String SIGNATURE = "--signature";
  static final String IGNORE_PATHS = "--ignore-paths";
  static final String IGNORE_UNSIGNED_FILES = "--ignore-unsigned-files";
  private final PrintStream out;
  private final PrintStream err;

  VerifyCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Set<String> valued = new HashSet<>(PolicyOptions.FLAGS);
    valued.addAll(PolicyOptions.POLICY_FLAGS);
    valued.addAll(PolicyOptions.MODEL_SIGNING_FLAGS);
    valued.addAll(Set.of(BUNDLE, SIGNATURE, IGNORE_PATHS, "--snapshot-dir", "--format"));
    Args a = Args.parse(argv, valued, Set.of("--audit", IGNORE_UNSIGNED_FILES));
    if (a.positional().size() != 1) {
      throw new Args.UsageException("expected exactly one MODEL, got " + a.positional());
    }
    String format = a.one("--format") == null ? "text" : a.one("--format");
    if (!format.equals("text") && !format.equals("json")) {
      throw new Args.UsageException("--format must be text or json, got " + format);
    }
    Path model = Path.of(a.positional().get(0));
    LoadOptions.Builder options = LoadOptions.builder();
    if (a.has(BUNDLE) && a.has(SIGNATURE)) {
      throw new Args.UsageException(SIGNATURE + " is another name for " + BUNDLE + "; give one of them");
    }
    String bundle = a.has(SIGNATURE) ? a.one(SIGNATURE) : a.one(BUNDLE);
    if (bundle != null) {
      options.bundle(Path.of(bundle));
    }
    options.ignorePaths(a.all(IGNORE_PATHS).toArray(String[]::new));
    options.ignoreUnsignedFiles(a.has(IGNORE_UNSIGNED_FILES));
    options.progress(ProgressBar.forTerminal(err, model.getFileName().toString(), System.console() != null));
    if (a.one("--snapshot-dir") != null) {
      options.snapshotDirectory(Path.of(a.one("--snapshot-dir")));
    }
    EnforcementMode mode = null;
    try {
      Policy policy = PolicyOptions.policy(a, Files.isDirectory(model));
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
