package dev.modelseal.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Kyverno condition operators ModelSeal supports, matched by name case-insensitively as Kyverno's
 * engine does (pkg/engine/variables/operator/operator.go {@code CreateOperatorHandler}).
 *
 * <p>The accepted names are those of Kyverno's CRD enum (api/kyverno/v1/common_types.go) without the
 * deprecated {@code Duration*} operators, whose job the numeric operators now do. The engine-only
 * aliases {@code Equal}/{@code NotEqual}, which the CRD rejects, are rejected too.
 */
enum Operator {
  EQUALS("Equals"),
  NOT_EQUALS("NotEquals"),
  IN("In"),
  ANY_IN("AnyIn"),
  ALL_IN("AllIn"),
  NOT_IN("NotIn"),
  ANY_NOT_IN("AnyNotIn"),
  ALL_NOT_IN("AllNotIn"),
  GREATER_THAN("GreaterThan"),
  GREATER_THAN_OR_EQUALS("GreaterThanOrEquals"),
  LESS_THAN("LessThan"),
  LESS_THAN_OR_EQUALS("LessThanOrEquals");

  private static final String VALID_NAMES = Arrays.stream(values())
      .map(Operator::displayName).collect(Collectors.joining(", "));

  private final String displayName;

  Operator(String displayName) {
    this.displayName = displayName;
  }

  /** Returns the canonical name, as Kyverno's documentation spells it. */
  String displayName() {
    return displayName;
  }

  /**
   * Finds an operator by name, ignoring case.
   *
   * @throws IllegalArgumentException for an unknown, deprecated or alias name, listing the valid
   *     names and, for a deprecated or alias name, naming its replacement
   */
  static Operator named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Operator op : values()) {
      if (op.displayName.toLowerCase(Locale.ROOT).equals(lower)) {
        return op;
      }
    }
    if (lower.equals("equal") || lower.equals("notequal")) {
      throw new IllegalArgumentException("operator '" + name + "' is an engine-only alias that "
          + "Kyverno's policy schema rejects; use " + name + "s. Valid operators "
          + "(case-insensitive): " + VALID_NAMES);
    }
    if (lower.startsWith("duration")) {
      throw new IllegalArgumentException("operator '" + name + "' is deprecated in Kyverno and not "
          + "supported; use " + name.substring("duration".length())
          + ", which also compares durations. Valid operators (case-insensitive): " + VALID_NAMES);
    }
    throw new IllegalArgumentException("unknown operator '" + name
        + "'. Valid operators (case-insensitive): " + VALID_NAMES);
  }

  /** Applies the operator to a resolved key and value. */
  Outcome apply(JsonNode key, JsonNode value) {
    return switch (this) {
      case EQUALS -> Equality.equalsOutcome(key, value);
      case NOT_EQUALS -> Equality.notEqualsOutcome(key, value);
      case GREATER_THAN, GREATER_THAN_OR_EQUALS, LESS_THAN, LESS_THAN_OR_EQUALS ->
          NumericComparison.compare(this, key, value);
      default -> Membership.test(this, key, value);
    };
  }

  /** Returns whether a comparison result ({@code key <=> value}) satisfies this numeric operator. */
  boolean accepts(int comparison) {
    return switch (this) {
      case GREATER_THAN -> comparison > 0;
      case GREATER_THAN_OR_EQUALS -> comparison >= 0;
      case LESS_THAN -> comparison < 0;
      case LESS_THAN_OR_EQUALS -> comparison <= 0;
      default -> throw new IllegalStateException(displayName + " is not a numeric operator");
    };
  }

  /** Returns whether this is one of GreaterThan, GreaterThanOrEquals, LessThan, LessThanOrEquals. */
  boolean isNumeric() {
    return this == GREATER_THAN || this == GREATER_THAN_OR_EQUALS
        || this == LESS_THAN || this == LESS_THAN_OR_EQUALS;
  }

  /** Returns whether this is one of the In family. */
  boolean isMembership() {
    return this != EQUALS && this != NOT_EQUALS && !isNumeric();
  }

  /** Returns whether this operator passes when its key is NOT found among the values. */
  boolean isNegated() {
    return this == NOT_IN || this == ANY_NOT_IN || this == ALL_NOT_IN;
  }

  /** Returns whether this is a deprecated In/NotIn, which match exactly and need string lists. */
  boolean isLegacyMembership() {
    return this == IN || this == NOT_IN;
  }
}
