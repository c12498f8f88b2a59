package dev.modelseal.cli;

import dev.modelseal.Identity;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.PolicyFiles;
import dev.modelseal.TrustRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Turns the identity, key, certificate-chain and trust-root flags shared by the verify commands into
 * a {@link Policy}. The three ways to name the expected signer are those of {@code model_signing
 * verify}: {@code sigstore} (identity and issuer), {@code key} and {@code certificate} (the CA
 * certificates a signing certificate must chain to).
 */
final class PolicyOptions {
  static final String IDENTITY = "--certificate-identity";
  static final String IDENTITY_REGEXP = "--certificate-identity-regexp";
  static final String ISSUER = "--certificate-oidc-issuer";
  static final String KEY = "--key";
  static final String CERTIFICATE_CHAIN = "--certificate-chain";
  static final String TRUSTED_ROOT = "--trusted-root";
  static final String POLICY = "--policy";
  static final String KYVERNO = "--kyverno";
  static final Set<String> FLAGS = Set.of(IDENTITY, IDENTITY_REGEXP, ISSUER, KEY, TRUSTED_ROOT);
  /** Only {@code verify} takes these: certificate-method signatures exist only in OpenSSF Model Signing. */
  static final Set<String> MODEL_SIGNING_FLAGS = Set.of(CERTIFICATE_CHAIN);
  static final Set<String> POLICY_FLAGS = Set.of(POLICY, KYVERNO);

  private PolicyOptions() {}

  /** Builds the policy; usage problems throw {@link Args.UsageException}. */
  static Policy policy(Args a) throws Args.UsageException, ModelVerificationException {
    return policy(a, false);
  }

  /**
   * The policy the flags describe. Without {@code --trusted-root}, the Sigstore public-good root
   * is fetched (TUF) for identities and for keys, whose single-file bundles carry log entries; a
   * certificate-chain-only policy, or a key-only one when {@code modelSigningOnly} (the model is a
   * directory, signed with OpenSSF Model Signing), needs no trust root and fetches nothing.
   */
  static Policy policy(Args a, boolean modelSigningOnly) throws Args.UsageException, ModelVerificationException {
    String policyFile = a.one(POLICY);
    String kyverno = a.one(KYVERNO);
    if (policyFile != null || kyverno != null) {
      if (policyFile != null && kyverno != null) {
        throw new Args.UsageException("give either " + POLICY + " or " + KYVERNO + ", not both");
      }
      for (String f : List.of(IDENTITY, IDENTITY_REGEXP, ISSUER, KEY, CERTIFICATE_CHAIN)) {
        if (a.has(f)) {
          throw new Args.UsageException(f + " cannot be combined with a policy file; put it in the policy");
        }
      }
      String root = a.one(TRUSTED_ROOT);
      if (policyFile != null) {
        return root == null ? PolicyFiles.read(Path.of(policyFile))
            : PolicyFiles.read(Path.of(policyFile), TrustRoot.fromJson(Path.of(root)));
      }
      return PolicyFiles.fromKyverno(Path.of(kyverno),
          root == null ? TrustRoot.sigstorePublicGood() : TrustRoot.fromJson(Path.of(root)));
    }
    List<String> ids = a.all(IDENTITY);
    List<String> regexps = a.all(IDENTITY_REGEXP);
    List<String> keys = a.all(KEY);
    List<String> chains = a.all(CERTIFICATE_CHAIN);
    String issuer = a.one(ISSUER);
    if (keys.isEmpty() && chains.isEmpty() && ids.isEmpty() && regexps.isEmpty()) {
      throw new Args.UsageException("give " + IDENTITY + " (or " + IDENTITY_REGEXP + ") with " + ISSUER
          + ", or " + KEY + ", or " + CERTIFICATE_CHAIN
          + ": a verification without an expected signer is not possible");
    }
    if ((!ids.isEmpty() || !regexps.isEmpty()) && issuer == null) {
      throw new Args.UsageException(ISSUER + " is required with " + IDENTITY);
    }
    if (issuer != null && ids.isEmpty() && regexps.isEmpty()) {
      throw new Args.UsageException(ISSUER + " needs " + IDENTITY + " or " + IDENTITY_REGEXP);
    }
    Policy.Builder b = Policy.builder();
    try {
      for (String id : ids) {
        b.allowIdentity(Identity.exact(id, issuer));
      }
      for (String re : regexps) {
        b.allowIdentity(Identity.regex(re, issuer));
      }
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
    for (String key : keys) {
      String pem = read(KEY, key);
      pemFlag(KEY, key, () -> b.allowKeyPem(pem));
    }
    for (String chain : chains) {
      String pem = read(CERTIFICATE_CHAIN, chain);
      pemFlag(CERTIFICATE_CHAIN, chain, () -> b.allowCertificateChainToPem(pem));
    }
    // Last: every usage error above is reported before the public-good root is fetched.
    String root = a.one(TRUSTED_ROOT);
    if (root != null) {
      return b.trustRoot(TrustRoot.fromJson(Path.of(root))).build();
    }
    if (ids.isEmpty() && regexps.isEmpty() && (keys.isEmpty() || modelSigningOnly)) {
      // OpenSSF Model Signing key and certificate signatures use no log: nothing to fetch.
      return b.trustRoot(TrustRoot.none()).build();
    }
    return b.trustRoot(TrustRoot.sigstorePublicGood()).build();
  }

  /** Applies the PEM of one flag's file; a file that holds no usable PEM is a usage error naming it. */
  private static void pemFlag(String flag, String file, Runnable apply) throws Args.UsageException {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(flag + " " + file + ": " + e.getMessage());
    }
  }

  /** A PEM file named on the command line; an unreadable one is a usage error naming the flag. */
  private static String read(String flag, String file) throws Args.UsageException {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new Args.UsageException("cannot read the " + flag + " file " + file + ": " + e);
    }
  }
}
