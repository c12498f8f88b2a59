package dev.modelseal;

import dev.modelseal.internal.policyfile.KyvernoPolicyReader;
import dev.modelseal.internal.policyfile.ModelPolicyReader;
import dev.modelseal.internal.policyfile.PolicyDocument;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a {@link Policy} from an operator's policy file: the ModelSeal format ({@code apiVersion:
 * modelseal.dev/v1}, {@code kind: ModelPolicy}, YAML or JSON) or a Kyverno {@code ClusterPolicy} /
 * {@code Policy} with {@code verifyImages} rules. Reading is strict and bounded: a file over 1 MiB
 * or nested deeper than 64 levels, an unknown field, a wrong type or a setting that cannot be
 * honoured is refused with {@link Reason#INVALID_POLICY} and a message naming the file and the
 * field path, so no line of a policy is silently ignored where ignoring it could admit a model.
 *
 * <p>The format is documented in {@code docs/policy-file.md}.
 */
public final class PolicyFiles {
  private PolicyFiles() {}

  /**
   * Reads a ModelSeal policy file, taking the trust root from its {@code trustRoot} field (a path
   * relative to the file's directory, or {@code sigstore-public-good}).
   *
   * @throws ModelVerificationException {@link Reason#INVALID_POLICY} when the file is unreadable,
   *     malformed, has no {@code trustRoot}, or is a Kyverno policy (which names no trust root: use
   *     {@link #fromKyverno} or {@link #read(Path, TrustRoot)}); the trust root's own reasons when
   *     the trusted root it names is invalid
   */
  public static Policy read(Path file) throws ModelVerificationException {
    Objects.requireNonNull(file, "file");
    return FailClosed.run(file, Reason.INVALID_POLICY, () -> {
      PolicyDocument document = PolicyDocument.read(file);
      refuseKyvernoWithoutTrustRoot(document);
      return ModelPolicyReader.read(document, null);
    });
  }

  /**
   * Reads a ModelSeal or Kyverno policy file checked against {@code trustRoot}. The explicit trust
   * root wins over a {@code trustRoot} field in the file, which is then type-checked but not loaded.
   */
  public static Policy read(Path file, TrustRoot trustRoot) throws ModelVerificationException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(trustRoot, "trustRoot");
    return FailClosed.run(file, Reason.INVALID_POLICY, () -> {
      PolicyDocument document = PolicyDocument.read(file);
      if (KyvernoPolicyReader.isKyverno(apiVersion(document))) {
        return KyvernoPolicyReader.read(document, trustRoot);
      }
      return ModelPolicyReader.read(document, trustRoot);
    });
  }

  /**
   * Reads a ModelSeal policy from {@code text} (YAML or JSON); relative paths in it ({@code
   * trustRoot}, {@code keys[].path}) resolve against {@code baseDir}.
   */
  public static Policy fromJsonOrYaml(String text, Path baseDir) throws ModelVerificationException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(baseDir, "baseDir");
    return FailClosed.run("(policy text)", Reason.INVALID_POLICY, () -> {
      PolicyDocument document = PolicyDocument.parse(text, "(policy text)", baseDir.toAbsolutePath());
      refuseKyvernoWithoutTrustRoot(document);
      return ModelPolicyReader.read(document, null);
    });
  }

  /**
   * Reads a Kyverno {@code ClusterPolicy} or {@code Policy} ({@code kyverno.io/v1} or {@code
   * v2beta1}): keyless and key attestors become allowed identities and keys, {@code attestations}
   * required attestations with the same conditions, and the failure actions the mode (ENFORCE when
   * any {@code verifyImages} entry enforces, and when none says anything). Kyverno has no trust root,
   * so the caller supplies one.
   *
   * @throws ModelVerificationException {@link Reason#INVALID_POLICY} when the file is malformed or
   *     asks for something ModelSeal cannot honour (e.g. {@code rekor.ignoreTlog: true})
   */
  public static Policy fromKyverno(Path clusterPolicyYaml, TrustRoot trustRoot)
      throws ModelVerificationException {
    Objects.requireNonNull(clusterPolicyYaml, "clusterPolicyYaml");
    Objects.requireNonNull(trustRoot, "trustRoot");
    return FailClosed.run(clusterPolicyYaml, Reason.INVALID_POLICY,
        () -> KyvernoPolicyReader.read(PolicyDocument.read(clusterPolicyYaml), trustRoot));
  }

  private static void refuseKyvernoWithoutTrustRoot(PolicyDocument document)
      throws ModelVerificationException {
    if (KyvernoPolicyReader.isKyverno(apiVersion(document))) {
      throw new ModelVerificationException(Reason.INVALID_POLICY, document.source()
          + ": a Kyverno policy names no trust root; read it with PolicyFiles.fromKyverno(file,"
          + " trustRoot) or PolicyFiles.read(file, trustRoot)");
    }
  }

  private static String apiVersion(PolicyDocument document) {
    var node = document.root().get("apiVersion");
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
