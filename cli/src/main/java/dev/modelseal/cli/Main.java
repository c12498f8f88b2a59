package dev.modelseal.cli;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code modelseal} command line. Exit codes: 0 verified, 1 rejected (reason on stderr),
 * 2 usage error, 4 internal error (a crash of ModelSeal's, never a verdict; one line on stderr, no
 * stack trace).
 */
public final class Main {
  static final int OK = 0;
  static final int REJECTED = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 4;

  private static final String USAGE_TEXT =
      """
      usage: modelseal <command> [options]

      commands:
        demo            sign a tiny ONNX model (+ attestation, ML-BOM) with an in-process fake
                        Sigstore, verify it under a sample policy, run it in DJL, and show a
                        tampered copy, a failing evaluation and a denied license refused
        verify MODEL    verify a model file or an OpenSSF Model Signing directory and its evidence
                        (signature, attestations, SBOM)
                          --policy FILE              a ModelSeal policy (YAML/JSON)
                          | --kyverno FILE           a Kyverno ClusterPolicy
                          | --certificate-identity ID | --certificate-identity-regexp RE (repeatable)
                            --certificate-oidc-issuer URL
                          | --key PUBLIC_KEY.pem     (repeatable)
                          | --certificate-chain CA.pem  a CA a signing certificate must chain to
                                                     (repeatable; OMS certificate method)
                          [--trusted-root FILE]      (default: the policy's, else Sigstore public good)
                          [--bundle FILE | --signature FILE]  (default: MODEL.bundle or
                                                     MODEL.sigstore.json; MODEL/model.sig for a directory)
                          [--ignore-paths PATH]      leave PATH of a directory out (repeatable)
                          [--ignore-unsigned-files]  leave out files the signature does not list
                          [--audit]                  admit policy violations, report them
                          [--format text|json]       json: see docs/report-format.md
                          [--snapshot-dir DIR]       keep verified bytes in a private file
        inspect BUNDLE  show what a bundle claims, WITHOUT verifying it; for an OMS model.sig
                        its manifest   [--resources N]  resources to list (default 20)
        verify-bundle   the sigstore-conformance client protocol:
                          --bundle FILE (--certificate-identity ID --certificate-oidc-issuer URL
                          | --key PEM) [--trusted-root FILE] FILE_OR_sha256:DIGEST

      exit codes: 0 verified, 1 rejected, 2 usage error, 4 internal error (please report)
      """;

  private Main() {}

  public static void main(String[] args) {
    stayOffline();
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /**
   * DJL downloads engines and, on first use, calls home (EC2 metadata, telemetry) unless told to
   * stay offline. ModelSeal never touches the network for a model, so the CLI says so up front;
   * an explicit setting by the user wins.
   */
  static void stayOffline() {
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
    System.setProperty("ai.djl.onnx.disable_alternative",
        System.getProperty("ai.djl.onnx.disable_alternative", "true"));
    // Third-party chatter that says nothing to a user of this command (CUDA absent on CPU machines,
    // schema keywords the validator does not need); ModelSeal's own warnings stay on.
    for (String quiet : new String[] {"ai.djl", "com.networknt"}) {
      String key = "org.slf4j.simpleLogger.log." + quiet;
      System.setProperty(key, System.getProperty(key, "error"));
    }
  }

  /** Runs a command; returns the exit code. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).print(USAGE_TEXT);
      return args.isEmpty() ? USAGE : OK;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      switch (args.get(0)) {
        case "verify":
          return new VerifyCommand(out, err).run(rest);
        case "verify-bundle":
          return new VerifyBundleCommand(out, err).run(rest);
        case "inspect":
          return new InspectCommand(out, err).run(rest);
        case "demo":
          return new DemoCommand(out, err).run(rest);
        default:
          throw new Args.UsageException("unknown command " + args.get(0));
      }
    } catch (Args.UsageException e) {
      err.println("modelseal: " + e.getMessage());
      err.println("run 'modelseal --help' for usage");
      return USAGE;
    } catch (RuntimeException | Error e) {
      // A crash is not a verdict: it must not read as "rejected" (1) to a script, nor bury the
      // one line that matters under a stack trace.
      err.println("modelseal: internal error (" + e + "); this is a bug in ModelSeal, please report it");
      return INTERNAL;
    }
  }

  /** The exit code of a refusal: 1, or 4 when ModelSeal refused because of its own error. */
  static int refused(ModelVerificationException e) {
    return e.reason() == Reason.INTERNAL_ERROR ? INTERNAL : REJECTED;
  }
}
