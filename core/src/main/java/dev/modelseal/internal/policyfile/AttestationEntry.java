package dev.modelseal.internal.policyfile;

import dev.modelseal.AttestationRequirement;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.policy.Conditions;

/**
 * Reads one required attestation, {@code {type | predicateType, conditions}}, the same way in
 * both policy formats: the type is a URI or a cosign short name, the conditions are Kyverno's
 * {@code conditions} list, validated here so that an error names its field path.
 */
final class AttestationEntry {
  private AttestationEntry() {}

  /**
   * The requirement {@code attestation} describes. Both {@code type} and {@code predicateType} are
   * accepted (Kyverno renamed one to the other); when both are given they must name the same type.
   */
  static AttestationRequirement read(PolicyNode attestation) throws ModelVerificationException {
    PolicyNode type = attestation.opt("type");
    PolicyNode predicateType = attestation.opt("predicateType");
    if (type == null && predicateType == null) {
      throw attestation.error("missing 'type' (the predicate type URI or a cosign short name such as"
          + " custom; 'predicateType' is accepted too)");
    }
    String resolved = type != null ? resolve(type) : resolve(predicateType);
    if (type != null && predicateType != null && !resolve(predicateType).equals(resolved)) {
      throw attestation.error("'type' (" + type.text() + ") and 'predicateType' ("
          + predicateType.text() + ") name different predicate types; give one of them");
    }
    PolicyNode conditions = attestation.opt("conditions");
    if (conditions == null) {
      return AttestationRequirement.of(resolved);
    }
    if (!conditions.json().isArray()) {
      throw conditions.error("expected a list of {all, any} blocks, found "
          + PolicyNode.typeName(conditions.json()));
    }
    try {
      Conditions.parse(conditions.json());
      return AttestationRequirement.of(resolved, conditions.json());
    } catch (IllegalArgumentException e) {
      // The parser's messages start with the path below "conditions", e.g. conditions[0].all[1].
      throw attestation.nestedError(e.getMessage());
    }
  }

  private static String resolve(PolicyNode type) throws ModelVerificationException {
    try {
      return Predicates.resolveType(type.text());
    } catch (IllegalArgumentException e) {
      throw type.error(e.getMessage());
    }
  }
}
