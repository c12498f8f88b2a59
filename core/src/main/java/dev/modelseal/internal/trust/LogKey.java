package dev.modelseal.internal.trust;

import dev.modelseal.internal.Bytes;
import java.security.PublicKey;

/** A transparency log's (Rekor or CT) key as listed in the trusted root. */
public record LogKey(String baseUrl, Bytes keyId, PublicKey key, ValidFor validFor) {
  /** The host of {@code baseUrl}: the name a Rekor checkpoint is signed under. */
  public String host() {
    try {
      String h = java.net.URI.create(baseUrl).getHost();
      return h == null ? baseUrl : h;
    } catch (IllegalArgumentException e) {
      return baseUrl;
    }
  }
}
