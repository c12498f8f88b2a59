package dev.modelseal.internal.x509;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.Sha256;
import dev.modelseal.internal.trust.LogKey;
import dev.modelseal.internal.trust.TrustedRootData;
import dev.modelseal.internal.verify.Signatures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * Verifies the signed certificate timestamps embedded in a leaf (RFC 6962 §3.2, precert entries)
 * against the CT logs of the trusted root.
 */
public final class SctVerifier {
  private static final ASN1ObjectIdentifier SCT_LIST =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

  private SctVerifier() {}

  /** The outcome: which trusted log signed a valid SCT, or the problem found. */
  public record Result(Optional<String> verifiedBy, String problem) {}

  public static Result verify(X509Certificate leaf, X509Certificate issuer, TrustedRootData root) {
    byte[] ext = leaf.getExtensionValue(SCT_LIST.getId());
    if (ext == null) {
      return new Result(Optional.empty(), "the certificate embeds no SCT");
    }
    List<byte[]> scts;
    byte[] tbs;
    try {
      byte[] tls =
          ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets();
      scts = splitList(tls);
      tbs = tbsWithoutSctList(leaf);
    } catch (IOException | RuntimeException | CertificateEncodingException e) {
      return new Result(Optional.empty(), "the embedded SCT list is malformed");
    }
    byte[] issuerKeyHash = Sha256.of(issuer.getPublicKey().getEncoded());
    String problem = "no embedded SCT is from a CT log of the trust root";
    for (byte[] sct : scts) {
      try {
        ByteBuffer b = ByteBuffer.wrap(sct);
        if (b.get() != 0) {
          problem = "SCT version is not v1";
          continue;
        }
        byte[] logId = new byte[32];
        b.get(logId);
        long timestamp = b.getLong();
        byte[] extensions = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(extensions);
        b.get(); // hash algorithm: the key decides, not the input
        b.get(); // signature algorithm: likewise
        byte[] sig = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(sig);
        if (b.hasRemaining()) {
          problem = "SCT has trailing bytes";
          continue;
        }
        Optional<LogKey> log = root.ctlog(Bytes.wrap(logId));
        if (log.isEmpty()) {
          continue;
        }
        if (!log.get().validFor().contains(Instant.ofEpochMilli(timestamp))) {
          problem = "SCT time is outside the CT log key's validity " + log.get().validFor();
          continue;
        }
        byte[] signed = signedData(timestamp, issuerKeyHash, tbs, extensions);
        if (Signatures.verify(log.get().key(), signed, sig)) {
          return new Result(Optional.of(log.get().baseUrl()), null);
        }
        problem = "SCT signature by " + log.get().baseUrl() + " does not verify";
      } catch (RuntimeException e) {
        problem = "SCT is truncated";
      }
    }
    return new Result(Optional.empty(), problem);
  }

  private static List<byte[]> splitList(byte[] tls) {
    ByteBuffer b = ByteBuffer.wrap(tls);
    int total = Short.toUnsignedInt(b.getShort());
    if (total != b.remaining()) {
      throw new IllegalArgumentException("SCT list length mismatch");
    }
    List<byte[]> out = new ArrayList<>();
    while (b.hasRemaining()) {
      byte[] one = new byte[Short.toUnsignedInt(b.getShort())];
      b.get(one);
      out.add(one);
    }
    return out;
  }

  /** The TBSCertificate with the SCT list extension removed: what the CT log signed. */
  static byte[] tbsWithoutSctList(X509Certificate leaf)
      throws IOException, CertificateEncodingException {
    ASN1Sequence tbs = ASN1Sequence.getInstance(leaf.getTBSCertificate());
    ASN1EncodableVector out = new ASN1EncodableVector();
    for (ASN1Encodable e : tbs) {
      if (e instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
        Extensions exts = Extensions.getInstance(t.getExplicitBaseObject());
        ASN1EncodableVector kept = new ASN1EncodableVector();
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
          if (!oid.equals(SCT_LIST)) {
            Extension x = exts.getExtension(oid);
            kept.add(x);
          }
        }
        out.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
      } else {
        out.add(e);
      }
    }
    return new DERSequence(out).getEncoded(ASN1Encoding.DER);
  }

  private static byte[] signedData(long timestamp, byte[] issuerKeyHash, byte[] tbs, byte[] ext) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(tbs.length + 64);
    o.write(0); // version v1
    o.write(0); // signature_type certificate_timestamp
    o.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
    o.write(0);
    o.write(1); // entry_type precert_entry
    o.writeBytes(issuerKeyHash);
    o.write((tbs.length >> 16) & 0xff);
    o.write((tbs.length >> 8) & 0xff);
    o.write(tbs.length & 0xff);
    o.writeBytes(tbs);
    o.write((ext.length >> 8) & 0xff);
    o.write(ext.length & 0xff);
    o.writeBytes(ext);
    return o.toByteArray();
  }
}
