package dev.modelseal.internal.verify;

import dev.modelseal.internal.x509.PublicKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * Verifies signatures with the algorithm the key dictates, never one named by the input: ECDSA
 * hashes by curve (P-256/SHA-256, P-384/SHA-384, P-521/SHA-512), RSA uses PKCS#1 v1.5 with SHA-256,
 * Ed25519 is pure.
 */
public final class Signatures {
  private Signatures() {}

  /** True iff {@code sig} is a valid signature by {@code key} over {@code data}. */
  public static boolean verify(PublicKey key, byte[] data, byte[] sig) {
    try {
      Signature s = Signature.getInstance(algorithm(key));
      s.initVerify(key);
      s.update(data);
      return s.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * True iff {@code sig} is a valid signature by {@code key} over a message whose {@code hashAlg}
   * digest is {@code digest}; {@code hashAlg} must be one of {@link PublicKeys#messageHashesFor}.
   */
  public static boolean verifyPrehashed(PublicKey key, String hashAlg, byte[] digest, byte[] sig) {
    if (!PublicKeys.messageHashesFor(key).contains(hashAlg)) {
      return false;
    }
    try {
      if (key instanceof ECPublicKey) {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initVerify(key);
        s.update(digest);
        return s.verify(sig);
      }
      if (key.getAlgorithm().equals("RSA")) {
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initVerify(key);
        s.update(digestInfo(digest));
        return s.verify(sig);
      }
      return false;
    } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
      return false;
    }
  }

  private static byte[] digestInfo(byte[] sha256) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(
        new DigestInfo(
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE), sha256)
            .getEncoded("DER"));
    return out.toByteArray();
  }

  private static String algorithm(PublicKey key) {
    String hash = PublicKeys.hashFor(key);
    if (key instanceof ECPublicKey) {
      return hash.replace("-", "") + "withECDSA";
    }
    if (key.getAlgorithm().equals("RSA")) {
      return "SHA256withRSA";
    }
    return key.getAlgorithm();
  }
}
