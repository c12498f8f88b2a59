package dev.modelseal.internal.bundle;

import dev.modelseal.internal.Bytes;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One internal representation of "signed content + verification material", whatever format it was
 * read from. Produced by the parsers from untrusted input; nothing in it has been verified.
 */
public record SignedEvidence(
    String source,
    BundleFormat format,
    Material material,
    List<TlogEntry> tlogEntries,
    List<Bytes> rfc3161Timestamps,
    Content content) {

  public SignedEvidence {
    tlogEntries = List.copyOf(tlogEntries);
    rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
  }

  /** How the signer's key is conveyed. */
  public sealed interface Material permits CertificateChain, KeyHint, EmbeddedKey {}

  /** A certificate (leaf first, possibly followed by intermediates). */
  public record CertificateChain(List<X509Certificate> certificates) implements Material {
    public CertificateChain {
      certificates = List.copyOf(certificates);
    }

    public X509Certificate leaf() {
      return certificates.get(0);
    }
  }

  /** A key the verifier must already know ({@code publicKey.hint} in a Sigstore bundle). */
  public record KeyHint(String hint) implements Material {}

  /** A public key carried by the evidence itself (legacy cosign); only trusted if the policy pins it. */
  public record EmbeddedKey(PublicKey key) implements Material {}

  /** What was signed. */
  public sealed interface Content permits MessageSignature, DsseEnvelope {}

  /** A signature over the artifact itself; {@code digest} is the bundle's claim (may be null). */
  public record MessageSignature(String digestAlgorithm, Bytes digest, Bytes signature)
      implements Content {}

  /** A DSSE envelope with one or more signatures over PAE(payloadType, payload). */
  public record DsseEnvelope(String payloadType, Bytes payload, List<Bytes> signatures)
      implements Content {
    public DsseEnvelope {
      signatures = List.copyOf(signatures);
    }
  }

  /**
   * A transparency log entry; {@code integratedTime} is 0 where the log has none (Rekor v2), as in
   * protobuf, where 0 is the default and cannot be told apart from an omitted time.
   */
  public record TlogEntry(
      long logIndex,
      Bytes logId,
      String kind,
      String version,
      long integratedTime,
      Bytes signedEntryTimestamp,
      InclusionProof inclusionProof,
      Bytes canonicalizedBody) {}

  /** An RFC 6962 inclusion proof and the checkpoint (signed note) it leads to. */
  public record InclusionProof(
      long logIndex, Bytes rootHash, long treeSize, List<Bytes> hashes, String checkpoint) {
    public InclusionProof {
      hashes = List.copyOf(hashes);
    }
  }
}
