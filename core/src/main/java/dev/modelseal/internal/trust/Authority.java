package dev.modelseal.internal.trust;

import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate or timestamp authority: its chain (leaf or intermediate first, root last). */
public record Authority(String uri, List<X509Certificate> chain, ValidFor validFor) {
  public Authority {
    chain = List.copyOf(chain);
  }

  public X509Certificate root() {
    return chain.get(chain.size() - 1);
  }
}
