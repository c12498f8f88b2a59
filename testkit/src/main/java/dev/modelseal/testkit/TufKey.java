package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One TUF signing key: its key object ({@code keytype}, {@code scheme}, {@code keyval}), its key ID
 * (the hex SHA-256 of the key object's canonical JSON, TUF specification §4.2) and signatures over
 * canonical metadata, hex-encoded as TUF writes them.
 */
final class TufKey {
  /** An Ed25519 SubjectPublicKeyInfo is a fixed 12-byte header followed by the raw 32-byte key. */
  private static final int ED25519_SPKI_HEADER = 12;
  private static final HexFormat HEX = HexFormat.of();

  private final TufKeyType type;
  private final KeyPair pair;
  private final ObjectNode keyObject;
  private final String keyId;

  private TufKey(TufKeyType type, KeyPair pair) {
    this.type = type;
    this.pair = pair;
    this.keyObject = JsonText.object();
    keyObject.put("keytype", type.keytype());
    keyObject.put("scheme", type.scheme());
    keyObject.putObject("keyval").put("public", publicKeyText(type, pair));
    this.keyId = HEX.formatHex(Sha256.of(TufCanonicalJson.encode(keyObject)));
  }

  /** Generates a fresh key of {@code type}. */
  static TufKey generate(TufKeyType type) {
    return new TufKey(type, switch (type) {
      case ECDSA_P256 -> EcdsaP256.generate();
      case ED25519 -> ed25519();
    });
  }

  String keyId() {
    return keyId;
  }

  /** A copy of the key object, as it appears in root metadata under {@code keys}. */
  ObjectNode keyObject() {
    return keyObject.deepCopy();
  }

  /** Signs canonical metadata bytes and returns the hex signature ({@code sig}). */
  String sign(byte[] canonical) {
    return HEX.formatHex(switch (type) {
      case ECDSA_P256 -> EcdsaP256.sign(pair.getPrivate(), canonical);
      case ED25519 -> ed25519Sign(canonical);
    });
  }

  private byte[] ed25519Sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(pair.getPrivate());
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform cannot sign with Ed25519", e);
    }
  }

  private static String publicKeyText(TufKeyType type, KeyPair pair) {
    byte[] spki = pair.getPublic().getEncoded();
    return switch (type) {
      // TUF's ecdsa keys are PEM SubjectPublicKeyInfo; its ed25519 keys are the raw key in hex.
      case ECDSA_P256 -> Pem.publicKey(pair.getPublic());
      case ED25519 -> HEX.formatHex(Arrays.copyOfRange(spki, ED25519_SPKI_HEADER, spki.length));
    };
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform cannot generate Ed25519 keys", e);
    }
  }
}
