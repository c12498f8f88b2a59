package dev.modelseal.internal.policyfile;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.x509.Pem;
import dev.modelseal.internal.x509.PublicKeys;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the public keys a policy pins from PEM text ({@code -----BEGIN PUBLIC KEY-----} blocks),
 * refusing anything that is not an EC or RSA SubjectPublicKeyInfo: the key, never the policy,
 * then decides the signature algorithm.
 */
final class PublicKeyText {
  private static final String BEGIN = "-----BEGIN ";

  private PublicKeyText() {}

  /**
   * The keys in {@code pem}; with {@code several} false exactly one block is allowed.
   *
   * @param where the field the text came from, for messages
   */
  static List<PublicKey> parse(String pem, boolean several, PolicyNode where)
      throws ModelVerificationException {
    int armored = count(pem, BEGIN);
    List<Pem.Block> blocks = Pem.decode(pem);
    if (armored == 0) {
      throw where.error("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
    }
    if (blocks.size() != armored) {
      throw where.error("malformed PEM: " + armored + " BEGIN line(s) but " + blocks.size()
          + " well-formed block(s)");
    }
    if (!several && blocks.size() != 1) {
      throw where.error("expected one PUBLIC KEY block, found " + blocks.size());
    }
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      Pem.Block block = blocks.get(i);
      String which = blocks.size() == 1 ? "" : "block " + (i + 1) + ": ";
      if (!block.label().equals("PUBLIC KEY")) {
        throw where.error(which + "found a " + block.label() + " block; expected PUBLIC KEY");
      }
      Optional<PublicKey> key = PublicKeys.fromSpki(block.der());
      if (key.isEmpty()) {
        throw where.error(which + "not an EC, RSA or Ed25519 public key");
      }
      if (PublicKeys.hashFor(key.get()) == null) {
        throw where.error(which + "unsupported key algorithm " + key.get().getAlgorithm()
            + "; use an EC or RSA key");
      }
      keys.add(key.get());
    }
    return keys;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
