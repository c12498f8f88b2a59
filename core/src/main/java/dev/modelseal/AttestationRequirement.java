package dev.modelseal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.policy.ConditionBlock;
import dev.modelseal.internal.policy.Conditions;
import java.util.List;
import java.util.Objects;

/**
 * An attestation the policy requires: its predicate type (a URI or a cosign short name such as
 * {@code custom}, {@code cyclonedx}, {@code slsaprovenance1}) and Kyverno-style conditions on its
 * predicate. Every verified attestation of that type must satisfy every condition, and at least
 * one must exist.
 */
public final class AttestationRequirement {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String predicateType;
  private final List<ConditionBlock> conditions;
  private final JsonNode conditionsJson;

  private AttestationRequirement(String predicateType, JsonNode conditionsJson) {
    this.predicateType = predicateType;
    this.conditionsJson = conditionsJson;
    this.conditions = Conditions.parse(conditionsJson);
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
    return predicateType + (conditions.isEmpty() ? "" : " with " + conditionsJson);
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
