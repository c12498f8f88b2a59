package dev.modelseal.internal.x509;

import dev.modelseal.internal.Sha256;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Parses public keys from SPKI DER or PEM, choosing the algorithm from the key itself. */
public final class PublicKeys {
  private PublicKeys() {}

  /**
   * The key in a DER SubjectPublicKeyInfo, or empty if it is not an EC, RSA or Ed25519 key within
   * the {@link Der} size and nesting limits.
   */
  public static Optional<PublicKey> fromSpki(byte[] der) {
    // BouncyCastle reads no bytes as no object (null), not as an error.
    if (der.length == 0 || Der.problem(der).isPresent()) {
      return Optional.empty();
    }
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
      ASN1ObjectIdentifier oid = spki.getAlgorithm().getAlgorithm();
      String alg;
      if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        alg = "EC";
      } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        alg = "RSA";
      } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
        alg = "Ed25519";
      } else {
        return Optional.empty();
      }
      return Optional.of(KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** An RSA key given as a PKCS#1 RSAPublicKey (as trusted roots list some CT log keys). */
  public static Optional<PublicKey> fromPkcs1Rsa(byte[] der) {
    if (der.length == 0 || Der.problem(der).isPresent()) {
      return Optional.empty();
    }
    try {
      RSAPublicKey rsa = RSAPublicKey.getInstance(der);
      return Optional.of(
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())));
    } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** The single public key in PEM text, or empty. */
  public static Optional<PublicKey> fromPem(String pem) {
    List<Pem.Block> blocks = Pem.decode(pem);
    if (blocks.size() != 1 || !blocks.get(0).label().equals("PUBLIC KEY")) {
      return Optional.empty();
    }
    return fromSpki(blocks.get(0).der());
  }

  /** Hex SHA-256 of the key's DER SubjectPublicKeyInfo: the key id used in reports and hints. */
  public static String keyId(PublicKey key) {
    return java.util.HexFormat.of().formatHex(Sha256.of(key.getEncoded()));
  }

  /**
   * The hashes a message signature by this key may use, preferred first: the curve's hash for
   * ECDSA and also SHA-256, which Sigstore clients used for every curve (sigstore-python signs
   * P-384 keys with SHA-256); SHA-256 for RSA; none for Ed25519. This allow-list is the verifier's,
   * never the bundle's.
   */
  public static List<String> messageHashesFor(PublicKey key) {
    String h = hashFor(key);
    if (h == null) {
      return List.of();
    }
    return h.equals("SHA-256") ? List.of(h) : List.of(h, "SHA-256");
  }

  /** The hash an ECDSA key signs with (by curve size), SHA-256 for RSA; null for Ed25519. */
  public static String hashFor(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getOrder().bitLength();
      return bits > 384 ? "SHA-512" : bits > 256 ? "SHA-384" : "SHA-256";
    }
    if (key.getAlgorithm().equals("RSA")) {
      return "SHA-256";
    }
    return null;
  }
}
