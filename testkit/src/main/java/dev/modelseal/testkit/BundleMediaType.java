package dev.modelseal.testkit;

import java.util.Set;

/** The Sigstore bundle media types the testkit can write, as protobuf-specs names them. */
public final class BundleMediaType {
  /** Bundle v0.1: leaf in {@code x509CertificateChain}; verifiers may rely on the SET alone. */
  public static final String V0_1 = "application/vnd.dev.sigstore.bundle+json;version=0.1";
  /** Bundle v0.2: leaf in {@code x509CertificateChain}; an inclusion proof is required. */
  public static final String V0_2 = "application/vnd.dev.sigstore.bundle+json;version=0.2";
  /** Bundle v0.3 with the old-style media type: a single {@code certificate}. */
  public static final String V0_3 = "application/vnd.dev.sigstore.bundle+json;version=0.3";
  /** Bundle v0.3 with the current media type; the default. */
  public static final String V0_3_NEW = "application/vnd.dev.sigstore.bundle.v0.3+json";

  static final Set<String> ALL = Set.of(V0_1, V0_2, V0_3, V0_3_NEW);

  private BundleMediaType() {}

  /** Whether the bundle carries the leaf as a single {@code certificate} (v0.3) rather than a chain. */
  static boolean usesSingleCertificate(String mediaType) {
    return mediaType.equals(V0_3) || mediaType.equals(V0_3_NEW);
  }
}
