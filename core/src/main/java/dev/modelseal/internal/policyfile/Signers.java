package dev.modelseal.internal.policyfile;

import dev.modelseal.Identity;
import dev.modelseal.Policy;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signers a policy file allows, in the order written and without duplicates: certificate
 * identities (issuer pinned) and public keys (compared by their encoded SubjectPublicKeyInfo).
 */
final class Signers {
  private final Set<Identity> identities = new LinkedHashSet<>();
  private final Map<String, PublicKey> keys = new LinkedHashMap<>();

  void add(Identity identity) {
    identities.add(identity);
  }

  void add(PublicKey key) {
    keys.putIfAbsent(Base64.getEncoder().encodeToString(key.getEncoded()), key);
  }

  void addAll(Signers other) {
    identities.addAll(other.identities);
    other.keys.forEach(keys::putIfAbsent);
  }

  boolean isEmpty() {
    return identities.isEmpty() && keys.isEmpty();
  }

  /** Every signer here that {@code allowed} does not hold, described for a message. */
  List<String> notIn(Signers allowed) {
    List<String> missing = new ArrayList<>();
    for (Identity id : identities) {
      if (!allowed.identities.contains(id)) {
        missing.add("identity " + id);
      }
    }
    for (String encoded : keys.keySet()) {
      if (!allowed.keys.containsKey(encoded)) {
        missing.add("a public key");
      }
    }
    return missing;
  }

  List<Identity> identities() {
    return List.copyOf(identities);
  }

  List<PublicKey> keys() {
    return List.copyOf(keys.values());
  }

  /** True when both allow exactly the same signers. */
  boolean sameAs(Signers other) {
    return identities.equals(other.identities) && keys.keySet().equals(other.keys.keySet());
  }

  /** Adds every signer to {@code policy}. */
  void applyTo(Policy.Builder policy) {
    identities.forEach(policy::allowIdentity);
    keys.values().forEach(policy::allowKey);
  }
}
