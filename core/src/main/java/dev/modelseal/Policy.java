package dev.modelseal;

import dev.modelseal.internal.x509.PublicKeys;
import dev.modelseal.internal.x509.Certificates;
import dev.modelseal.internal.x509.Pem;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a consumer accepts: the trust root and who may have signed (certificate identities with a
 * pinned issuer, or pinned public keys). Immutable and thread-safe; there is no policy that accepts
 * anyone — {@link Builder#build()} refuses a policy without an identity or key.
 */
public final class Policy {
  private static final Logger LOG = LoggerFactory.getLogger(Policy.class);
  private final TrustRoot trustRoot;
  private final List<Identity> identities;
  private final List<PublicKey> keys;
  private final List<X509Certificate> certificateRoots;
  private final EnforcementMode mode;
  private final List<AttestationRequirement> attestations;
  private final SbomPolicy sbom;

  private Policy(Builder b) {
    this.trustRoot = b.trustRoot;
    this.identities = List.copyOf(b.identities);
    this.keys = List.copyOf(b.keys);
    this.certificateRoots = List.copyOf(b.certificateRoots);
    this.mode = b.mode;
    this.attestations = List.copyOf(b.attestations);
    this.sbom = b.sbom;
  }

  public static Builder builder() {
    return new Builder();
  }

  public TrustRoot trustRoot() {
    return trustRoot;
  }

  /** Allowed certificate identities (keyless signing). */
  public List<Identity> identities() {
    return identities;
  }

  /** Allowed public keys (key-signed bundles). */
  public List<PublicKey> keys() {
    return keys;
  }

  /**
   * Roots that an OpenSSF Model Signing certificate signature ({@code model_signing sign
   * certificate}) must chain to. Separate from the trust root's Fulcio CAs: a certificate chained
   * to one of these is trusted as its signer without an OIDC identity.
   */
  public List<X509Certificate> certificateRoots() {
    return certificateRoots;
  }

  /**
   * A copy of this policy in another mode (e.g. a command line's {@code --audit}); AUDIT logs a
   * WARN as when built.
   */
  public Policy withMode(EnforcementMode mode) {
    Builder b = new Builder();
    b.trustRoot = trustRoot;
    b.identities.addAll(identities);
    b.keys.addAll(keys);
    b.certificateRoots.addAll(certificateRoots);
    b.attestations.addAll(attestations);
    b.sbom = sbom;
    b.mode = Objects.requireNonNull(mode, "mode");
    return b.build();
  }

  /** ENFORCE (the default) or AUDIT. */
  public EnforcementMode mode() {
    return mode;
  }

  /** Attestations that must be present and satisfy their conditions. */
  public List<AttestationRequirement> attestations() {
    return attestations;
  }

  /** The SBOM rules, when the policy requires a CycloneDX ML-BOM attestation. */
  public Optional<SbomPolicy> sbom() {
    return Optional.ofNullable(sbom);
  }

  /** Builds a {@link Policy}; {@link #build()} validates and does no I/O. */
  public static final class Builder {
    private TrustRoot trustRoot;
    private final LinkedHashSet<Identity> identities = new LinkedHashSet<>();
    private final List<PublicKey> keys = new ArrayList<>();
    private final List<X509Certificate> certificateRoots = new ArrayList<>();
    private EnforcementMode mode = EnforcementMode.ENFORCE;
    private final List<AttestationRequirement> attestations = new ArrayList<>();
    private SbomPolicy sbom;

    private Builder() {}

    /**
     * ENFORCE (default) refuses on any violation; AUDIT admits policy violations with a WARN each
     * (integrity failures are refused in every mode). Building an AUDIT policy logs a WARN.
     */
    public Builder mode(EnforcementMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The trust root transparency logs, CAs and timestamp authorities are checked against. */
    public Builder trustRoot(TrustRoot trustRoot) {
      this.trustRoot = Objects.requireNonNull(trustRoot, "trustRoot");
      return this;
    }

    /** Requires an attestation (found as {@code <model>.attest.bundle} or via metadata.json). */
    public Builder requireAttestation(AttestationRequirement requirement) {
      attestations.add(Objects.requireNonNull(requirement, "requirement"));
      return this;
    }

    /** Requires a CycloneDX ML-BOM attestation ({@code <model>.sbom.bundle}) that obeys {@code rules}. */
    public Builder requireSbom(SbomPolicy rules) {
      this.sbom = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /** Allows signatures by this certificate identity; may be called several times. */
    public Builder allowIdentity(Identity identity) {
      identities.add(Objects.requireNonNull(identity, "identity"));
      return this;
    }

    /** Allows {@code subject} (exact) from {@code issuer}. */
    public Builder allowIdentity(String subject, String issuer) {
      return allowIdentity(Identity.exact(subject, issuer));
    }

    /** Allows signatures by this public key (EC P-256/384/521 or RSA). */
    public Builder allowKey(PublicKey key) {
      Objects.requireNonNull(key, "key");
      if (PublicKeys.hashFor(key) == null) {
        throw new IllegalArgumentException(
            "unsupported key algorithm " + key.getAlgorithm() + "; use EC or RSA");
      }
      if (keys.stream().noneMatch(k -> java.util.Arrays.equals(k.getEncoded(), key.getEncoded()))) {
        keys.add(key);
      }
      return this;
    }

    /** Allows signatures by the public key in {@code pem} ({@code -----BEGIN PUBLIC KEY-----}). */
    public Builder allowKeyPem(String pem) {
      Optional<PublicKey> key = PublicKeys.fromPem(Objects.requireNonNull(pem, "pem"));
      return allowKey(
          key.orElseThrow(
              () -> new IllegalArgumentException("not a single PEM PUBLIC KEY block of an EC or RSA key")));
    }

    /**
     * Allows OpenSSF Model Signing certificate signatures whose chain leads to {@code root} (a CA
     * certificate, such as NVIDIA's agent root or a company CA), as {@code model_signing verify
     * certificate --certificate-chain} does; may be called several times.
     */
    public Builder allowCertificateChainTo(X509Certificate root) {
      Objects.requireNonNull(root, "root");
      if (!certificateRoots.contains(root)) {
        certificateRoots.add(root);
      }
      return this;
    }

    /** {@link #allowCertificateChainTo(X509Certificate)} for every certificate in {@code pem}. */
    public Builder allowCertificateChainToPem(String pem) {
      List<Pem.Block> blocks = Pem.decode(Objects.requireNonNull(pem, "pem"));
      int added = 0;
      for (Pem.Block b : blocks) {
        if (b.label().equals("CERTIFICATE")) {
          allowCertificateChainTo(Certificates.parse(b.der()).orElseThrow(
              () -> new IllegalArgumentException("a CERTIFICATE block is not a DER X.509 certificate")));
          added++;
        }
      }
      if (added == 0) {
        throw new IllegalArgumentException("no PEM CERTIFICATE block found");
      }
      return this;
    }

    /**
     * Validates and builds. Fails when no trust root is set (transparency log entries are always
     * verified) or when neither an identity nor a key is allowed.
     */
    public Policy build() {
      if (trustRoot == null) {
        throw new IllegalStateException(
            "a policy needs a trust root: TrustRoot.fromJson(path) or TrustRoot.sigstorePublicGood()");
      }
      if (identities.isEmpty() && keys.isEmpty() && certificateRoots.isEmpty()) {
        throw new IllegalStateException(
            "a policy must allow at least one identity, key or certificate root; a policy that"
                + " accepts anyone does not exist");
      }
      if (mode == EnforcementMode.AUDIT) {
        LOG.warn("policy built in AUDIT mode: policy violations will be logged, not enforced");
      }
      return new Policy(this);
    }
  }
}
