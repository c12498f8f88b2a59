package dev.modelseal.internal.delivery;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.dsse.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * One evidence file of a delivery unit: what it is for and what it holds, parsed but not verified.
 * The role travels with the evidence, so no step recovers it from a position in a list. The in-toto
 * statement of a DSSE envelope is parsed once, on first use, and that one parse (or its refusal) is
 * what every later step sees: the hash selection before the model is read, and the verifier after
 * the signature is checked. An instance belongs to one verification and is not shared.
 */
public final class Evidence {
  /** What the evidence is for in a delivery unit. */
  public enum Role {
    /** A signature over the model file (message signature or DSSE). */
    SIGNATURE,
    /** An attestation about the model: an in-toto statement with a predicate. */
    ATTESTATION,
    /** A CycloneDX ML-BOM attestation about the model. */
    SBOM,
    /** An OpenSSF Model Signing signature ({@code model.sig}): a signed manifest of files. */
    MANIFEST
  }

  private final Role role;
  private final SignedEvidence signed;
  private Statement statement;
  private ModelVerificationException statementFailure;

  public Evidence(Role role, SignedEvidence signed) {
    this(role, signed, null);
  }

  /** With its statement already parsed (once, when the file was read to learn its role). */
  Evidence(Role role, SignedEvidence signed, Statement statement) {
    this.role = Objects.requireNonNull(role, "role");
    this.signed = Objects.requireNonNull(signed, "signed");
    this.statement = statement;
  }

  public Role role() {
    return role;
  }

  public SignedEvidence signed() {
    return signed;
  }

  /** The file the evidence was read from. */
  public String source() {
    return signed.source();
  }

  /**
   * The in-toto statement of a DSSE envelope, parsed on first call; empty for a message signature.
   * A statement that does not parse throws the same refusal every time.
   */
  public Optional<Statement> statement() throws ModelVerificationException {
    if (!(signed.content() instanceof DsseEnvelope env)) {
      return Optional.empty();
    }
    if (statementFailure != null) {
      throw statementFailure;
    }
    if (statement == null) {
      try {
        statement = Statement.parse(env.payloadType(), env.payload().toArray(), signed.source());
      } catch (ModelVerificationException e) {
        statementFailure = e;
        throw e;
      }
    }
    return Optional.of(statement);
  }

  @Override
  public String toString() {
    return role + " " + signed.source();
  }
}
