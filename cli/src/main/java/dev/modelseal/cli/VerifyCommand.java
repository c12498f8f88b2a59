package dev.modelseal.cli;

import dev.modelseal.EnforcementMode;
import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.ModelVerifier;
import dev.modelseal.Policy;
import dev.modelseal.PolicyFiles;
import dev.modelseal.TrustRoot;
import dev.modelseal.Verification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code verify MODEL}: verifies a model and its evidence, hashing it as a stream ({@link
 * ModelVerifier#check}, so memory stays flat whatever its size), and prints the verdict. MODEL may
 * be a directory signed with OpenSSF Model Signing ({@code MODEL/model.sig}, or {@code
 * --signature}), with {@code model_signing verify}'s {@code --ignore-paths} and {@code
 * --ignore-unsigned-files}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    sortOptions = false,
    description = {"Verifies a model file, or a directory signed with OpenSSF Model Signing, and its evidence"
        + " (signature, attestations, SBOM) against a policy, offline.",
        "Prints a short summary (verdict, signer, digest, what each condition compared); --verbose lists"
            + " every check."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:verified (or admitted with violations under --audit)", "1:rejected", "2:usage error",
        "3:configuration error (policy, trust root, key or certificate file)", "4:internal error"})
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "a model file, or a directory with its model.sig")
  Path model;

  @Option(names = "--policy", paramLabel = "FILE", description = "a ModelSeal policy file (YAML or JSON)")
  Path policyFile;

  @Option(names = "--kyverno", paramLabel = "FILE", description = "a Kyverno ClusterPolicy (verifyImages rules)")
  Path kyverno;

  @Mixin SignerOptions signer;

  @Option(names = SignerOptions.CERTIFICATE_CHAIN, paramLabel = "PEM", description = "a CA certificate a signing"
      + " certificate must chain to (OpenSSF Model Signing certificate method); repeatable")
  List<Path> chains = new ArrayList<>();

  @Option(names = {"--bundle", "--signature"}, paramLabel = "FILE", description = "the signature file (default:"
      + " MODEL.bundle or MODEL.sigstore.json; MODEL/model.sig for a directory)")
  List<Path> bundle = new ArrayList<>();

  @Option(names = "--ignore-paths", paramLabel = "PATH", description = "leave PATH of a directory out; repeatable")
  List<String> ignorePaths = new ArrayList<>();

  @Option(names = "--ignore-unsigned-files", description = "leave out files the signature does not list")
  boolean ignoreUnsignedFiles;

  @Option(names = "--audit", description = "admit policy violations and report them (AUDIT mode)")
  boolean audit;

  @Option(names = "--format", paramLabel = "text|json", description = "json: a versioned report on stdout,"
      + " see docs/report-format.md (default: ${DEFAULT-VALUE})", defaultValue = "text")
  String format;

  @Option(names = {"-v", "--verbose"}, description = "list every check made")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--format must be text or json, got " + format);
    }
    if (bundle.size() > 1) {
      throw new ParameterException(spec.commandLine(), "give one --bundle (--signature is another name for it)");
    }
    if (!Files.exists(model, LinkOption.NOFOLLOW_LINKS)) {
      throw new ParameterException(spec.commandLine(), model + " does not exist: give the model file, or the"
          + " directory holding the model and its model.sig");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EnforcementMode mode = null;
    try {
      Policy policy = policy();
      if (audit) {
        policy = policy.withMode(EnforcementMode.AUDIT);
      }
      mode = policy.mode();
      LoadOptions.Builder options = LoadOptions.builder()
          .ignorePaths(ignorePaths.toArray(String[]::new))
          .ignoreUnsignedFiles(ignoreUnsignedFiles)
          .progress(ProgressBar.forTerminal(err, String.valueOf(model.getFileName()), System.console() != null));
      bundle.forEach(options::bundle);
      Verification v = ModelVerifier.of(policy).check(model, options.build());
      out.println(format.equals("json") ? JsonReport.verified(v, mode) : Report.describe(v, verbose));
      return Main.OK;
    } catch (ConfigurationException e) {
      err.println("modelseal: " + e.getMessage());
      return Main.CONFIG;
    } catch (ModelVerificationException e) {
      if (format.equals("json")) {
        out.println(JsonReport.rejected(model, mode, e));
      }
      err.println(Report.refusal(e));
      return Main.refused(e);
    }
  }

  private Policy policy() throws ConfigurationException, ModelVerificationException {
    if (policyFile == null && kyverno == null) {
      return signer.policy(spec, chains, Files.isDirectory(model));
    }
    if (policyFile != null && kyverno != null) {
      throw new ParameterException(spec.commandLine(), "give either --policy or --kyverno, not both");
    }
    if (signer.anySigner() || !chains.isEmpty()) {
      String flag = !chains.isEmpty() ? SignerOptions.CERTIFICATE_CHAIN : signer.firstSignerFlag();
      throw new ParameterException(spec.commandLine(), flag + " cannot be combined with a policy file; put the"
          + " signer in the policy");
    }
    if (policyFile != null) {
      return signer.trustedRoot == null ? PolicyFiles.read(policyFile)
          : PolicyFiles.read(policyFile, TrustRoot.fromJson(signer.trustedRoot));
    }
    return PolicyFiles.fromKyverno(kyverno, signer.trustRootOr(TrustRoot::sigstorePublicGood));
  }
}
