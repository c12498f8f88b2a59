package dev.modelseal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.bundle.BundleParser;
import dev.modelseal.internal.bundle.SignedEvidence;
import dev.modelseal.internal.bundle.SignedEvidence.CertificateChain;
import dev.modelseal.internal.bundle.SignedEvidence.TlogEntry;
import dev.modelseal.internal.tlog.Checkpoint;
import dev.modelseal.internal.tlog.EntryBody;
import dev.modelseal.internal.trust.LogKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Rekor entry bodies ({@link EntryBody}) and signed-note checkpoints ({@link Checkpoint}). */
class TlogFuzzTest {
  // Built when the class loads, before the fuzzer starts timing inputs.
  private static final FuzzFixtures FIXTURES = FuzzFixtures.get();
  private static final List<Case> CASES = cases();

  /** A real entry and what its body must match; the fuzzed body replaces the real one. */
  private record Case(TlogEntry entry, EntryBody.Expected expected) {}

  private static List<Case> cases() {
    Map<String, Bytes> digests = Map.of("SHA-256", Bytes.fromHex(FIXTURES.unit.modelSha256Hex()));
    return List.of(
        caseOf(FIXTURES.unit.signature().orElseThrow(), digests),
        caseOf(FIXTURES.unit.attestation().orElseThrow(), digests));
  }

  private static Case caseOf(Path bundle, Map<String, Bytes> digests) {
    try {
      SignedEvidence ev = BundleParser.parse(bundle);
      byte[] leaf = ((CertificateChain) ev.material()).leaf().getEncoded();
      return new Case(ev.tlogEntries().get(0),
          new EntryBody.Expected(Bytes.wrap(leaf), true, ev.content(), digests));
    } catch (ModelVerificationException | CertificateEncodingException e) {
      throw new IllegalStateException("the testkit's own bundle does not parse", e);
    }
  }

  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void entryBody(byte[] body) {
    for (Case c : CASES) {
      TlogEntry e = c.entry();
      TlogEntry fuzzed = new TlogEntry(e.logIndex(), e.logId(), e.kind(), e.version(),
          e.integratedTime(), e.signedEntryTimestamp(), e.inclusionProof(), Bytes.wrap(body));
      try {
        EntryBody.check(fuzzed, c.expected(), "fuzz");
      } catch (ModelVerificationException expected) {
        // the documented refusal
      }
    }
  }

  /** {@link Checkpoint#parse} documents {@link IllegalArgumentException} for a malformed note. */
  @FuzzTest
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void checkpoint(byte[] utf8) {
    String note = new String(utf8, StandardCharsets.UTF_8);
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(note);
    } catch (IllegalArgumentException expected) {
      return;
    }
    for (LogKey log : FIXTURES.root.tlogs()) {
      checkpoint.signedBy(log);
    }
  }
}
