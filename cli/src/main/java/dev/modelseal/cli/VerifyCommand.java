package dev.modelseal.cli;

import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.VerifiedModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code verify MODEL}: verifies a model file and prints what was established. */
final class VerifyCommand {
  private final PrintStream out;
  private final PrintStream err;

  VerifyCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Set<String> valued = new HashSet<>(PolicyOptions.FLAGS);
    valued.add("--bundle");
    valued.add("--snapshot-dir");
    Args a = Args.parse(argv, valued, Set.of());
    if (a.positional().size() != 1) {
      throw new Args.UsageException("expected exactly one MODEL, got " + a.positional());
    }
    Path model = Path.of(a.positional().get(0));
    LoadOptions.Builder options = LoadOptions.builder();
    if (a.one("--bundle") != null) {
      options.bundle(Path.of(a.one("--bundle")));
    }
    if (a.one("--snapshot-dir") != null) {
      options.snapshotDirectory(Path.of(a.one("--snapshot-dir")));
    }
    try {
      Policy policy = PolicyOptions.policy(a);
      try (VerifiedModel m = VerifiedModel.load(model, policy, options.build())) {
        out.println(Report.describe(m));
      }
      return Main.OK;
    } catch (ModelVerificationException e) {
      err.println("REJECTED [" + e.reason() + "]: " + e.getMessage());
      return Main.REJECTED;
    }
  }
}
