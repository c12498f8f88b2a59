package dev.modelseal.internal.trust;

import dev.modelseal.internal.Bytes;
import java.util.List;
import java.util.Optional;

/** The parsed content of a {@code trusted_root.json}: what a verifier trusts, with validity windows. */
public record TrustedRootData(
    List<LogKey> tlogs, List<LogKey> ctlogs, List<Authority> certificateAuthorities,
    List<Authority> timestampAuthorities) {

  public TrustedRootData {
    tlogs = List.copyOf(tlogs);
    ctlogs = List.copyOf(ctlogs);
    certificateAuthorities = List.copyOf(certificateAuthorities);
    timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  public Optional<LogKey> tlog(Bytes keyId) {
    return tlogs.stream().filter(l -> l.keyId().equals(keyId)).findFirst();
  }

  public Optional<LogKey> ctlog(Bytes keyId) {
    return ctlogs.stream().filter(l -> l.keyId().equals(keyId)).findFirst();
  }
}
