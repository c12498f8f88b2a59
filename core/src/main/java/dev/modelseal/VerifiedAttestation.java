package dev.modelseal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A verified in-toto attestation about the model: who signed it, its predicate type and its
 * predicate (unwrapped from cosign's {@code Data} envelope where {@code --type custom} put it).
 */
public final class VerifiedAttestation {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final String predicateType;
  private final JsonNode predicate;
  private final Signer signer;

  VerifiedAttestation(String source, String predicateType, JsonNode predicate, Signer signer) {
    this.source = source;
    this.predicateType = predicateType;
    this.predicate = predicate == null ? null : predicate.deepCopy();
    this.signer = signer;
  }

  /** The bundle file the attestation came from. */
  public String source() {
    return source;
  }

  public String predicateType() {
    return predicateType;
  }

  /** The predicate as JSON text (what conditions were evaluated against). */
  public String predicateJson() {
    try {
      return JSON.writeValueAsString(predicate);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed predicate always serializes", e);
    }
  }

  public Signer signer() {
    return signer;
  }

  JsonNode predicate() {
    return predicate;
  }

  @Override
  public String toString() {
    return predicateType + " by " + signer + " (" + source + ")";
  }
}
