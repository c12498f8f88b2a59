package dev.modelseal.internal.trust;

import dev.modelseal.internal.Bytes;
import java.security.PublicKey;

/** A transparency log's (Rekor or CT) key as listed in the trusted root. */
public record LogKey(String baseUrl, Bytes keyId, PublicKey key, ValidFor validFor) {}
