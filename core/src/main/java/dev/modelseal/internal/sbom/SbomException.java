package dev.modelseal.internal.sbom;

import java.util.Objects;

/**
 * Thrown when input is not a usable CycloneDX BOM (malformed, over a limit, of an unsupported
 * version, or schema-invalid); the message says what is wrong and where, the {@link Reason} says
 * which check failed.
 */
public final class SbomException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Which check rejected the input. */
  public enum Reason {
    /** Not a single well-formed JSON object (syntax error, duplicate key, trailing content). */
    MALFORMED_JSON,
    /** Larger than {@link SbomLimits#maxBytes()}. */
    TOO_LARGE,
    /** Nested deeper than {@link SbomLimits#maxDepth()}. */
    TOO_DEEP,
    /** More components and services than {@link SbomLimits#maxComponents()}. */
    TOO_MANY_COMPONENTS,
    /** specVersion missing, unknown, or without a JSON schema (below 1.2). */
    UNSUPPORTED_SPEC_VERSION,
    /** Violates the JSON schema of the declared specVersion. */
    SCHEMA_INVALID,
    /** Schema-valid, yet cyclonedx-core-java could not bind it to its model. */
    UNPARSEABLE
  }

  private final Reason reason;

  SbomException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  SbomException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns which check rejected the input. */
  public Reason reason() {
    return reason;
  }
}
