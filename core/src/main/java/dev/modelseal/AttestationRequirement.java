package dev.modelseal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.policy.ConditionBlock;
import dev.modelseal.internal.policy.Conditions;
import dev.modelseal.internal.x509.PublicKeys;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * An attestation the policy requires: its predicate type (a URI or a cosign short name such as
 * {@code custom}, {@code cyclonedx}, {@code slsaprovenance1}) and Kyverno-style conditions on its
 * predicate. Every verified attestation of that type must satisfy every condition, and at least
 * one must exist.
 *
 * <p>By default any signer the policy allows may sign it. {@link #signedBy} narrows that to the
 * attestation's own signers (Kyverno's {@code attestations[].attestors}): an attestation of this
 * type by anyone else is not counted, and if no attestation of the type is left the requirement
 * fails with {@link Reason#IDENTITY_MISMATCH} (or {@link Reason#KEY_MISMATCH} for keys).
 */
public final class AttestationRequirement {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String predicateType;
  private final List<ConditionBlock> conditions;
  private final JsonNode conditionsJson;
  private final List<Identity> identities;
  private final List<PublicKey> keys;

  private AttestationRequirement(String predicateType, JsonNode conditionsJson) {
    this(predicateType, conditionsJson, List.of(), List.of());
  }

  private AttestationRequirement(String predicateType, JsonNode conditionsJson, List<Identity> identities,
      List<PublicKey> keys) {
    this.predicateType = predicateType;
    this.conditionsJson = conditionsJson;
    this.conditions = Conditions.parse(conditionsJson);
    this.identities = List.copyOf(identities);
    this.keys = List.copyOf(keys);
  }

  /**
   * This requirement, met only by attestations signed by one of {@code identities} or {@code
   * keys}. Each must also be allowed by the policy (its identities or keys), which verifies every
   * signature first; this only narrows who may sign this type. Both empty means any signer the
   * policy allows.
   */
  public AttestationRequirement signedBy(List<Identity> identities, List<PublicKey> keys) {
    for (PublicKey key : Objects.requireNonNull(keys, "keys")) {
      if (PublicKeys.hashFor(Objects.requireNonNull(key, "key")) == null) {
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm() + "; use EC or RSA");
      }
    }
    Objects.requireNonNull(identities, "identities").forEach(id -> Objects.requireNonNull(id, "identity"));
    return new AttestationRequirement(predicateType, conditionsJson, identities, keys);
  }

  /** The identities this attestation's own signers may have; empty when not narrowed. */
  public List<Identity> identities() {
    return identities;
  }

  /** The keys this attestation's own signers may use; empty when not narrowed. */
  public List<PublicKey> keys() {
    return keys;
  }

  /** True when {@code signer} may sign this attestation. */
  boolean allows(Signer signer) {
    if (identities.isEmpty() && keys.isEmpty()) {
      return true;
    }
    if (signer.isKeyless()) {
      return identities.stream().anyMatch(id -> id.matches(List.of(signer.subject()), signer.issuer()));
    }
    return keys.stream().anyMatch(k -> PublicKeys.keyId(k).equals(signer.keyId()));
  }

  /** Requires an attestation of this type, with no conditions on its predicate. */
  public static AttestationRequirement of(String predicateTypeOrAlias) {
    return builder(predicateTypeOrAlias).build();
  }

  /**
   * Requires an attestation of this type whose predicate satisfies {@code kyvernoConditions}: the
   * JSON array a Kyverno policy has under {@code attestations[].conditions}.
   */
  public static AttestationRequirement of(String predicateTypeOrAlias, JsonNode kyvernoConditions) {
    Objects.requireNonNull(kyvernoConditions, "kyvernoConditions");
    if (!kyvernoConditions.isArray()) {
      throw new IllegalArgumentException("conditions must be a JSON array of {all|any} blocks");
    }
    return new AttestationRequirement(Predicates.resolveType(predicateTypeOrAlias), kyvernoConditions.deepCopy());
  }

  public static Builder builder(String predicateTypeOrAlias) {
    return new Builder(Predicates.resolveType(Objects.requireNonNull(predicateTypeOrAlias, "predicateType")));
  }

  /** The predicate type URI. */
  public String predicateType() {
    return predicateType;
  }

  /** The conditions as Kyverno writes them (a JSON array of blocks). */
  public String conditionsJson() {
    return conditionsJson.toString();
  }

  List<ConditionBlock> conditions() {
    return conditions;
  }

  @Override
  public String toString() {
    return predicateType + (conditions.isEmpty() ? "" : " with " + conditionsJson)
        + (identities.isEmpty() && keys.isEmpty() ? "" : " signed by " + signersText());
  }

  String signersText() {
    List<String> all = new java.util.ArrayList<>();
    identities.forEach(id -> all.add(id.toString()));
    keys.forEach(k -> all.add("key sha256:" + PublicKeys.keyId(k)));
    return String.join(" or ", all);
  }

  /** Builds a requirement whose conditions all must hold (one Kyverno {@code all} block). */
  public static final class Builder {
    private final String predicateType;
    private final ArrayNode all = JSON.createArrayNode();

    private Builder(String predicateType) {
      this.predicateType = predicateType;
    }

    /**
     * Adds a condition: {@code key} is usually {@code "{{ eval.accuracy }}"} (JMESPath over the
     * predicate), {@code operator} a Kyverno operator such as {@code GreaterThanOrEquals}.
     */
    public Builder condition(String key, String operator, Object value) {
      ObjectNode c = all.addObject();
      c.put("key", Objects.requireNonNull(key, "key"));
      c.put("operator", Objects.requireNonNull(operator, "operator"));
      c.set("value", JSON.valueToTree(value));
      return this;
    }

    /** Validates the conditions (operators, expressions) and builds. */
    public AttestationRequirement build() {
      ArrayNode blocks = JSON.createArrayNode();
      if (!all.isEmpty()) {
        blocks.addObject().set("all", all.deepCopy());
      }
      return new AttestationRequirement(predicateType, blocks);
    }
  }
}
