package dev.modelseal.cli;

import dev.modelseal.Identity;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.TrustRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The signer flags shared by {@code verify} and {@code verify-bundle}: an identity with its OIDC
 * issuer, or a public key, and the trust root. They are those of {@code cosign verify-blob} and
 * {@code model_signing verify}; {@code verify} adds {@code --certificate-chain}.
 */
final class SignerOptions {
  static final String IDENTITY = "--certificate-identity";
  static final String IDENTITY_REGEXP = "--certificate-identity-regexp";
  static final String ISSUER = "--certificate-oidc-issuer";
  static final String KEY = "--key";
  static final String CERTIFICATE_CHAIN = "--certificate-chain";
  static final String TRUSTED_ROOT = "--trusted-root";
  /** Far more than any key or CA chain; a bigger file is not one, and is not read. */
  static final long MAX_PEM_BYTES = 1L << 20;

  @Option(names = IDENTITY, paramLabel = "ID", description = "the signing certificate's identity (SAN), exactly;"
      + " repeatable")
  List<String> identities = new ArrayList<>();

  @Option(names = IDENTITY_REGEXP, paramLabel = "RE", description = "an identity as a regular expression, matched"
      + " in full; repeatable")
  List<String> identityRegexps = new ArrayList<>();

  @Option(names = ISSUER, paramLabel = "URL", description = "the OIDC issuer the identity must come from")
  String issuer;

  @Option(names = KEY, paramLabel = "PEM", description = "a public key file the signature must verify with;"
      + " repeatable")
  List<Path> keys = new ArrayList<>();

  @Option(names = TRUSTED_ROOT, paramLabel = "FILE", description = "a trusted_root.json (default: the policy's,"
      + " else the Sigstore public-good root, refreshed through TUF)")
  Path trustedRoot;

  /** Whether any signer flag (identity, regexp, issuer or key) was given. */
  boolean anySigner() {
    return firstSignerFlag() != null;
  }

  /** The first signer flag given, for messages; null when none was. */
  String firstSignerFlag() {
    if (!identities.isEmpty()) {
      return IDENTITY;
    }
    if (!identityRegexps.isEmpty()) {
      return IDENTITY_REGEXP;
    }
    if (issuer != null) {
      return ISSUER;
    }
    return keys.isEmpty() ? null : KEY;
  }

  /**
   * The policy the flags describe, with {@code chains} (verify's {@code --certificate-chain}) as
   * further allowed signers. Without {@code --trusted-root}, the Sigstore public-good root is
   * fetched (TUF) for identities and for keys, whose single-file bundles carry log entries; a
   * certificate-chain-only policy, or a key-only one when {@code modelSigningOnly} (the model is a
   * directory, signed with OpenSSF Model Signing), needs no trust root and fetches nothing.
   *
   * @throws ParameterException for flags that do not make a policy (exit 2)
   * @throws ConfigurationException for a key or chain file that cannot be read or holds no PEM (exit 3)
   * @throws ModelVerificationException for a trust root that cannot be read (exit 3)
   */
  Policy policy(CommandSpec spec, List<Path> chains, boolean modelSigningOnly)
      throws ConfigurationException, ModelVerificationException {
    if (keys.isEmpty() && chains.isEmpty() && identities.isEmpty() && identityRegexps.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give " + IDENTITY + " (or " + IDENTITY_REGEXP + ") with "
          + ISSUER + ", or " + KEY + (spec.findOption(CERTIFICATE_CHAIN) != null ? ", or " + CERTIFICATE_CHAIN : "")
          + (spec.findOption("--policy") != null ? ", or --policy or --kyverno" : "")
          + ": a verification without an expected signer is not possible");
    }
    boolean keyless = !identities.isEmpty() || !identityRegexps.isEmpty();
    if (keyless && issuer == null) {
      throw new ParameterException(spec.commandLine(), ISSUER + " is required with " + IDENTITY);
    }
    if (issuer != null && !keyless) {
      throw new ParameterException(spec.commandLine(), ISSUER + " needs " + IDENTITY + " or " + IDENTITY_REGEXP);
    }
    Policy.Builder b = Policy.builder();
    try {
      for (String id : identities) {
        b.allowIdentity(Identity.exact(id, issuer));
      }
      for (String re : identityRegexps) {
        b.allowIdentity(Identity.regex(re, issuer));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    for (Path key : keys) {
      String pem = read(KEY, key);
      pem(KEY, key, () -> b.allowKeyPem(pem));
    }
    for (Path chain : chains) {
      String pem = read(CERTIFICATE_CHAIN, chain);
      pem(CERTIFICATE_CHAIN, chain, () -> b.allowCertificateChainToPem(pem));
    }
    // Last: every usage and file error above is reported before the public-good root is fetched.
    if (trustedRoot != null) {
      return b.trustRoot(TrustRoot.fromJson(trustedRoot)).build();
    }
    if (!keyless && (keys.isEmpty() || modelSigningOnly)) {
      // OpenSSF Model Signing key and certificate signatures use no log: nothing to fetch.
      return b.trustRoot(TrustRoot.none()).build();
    }
    return b.trustRoot(TrustRoot.sigstorePublicGood()).build();
  }

  /** The trust root {@code --trusted-root} names, or {@code otherwise}. */
  TrustRoot trustRootOr(TrustRootSupplier otherwise) throws ModelVerificationException {
    return trustedRoot != null ? TrustRoot.fromJson(trustedRoot) : otherwise.get();
  }

  /** {@link TrustRoot#sigstorePublicGood()} and friends, which may throw. */
  interface TrustRootSupplier {
    TrustRoot get() throws ModelVerificationException;
  }

  /** Applies the PEM of one flag's file; a file that holds no usable PEM is a configuration error. */
  private static void pem(String flag, Path file, Runnable apply) throws ConfigurationException {
    try {
      apply.run();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("the " + flag + " file " + file + " is not usable: " + e.getMessage());
    }
  }

  /** A PEM file named on the command line: a regular file of at most {@value #MAX_PEM_BYTES} bytes. */
  private static String read(String flag, Path file) throws ConfigurationException {
    try {
      if (Files.exists(file) && (!Files.isRegularFile(file) || Files.size(file) > MAX_PEM_BYTES)) {
        throw new ConfigurationException("the " + flag + " file " + file + " is not a PEM file (not a regular file"
            + " of at most " + MAX_PEM_BYTES + " bytes)");
      }
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException("cannot read the " + flag + " file " + file + ": it does not exist");
    } catch (IOException e) {
      throw new ConfigurationException("cannot read the " + flag + " file " + file + ": " + e);
    }
  }
}
