package dev.modelseal;

import dev.modelseal.internal.trust.PublicGoodTrustRoot;
import dev.modelseal.internal.trust.TrustedRootData;
import dev.modelseal.internal.trust.TrustedRootParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

  /** Reads a {@code trusted_root.json} file (offline; also for private Sigstore instances). */
  public static TrustRoot fromJson(Path file) throws ModelVerificationException {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return new TrustRoot(TrustedRootParser.parse(in, file.toString()), file.toString());
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(
          Reason.INVALID_TRUST_ROOT, file + ": trusted root file not found");
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.INVALID_TRUST_ROOT, file + ": cannot read trusted root: " + e, e);
    }
  }

  /** Reads a {@code trusted_root.json} from a stream; {@code source} names it in messages. */
  public static TrustRoot fromJson(InputStream in, String source) throws ModelVerificationException {
    return new TrustRoot(TrustedRootParser.parse(in, source), source);
  }

  /**
   * The Sigstore public-good trust root, refreshed through sigstore-java's TUF client into
   * {@code ~/.sigstore-java/modelseal}. When the refresh fails (offline), the last cached root is
   * used and a WARN is logged; with no cached root this fails.
   */
  public static TrustRoot sigstorePublicGood() throws ModelVerificationException {
    Path cache = Path.of(System.getProperty("user.home"), ".sigstore-java", "modelseal");
    PublicGoodTrustRoot.Result r = PublicGoodTrustRoot.load(cache, PublicGoodTrustRoot.tufUpdate());
    try (InputStream in = Files.newInputStream(r.file())) {
      return new TrustRoot(TrustedRootParser.parse(in, r.file().toString()), r.description());
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.INVALID_TRUST_ROOT, r.file() + ": cannot read cached trusted root: " + e, e);
    }
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
