package dev.modelseal;

import dev.modelseal.internal.bundle.BundleParser;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.DsseEnvelope;
import dev.modelseal.internal.bundle.SignedEvidence.EmbeddedKey;
import dev.modelseal.internal.bundle.SignedEvidence.KeyHint;
import dev.modelseal.internal.bundle.SignedEvidence.MessageSignature;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.x509.FulcioCertificate;
import dev.modelseal.internal.x509.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a bundle for display without verifying it. The parse is as strict as verification's (a
 * malformed bundle is refused), but nothing here establishes trust: see {@link BundleSummary}.
 */
public final class BundleInspector {
  private BundleInspector() {}

  /** Summarizes {@code bundle} (Sigstore v0.1–v0.3 or legacy cosign); verifies nothing. */
  public static BundleSummary inspect(Path bundle) throws ModelVerificationException {
    Objects.requireNonNull(bundle, "bundle");
    return FailClosed.run(bundle, Reason.MALFORMED_BUNDLE, () -> summarize(bundle));
  }

  private static BundleSummary summarize(Path bundle) throws ModelVerificationException {
    SignedEvidence ev = BundleParser.parse(bundle);
    X509Certificate leaf = ev.material() instanceof CertificateChain c ? c.leaf() : null;
    Optional<String> keyHint = Optional.empty();
    if (ev.material() instanceof KeyHint h) {
      keyHint = Optional.ofNullable(h.hint());
    } else if (ev.material() instanceof EmbeddedKey k) {
      keyHint = Optional.of("sha256:" + PublicKeys.keyId(k.key()));
    }
    List<BundleSummary.LogEntry> entries = new ArrayList<>();
    for (SignedEvidence.TlogEntry e : ev.tlogEntries()) {
      entries.add(new BundleSummary.LogEntry(e.logIndex(), e.kind() + " " + e.version(), e.logId().base64(),
          e.integratedTime() > 0 ? Optional.of(Instant.ofEpochSecond(e.integratedTime())) : Optional.empty(),
          e.signedEntryTimestamp() != null, e.inclusionProof() != null));
    }
    String content;
    Optional<String> digest = Optional.empty();
    Optional<String> predicateType = Optional.empty();
    Optional<String> statement = Optional.empty();
    List<String> subjects = new ArrayList<>();
    if (ev.content() instanceof MessageSignature ms) {
      content = "message signature";
      if (ms.digest() != null) {
        digest = Optional.of(HashNames.label(ms.digestAlgorithm()) + ":" + ms.digest().hex());
      }
    } else {
      DsseEnvelope env = (DsseEnvelope) ev.content();
      content = "DSSE envelope (" + env.payloadType() + ")";
      Statement s = Statement.parse(env.payloadType(), env.payload().toArray(), ev.source());
      predicateType = Optional.of(s.predicateType());
      statement = Optional.of(new String(env.payload().toArray(), StandardCharsets.UTF_8));
      for (Statement.Subject sub : s.subjects()) {
        StringBuilder line = new StringBuilder(sub.name());
        new TreeMap<>(sub.digest()).forEach((alg, hex) -> line.append(' ').append(HashNames.label(alg)).append(':')
            .append(hex));
        subjects.add(line.toString());
      }
    }
    return new BundleSummary(ev.source(), ev.format().mediaType(),
        leaf == null ? Optional.empty() : FulcioCertificate.subjects(leaf).stream().findFirst(),
        leaf == null ? Optional.empty() : Optional.ofNullable(FulcioCertificate.issuer(leaf)),
        leaf == null ? Optional.empty() : Optional.of(leaf.getNotBefore().toInstant()),
        leaf == null ? Optional.empty() : Optional.of(leaf.getNotAfter().toInstant()),
        keyHint, entries, ev.rfc3161Timestamps().size(), content, digest, predicateType, subjects, statement);
  }
}
