package dev.modelseal.cli;

import dev.modelseal.BundleVerifier;
import dev.modelseal.Digests;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.VerifiedSignature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code verify-bundle}: the sigstore-conformance verification client protocol, and nothing more:
 * exactly the named bundle over the named file or {@code sha256:<hex>} digest, both through {@link
 * BundleVerifier}, so both forms give the same verdict and no evidence next to the file is read.
 */
final class VerifyBundleCommand {
  private final PrintStream out;
  private final PrintStream err;

  VerifyBundleCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Set<String> valued = new HashSet<>(PolicyOptions.FLAGS);
    valued.add("--bundle");
    Args a = Args.parse(argv, valued, Set.of());
    String bundle = a.one("--bundle");
    if (bundle == null) {
      throw new Args.UsageException("--bundle is required");
    }
    if (a.positional().size() != 1) {
      throw new Args.UsageException("expected exactly one FILE_OR_DIGEST, got " + a.positional());
    }
    String target = a.positional().get(0);
    try {
      Policy policy = PolicyOptions.policy(a);
      VerifiedSignature v;
      if (target.matches("(?i)sha(256|384|512):.*")) {
        Digests d;
        try {
          d = Digests.parse(target);
        } catch (IllegalArgumentException e) {
          throw new Args.UsageException(e.getMessage());
        }
        v = BundleVerifier.verify(Path.of(bundle), d, policy);
      } else {
        v = BundleVerifier.verify(Path.of(bundle), Path.of(target), policy);
      }
      out.println("OK: " + v.digests() + " signed by " + v.signer());
      return Main.OK;
    } catch (ModelVerificationException e) {
      err.println("REJECT [" + e.reason() + "]: " + e.getMessage());
      return Main.refused(e);
    }
  }
}
