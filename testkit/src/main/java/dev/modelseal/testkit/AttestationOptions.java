package dev.modelseal.testkit;

import java.util.Optional;

/**
 * A signer's attestation settings; what is unset follows the format being written, as the tool
 * that writes that format does: Sigstore bundles get Statement v1 and {@code dsse 0.0.1}, legacy
 * cosign bundles get Statement v0.1 and {@code intoto 0.0.2} ({@code cosign attest-blob} 2.x).
 */
record AttestationOptions(Optional<StatementType> statementType, Optional<AttestationEntryKind> entryKind) {
  static final AttestationOptions DEFAULTS = new AttestationOptions(Optional.empty(), Optional.empty());

  AttestationOptions withStatementType(StatementType type) {
    return new AttestationOptions(Optional.of(type), entryKind);
  }

  AttestationOptions withEntryKind(AttestationEntryKind kind) {
    return new AttestationOptions(statementType, Optional.of(kind));
  }

  StatementType statementTypeForBundle() {
    return statementType.orElse(StatementType.V1);
  }

  AttestationEntryKind entryKindForBundle() {
    return entryKind.orElse(AttestationEntryKind.DSSE);
  }

  StatementType statementTypeForLegacy() {
    return statementType.orElse(StatementType.V0_1);
  }

  AttestationEntryKind entryKindForLegacy() {
    return entryKind.orElse(AttestationEntryKind.INTOTO);
  }

  /** Returns the Rekor body that logs a DSSE envelope as {@code kind}. */
  static byte[] body(AttestationEntryKind kind, String payloadType, byte[] payload, byte[] signature, String verifierPem) {
    return switch (kind) {
      case DSSE -> DsseRekord.body(Dsse.envelopeJson(payloadType, payload, signature), payload, signature, verifierPem);
      case INTOTO -> IntotoRekord.body(payloadType, payload, signature, verifierPem, false);
      case INTOTO_WITH_PAYLOAD -> IntotoRekord.body(payloadType, payload, signature, verifierPem, true);
    };
  }
}
