package dev.modelseal.internal.tsa;

import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.trust.Authority;
import dev.modelseal.internal.trust.TrustedRootData;
import dev.modelseal.internal.x509.ChainValidator;
import dev.modelseal.internal.x509.Der;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Verifies an RFC 3161 timestamp over a signature: the imprint must be the hash of the signature
 * bytes, the token must be signed by a timestamp authority of the trust root whose chain was valid
 * at the token's time (not now), and that time must lie in the authority's {@code validFor}.
 */
public final class TimestampVerifier {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final Map<ASN1ObjectIdentifier, String> HASHES =
      Map.of(
          NISTObjectIdentifiers.id_sha256, "SHA-256",
          NISTObjectIdentifiers.id_sha384, "SHA-384",
          NISTObjectIdentifiers.id_sha512, "SHA-512");

  private TimestampVerifier() {}

  /** Thrown with a message that says which rule failed. */
  public static final class TimestampException extends Exception {
    private static final long serialVersionUID = 1L;

    TimestampException(String message) {
      super(message);
    }
  }

  /** Returns the verified time of {@code signedTimestamp} over {@code signature}. */
  public static Instant verify(Bytes signedTimestamp, Bytes signature, TrustedRootData root)
      throws TimestampException {
    TimeStampToken token = token(signedTimestamp.toArray());
    String hash = HASHES.get(token.getTimeStampInfo().getMessageImprintAlgOID());
    if (hash == null) {
      throw new TimestampException("timestamp imprint uses an unsupported hash algorithm");
    }
    byte[] expected = digest(hash, signature.toArray());
    if (!MessageDigest.isEqual(expected, token.getTimeStampInfo().getMessageImprintDigest())) {
      throw new TimestampException("timestamp is over other content than this signature");
    }
    Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
    List<String> problems = new ArrayList<>();
    for (Authority tsa : root.timestampAuthorities()) {
      if (!tsa.validFor().contains(genTime)) {
        problems.add(tsa.uri() + ": timestamp time " + genTime + " outside validFor " + tsa.validFor());
        continue;
      }
      X509Certificate signer = tsa.chain().get(0);
      try {
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(signer));
      } catch (TSPException | OperatorCreationException | IllegalArgumentException e) {
        problems.add(tsa.uri() + ": " + e.getMessage());
        continue;
      }
      if (tsa.chain().size() > 1) {
        Authority rest =
            new Authority(tsa.uri(), tsa.chain().subList(1, tsa.chain().size()), tsa.validFor());
        if (ChainValidator.validate(signer, rest, genTime, problems).isEmpty()) {
          continue;
        }
      }
      return genTime;
    }
    if (root.timestampAuthorities().isEmpty()) {
      throw new TimestampException("the trust root lists no timestamp authority");
    }
    throw new TimestampException(
        "timestamp is not signed by a trusted timestamp authority: " + String.join("; ", problems));
  }

  private static TimeStampToken token(byte[] der) throws TimestampException {
    Optional<String> tooBig = Der.problem(der);
    if (tooBig.isPresent()) {
      throw new TimestampException("signedTimestamp is refused unparsed: " + tooBig.get());
    }
    try {
      TimeStampToken t = new TimeStampResponse(der).getTimeStampToken();
      if (t != null) {
        return t;
      }
    } catch (TSPException | IOException | RuntimeException e) {
      // not a full response: try a bare token below
    }
    try {
      return new TimeStampToken(new CMSSignedData(der));
    } catch (TSPException | IOException | CMSException | RuntimeException e) {
      throw new TimestampException("signedTimestamp is not an RFC 3161 timestamp");
    }
  }

  private static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
