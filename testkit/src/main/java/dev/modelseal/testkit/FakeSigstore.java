package dev.modelseal.testkit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An in-process fake Sigstore (Fulcio root and intermediate CA, CT log, Rekor v1 log, RFC 3161
 * TSA) whose evidence (signatures, DSSE attestations, whole delivery units) is real-format and
 * verifies, with independent verifiers too, against the trusted root this instance writes, and
 * against no other.
 *
 * <p>Every instance generates its own keys in memory; nothing is global and nothing touches the
 * network. Instances are thread-safe. Trust in the trusted root starts a year before creation (by
 * the given clock) and lasts ten years, so a clock moved within that window still signs valid
 * evidence.
 */
public final class FakeSigstore {
  private static final Duration TRUST_BEFORE_CREATION = Duration.ofDays(365);
  private static final Duration TRUST_AFTER_CREATION = Duration.ofDays(3650);

  private final Clock clock;
  private final Instant validFrom;
  private final Instant validUntil;
  private final FulcioCa fulcio;
  private final CtLog ctLog = new CtLog();
  private final RekorLog rekor;
  private final TimestampAuthority tsa;
  private final String trustedRootJson;

  private FakeSigstore(Clock clock, RekorLog rekor) {
    this.clock = clock;
    this.rekor = rekor;
    Instant now = clock.instant();
    this.validFrom = now.minus(TRUST_BEFORE_CREATION);
    this.validUntil = now.plus(TRUST_AFTER_CREATION);
    this.fulcio = FulcioCa.create("modelseal-fulcio", validFrom, validUntil);
    this.tsa = TimestampAuthority.create(validFrom, validUntil);
    this.trustedRootJson = TrustedRoot.json(fulcio, ctLog, rekor, tsa, validFrom);
  }

  /** Returns a fake Sigstore with fresh keys and CAs that timestamps with the system clock. */
  public static FakeSigstore create() {
    return create(Clock.systemUTC());
  }

  /** Returns a fake Sigstore with fresh keys and CAs whose certificates, log entries and timestamps follow {@code clock}. */
  public static FakeSigstore create(Clock clock) {
    return new FakeSigstore(Objects.requireNonNull(clock, "clock"), RekorLog.create());
  }

  /**
   * Returns a fake Sigstore like {@link #create(Clock)} whose Rekor log is new and empty, as every
   * new log, shard and private deployment starts: the first entry it logs has index 0 and an
   * inclusion proof without hashes (a tree of size 1). Protobuf JSON writers leave such zero values
   * out of bundles, so this is how to test that a verifier reads them as defaults.
   */
  public static FakeSigstore createWithEmptyLog(Clock clock) {
    return new FakeSigstore(Objects.requireNonNull(clock, "clock"), RekorLog.createEmpty());
  }

  /**
   * Returns the trusted root ({@code application/vnd.dev.sigstore.trustedroot+json;version=0.1})
   * listing this instance's CA, CT log, Rekor log and TSA.
   */
  public String trustedRootJson() {
    return trustedRootJson;
  }

  /** Writes {@link #trustedRootJson()} to {@code file} and returns {@code file}. */
  public Path writeTrustedRoot(Path file) {
    return OutputFile.write(file, trustedRootJson);
  }

  /**
   * Returns a keyless signer for {@code identity} (an e-mail SAN if it contains '@' and has no URI
   * scheme, a URI SAN otherwise) vouched for by OIDC issuer {@code issuer}. Several identities
   * separated by spaces give a certificate with one SAN for each, which Fulcio never issues: for
   * tests that a verifier refuses it.
   */
  public KeylessSigner signer(String identity, String issuer) {
    return new KeylessSigner(this, requireText(identity, "identity"), requireText(issuer, "issuer"));
  }

  /** Returns a signer with a fresh EC P-256 key pair whose signatures are logged in this Rekor. */
  public KeySigner keySigner() {
    return new KeySigner(this);
  }

  /**
   * Writes {@code dir/model.bin}, {@code dir/model.bin.sigstore.json} and {@code
   * dir/trusted_root.json}, with evidence that is valid except for {@code tamper}.
   */
  public Fixture fixture(Path dir, Tamper tamper) {
    return FixtureFactory.write(this, Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(tamper, "tamper"));
  }

  /**
   * Returns a builder that writes a model delivery unit (model, signature, attestation, SBOM
   * attestation, metadata.json, trusted root) signed by this instance; see {@link DeliveryUnit}.
   */
  public DeliveryUnit.Builder deliveryUnit() {
    return DeliveryUnit.builder(this);
  }

  Clock clock() {
    return clock;
  }

  FulcioCa fulcio() {
    return fulcio;
  }

  CtLog ctLog() {
    return ctLog;
  }

  RekorLog rekor() {
    return rekor;
  }

  TimestampAuthority tsa() {
    return tsa;
  }

  /** Returns a new CA, valid as long as the trusted one, that the trusted root does not list. */
  FulcioCa untrustedCa() {
    return FulcioCa.create("modelseal-untrusted", validFrom, validUntil);
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
