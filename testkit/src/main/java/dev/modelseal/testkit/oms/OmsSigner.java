package dev.modelseal.testkit.oms;

import dev.modelseal.testkit.KeylessSigner;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Signs a model_signing statement: writes a Sigstore bundle v0.3 whose DSSE envelope ({@code
 * application/vnd.in-toto+json}) carries the statement's UTF-8 bytes as given. Implemented by
 * {@link OmsKeySigner} (method {@code key}), {@link OmsCertificateSigner} ({@code certificate})
 * and {@link #keyless(KeylessSigner)} ({@code sigstore}); tests may plug in their own.
 */
@FunctionalInterface
public interface OmsSigner {
  /** Signs {@code statementJson}, writes the bundle to {@code out} (creating parents) and returns {@code out}. */
  Path sign(String statementJson, Path out);

  /**
   * Returns the {@code sigstore} method through a {@link dev.modelseal.testkit.FakeSigstore}: a
   * Fulcio certificate for the signer's identity and issuer, a Rekor {@code dsse 0.0.1} entry and,
   * if the signer was made {@link KeylessSigner#withTimestamp with a timestamp}, an RFC 3161
   * timestamp, as {@link KeylessSigner#attestStatement} writes them.
   */
  static OmsSigner keyless(KeylessSigner signer) {
    Objects.requireNonNull(signer, "signer");
    return signer::attestStatement;
  }
}
