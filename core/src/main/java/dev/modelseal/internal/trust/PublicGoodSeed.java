package dev.modelseal.internal.trust;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The Sigstore public-good {@code trusted_root.json} shipped in the core jar, with its provenance
 * (where it was taken from, its SHA-256, its date), as sigstore-js ships seeds with
 * {@code @sigstore/tuf}. It stands in only on a first use without network: nothing cached and the
 * repository unreachable. It is as old as its date, so it knows no key added since.
 *
 * <p>It is read only when needed, and refused unless its bytes have the SHA-256 its provenance
 * records (a damaged or repackaged jar).
 */
public final class PublicGoodSeed {
  static final String DIRECTORY = "dev/modelseal/seed/public-good/";
  static final String RESOURCE = DIRECTORY + "trusted_root.json";
  static final String PROVENANCE = DIRECTORY + "provenance.properties";

  private final Bytes content;
  private final Properties provenance;

  private PublicGoodSeed(Bytes content, Properties provenance) {
    this.content = content;
    this.provenance = provenance;
  }

  /** Reads the seed from the classpath and checks it against its provenance. */
  public static PublicGoodSeed read() throws ModelVerificationException {
    Properties provenance = new Properties();
    byte[] bytes;
    try (InputStream p = open(PROVENANCE); InputStream r = open(RESOURCE)) {
      provenance.load(p);
      bytes = r.readAllBytes();
    } catch (IOException e) {
      throw new ModelVerificationException(Reason.INVALID_TRUST_ROOT,
          "cannot read the public-good trust root seed: " + e.getMessage(), e);
    }
    return checked(bytes, provenance);
  }

  /** The seed, if {@code bytes} have the SHA-256 {@code provenance} records and it names a date. */
  static PublicGoodSeed checked(byte[] bytes, Properties provenance) throws ModelVerificationException {
    String expected = provenance.getProperty("sha256", "");
    String actual = sha256(bytes);
    if (!actual.equals(expected) || provenance.getProperty("date", "").isEmpty()) {
      throw new ModelVerificationException(Reason.INVALID_TRUST_ROOT,
          "classpath:" + RESOURCE + ": the public-good trust root seed has SHA-256 " + actual
              + " where its provenance records " + expected + " (a damaged or repackaged jar)");
    }
    return new PublicGoodSeed(Bytes.wrap(bytes), provenance);
  }

  /** The seed's bytes: a {@code trusted_root.json}. */
  public Bytes content() {
    return content;
  }

  /** The day of the snapshot ({@code yyyy-mm-dd}): the seed knows no key added after it. */
  public String date() {
    return provenance.getProperty("date");
  }

  /** Where it was taken from: the package and version. */
  public String origin() {
    return provenance.getProperty("package") + " " + provenance.getProperty("version");
  }

  /** The SHA-256 (hex) that its provenance records and its bytes have. */
  public String sha256() {
    return provenance.getProperty("sha256");
  }

  /** Its location, for messages. */
  public String location() {
    return "classpath:" + RESOURCE;
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = PublicGoodSeed.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath");
    }
    return in;
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Sha256.of(bytes));
  }
}
