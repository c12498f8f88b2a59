package dev.modelseal.internal.bundle;

/** The evidence formats the verifier accepts, each with its own structural rules. */
public enum BundleFormat {
  SIGSTORE_V01("application/vnd.dev.sigstore.bundle+json;version=0.1"),
  SIGSTORE_V02("application/vnd.dev.sigstore.bundle+json;version=0.2"),
  SIGSTORE_V03("application/vnd.dev.sigstore.bundle+json;version=0.3"),
  /** The v0.3 media type spelled the newer way; same rules as {@link #SIGSTORE_V03}. */
  SIGSTORE_V03_NEW("application/vnd.dev.sigstore.bundle.v0.3+json"),
  /** What {@code cosign sign-blob --bundle} writes in cosign 2.x. */
  LEGACY_COSIGN("cosign legacy bundle");

  private final String mediaType;

  BundleFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** v0.1 bundles may rely on the inclusion promise alone; later ones need an inclusion proof. */
  public boolean requiresInclusionProof() {
    return this == SIGSTORE_V02 || this == SIGSTORE_V03 || this == SIGSTORE_V03_NEW;
  }

  public boolean isV03() {
    return this == SIGSTORE_V03 || this == SIGSTORE_V03_NEW;
  }

  /** The Sigstore bundle format for a media type, or null when unknown. */
  public static BundleFormat ofMediaType(String mediaType) {
    for (BundleFormat f : values()) {
      if (f != LEGACY_COSIGN && f.mediaType.equals(mediaType)) {
        return f;
      }
    }
    return null;
  }
}
