package dev.modelseal.cli;

import dev.modelseal.BundleVerifier;
import dev.modelseal.Digests;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.VerifiedSignature;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify-bundle}: the sigstore-conformance verification client protocol, and nothing more:
 * exactly the named bundle over the named file or {@code sha256:<hex>} digest, both through {@link
 * BundleVerifier}, so both forms give the same verdict and no evidence next to the file is read.
 */
@Command(name = "verify-bundle", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false,
    description = {"The sigstore-conformance client protocol: verifies exactly one bundle over a file or a"
        + " sha256:<hex> digest; reads nothing else."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:verified", "1:rejected", "2:usage error", "3:configuration error (trust root, key file)",
        "4:internal error"})
final class VerifyBundleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bundle", paramLabel = "FILE", required = true, description = "the Sigstore bundle")
  Path bundle;

  @Mixin SignerOptions signer;

  @Parameters(index = "0", paramLabel = "FILE_OR_DIGEST", description = "the signed file, or sha256:<hex>")
  String target;

  @Override
  public Integer call() throws Exception {
    Digests digest = null;
    if (target.matches("(?i)sha(256|384|512):.*")) {
      try {
        digest = Digests.parse(target);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    try {
      Policy policy = signer.policy(spec, List.of(), false);
      VerifiedSignature v = digest != null ? BundleVerifier.verify(bundle, digest, policy)
          : BundleVerifier.verify(bundle, Path.of(target), policy);
      spec.commandLine().getOut().println("VERIFIED " + v.digests() + " signed by " + Report.printable(
          v.signer().toString()));
      return Main.OK;
    } catch (ConfigurationException e) {
      spec.commandLine().getErr().println("modelseal: " + e.getMessage());
      return Main.CONFIG;
    } catch (ModelVerificationException e) {
      spec.commandLine().getErr().println(Report.refusal(e));
      return Main.refused(e);
    }
  }
}
