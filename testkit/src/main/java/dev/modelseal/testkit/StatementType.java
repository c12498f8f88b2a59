package dev.modelseal.testkit;

/** The in-toto Statement versions ({@code _type}) an attestation can be written with. */
public enum StatementType {
  /** {@code https://in-toto.io/Statement/v1}: current tools (sigstore-python, model_signing, cosign 3). */
  V1("https://in-toto.io/Statement/v1"),
  /** {@code https://in-toto.io/Statement/v0.1}: what {@code cosign attest-blob} 2.x writes. */
  V0_1("https://in-toto.io/Statement/v0.1");

  private final String uri;

  StatementType(String uri) {
    this.uri = uri;
  }

  /** Returns the value of the statement's {@code _type} field. */
  public String uri() {
    return uri;
  }
}
