package dev.modelseal.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * A fake RFC 6962 certificate transparency log that issues v1 signed certificate timestamps (SCTs)
 * for precertificates, as Fulcio embeds them in its leaf certificates.
 */
final class CtLog {
  static final String BASE_URL = "https://ctfe.modelseal.test";

  private static final int SCT_VERSION_V1 = 0;
  private static final int SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP = 0;
  private static final int ENTRY_TYPE_PRECERT = 1;
  private static final int HASH_ALGORITHM_SHA256 = 4;
  private static final int SIGNATURE_ALGORITHM_ECDSA = 3;

  private final LogKey key = LogKey.generate();

  LogKey key() {
    return key;
  }

  /**
   * Returns the TLS encoding of an SCT (RFC 6962 §3.2) over a precertificate entry.
   *
   * @param precertTbs the DER TBSCertificate of the final leaf without the SCT list extension
   * @param issuerKey the public key of the CA that issues the leaf
   * @param timestamp the log's timestamp, kept to the millisecond
   */
  byte[] sct(byte[] precertTbs, PublicKey issuerKey, Instant timestamp) {
    long millis = timestamp.toEpochMilli();
    byte[] signature = key.sign(signedData(precertTbs, issuerKey, millis));
    return tls(out -> {
      out.writeByte(SCT_VERSION_V1);
      out.write(key.logId());
      out.writeLong(millis);
      out.writeShort(0); // no CT extensions
      out.writeByte(HASH_ALGORITHM_SHA256);
      out.writeByte(SIGNATURE_ALGORITHM_ECDSA);
      out.writeShort(signature.length);
      out.write(signature);
    });
  }

  /** Returns a TLS SignedCertificateTimestampList (RFC 6962 §3.3) holding {@code scts}. */
  static byte[] sctList(List<byte[]> scts) {
    byte[] entries = tls(out -> {
      for (byte[] sct : scts) {
        out.writeShort(sct.length);
        out.write(sct);
      }
    });
    return tls(out -> {
      out.writeShort(entries.length);
      out.write(entries);
    });
  }

  /** The digitally-signed struct of RFC 6962 §3.2 for a precert_entry. */
  private static byte[] signedData(byte[] precertTbs, PublicKey issuerKey, long millis) {
    return tls(out -> {
      out.writeByte(SCT_VERSION_V1);
      out.writeByte(SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP);
      out.writeLong(millis);
      out.writeShort(ENTRY_TYPE_PRECERT);
      out.write(Sha256.of(issuerKey.getEncoded())); // issuer_key_hash
      out.writeByte(precertTbs.length >>> 16); // uint24 length
      out.writeShort(precertTbs.length & 0xFFFF);
      out.write(precertTbs);
      out.writeShort(0); // no CT extensions
    });
  }

  private interface TlsWriter {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] tls(TlsWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }
}
