package dev.modelseal;

import dev.modelseal.internal.trust.PublicGoodTrustRoot;
import dev.modelseal.internal.trust.TrustedRootData;
import dev.modelseal.internal.trust.TrustedRootParser;
import dev.modelseal.internal.trust.TufRepository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The keys and certificate authorities a verifier trusts (Fulcio CAs, Rekor and CT logs, timestamp
 * authorities), each with its validity window, read from a Sigstore {@code trusted_root.json}.
 * Loading it never touches the network except through {@link #sigstorePublicGood()}.
 */
public final class TrustRoot {
  private final TrustedRootData data;
  private final String source;

  private TrustRoot(TrustedRootData data, String source) {
    this.data = data;
    this.source = source;
  }

  private static final TrustRoot NONE = new TrustRoot(
      new TrustedRootData(List.of(), List.of(), List.of(), List.of()), "no trust root");

  /**
   * A trust root that trusts no log, certificate authority or timestamp authority: for policies
   * that verify only OpenSSF Model Signing key or certificate signatures, which use none of them.
   * A policy without identities gets it when no trust root is set. A Sigstore bundle verified under
   * it (its log entries need a log key) is refused with {@link Reason#INVALID_TRUST_ROOT}.
   */
  public static TrustRoot none() {
    return NONE;
  }

  /** True for {@link #none()}. */
  public boolean isNone() {
    return this == NONE;
  }

  /** Reads a {@code trusted_root.json} file (offline; also for private Sigstore instances). */
  public static TrustRoot fromJson(Path file) throws ModelVerificationException {
    Objects.requireNonNull(file, "file");
    return FailClosed.run(file, Reason.INVALID_TRUST_ROOT, () -> {
      try (InputStream in = Files.newInputStream(file)) {
        return new TrustRoot(TrustedRootParser.parse(in, file.toString()), file.toString());
      } catch (NoSuchFileException e) {
        throw new ModelVerificationException(
            Reason.INVALID_TRUST_ROOT, file + ": trusted root file not found");
      } catch (IOException e) {
        throw new ModelVerificationException(
            Reason.INVALID_TRUST_ROOT, file + ": cannot read trusted root: " + e, e);
      }
    });
  }

  /** Reads a {@code trusted_root.json} from a stream; {@code source} names it in messages. */
  public static TrustRoot fromJson(InputStream in, String source) throws ModelVerificationException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    return FailClosed.run(source, Reason.INVALID_TRUST_ROOT,
        () -> new TrustRoot(TrustedRootParser.parse(in, source), source));
  }

  /**
   * The Sigstore public-good trust root, refreshed with sigstore-java's TUF client (over the JDK's
   * HTTP client) into {@code ~/.sigstore-java/modelseal}: the only method here that uses the
   * network. Metadata that TUF refuses (expired, rolled back, badly signed) fails with {@link
   * Reason#INVALID_TRUST_ROOT}, as does any failure of the TUF client itself. Only when the
   * repository cannot be reached: the last root TUF verified and cached is used, with a WARN; with
   * none cached, the public-good root shipped in this jar (a dated snapshot), with a WARN naming its
   * date.
   *
   * <p>System properties for tests and private deployments: {@code modelseal.tuf.mirror} (the
   * repository's URL), {@code modelseal.tuf.root} (a private repository's initial {@code
   * root.json}; the shipped snapshot is then never used) and {@code modelseal.tuf.cache} (the cache
   * directory; required with {@code modelseal.tuf.root}).
   */
  public static TrustRoot sigstorePublicGood() throws ModelVerificationException {
    return FailClosed.run("Sigstore public-good trust root", Reason.INVALID_TRUST_ROOT,
        () -> fromTuf(TufRepository.fromSystemProperties(System.getProperties())));
  }

  /** The trust root that {@code repo} distributes, found as {@link #sigstorePublicGood()} describes. */
  static TrustRoot fromTuf(TufRepository repo) throws ModelVerificationException {
    return fromTuf(repo, PublicGoodTrustRoot.tufUpdate(repo));
  }

  static TrustRoot fromTuf(TufRepository repo, PublicGoodTrustRoot.Update update) throws ModelVerificationException {
    PublicGoodTrustRoot.Result r = PublicGoodTrustRoot.load(repo, update);
    return new TrustRoot(
        TrustedRootParser.parse(new ByteArrayInputStream(r.content().toArray()), r.location()), r.description());
  }

  /** Where this trust root came from. */
  public String source() {
    return source;
  }

  TrustedRootData data() {
    return data;
  }

  @Override
  public String toString() {
    return "TrustRoot(" + source + ")";
  }
}
