package dev.modelseal.testkit.oms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.internal.Pae;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Writes the Sigstore bundles v0.3 of the {@code key} and {@code certificate} methods as
 * model_signing 1.1 does: a DSSE envelope signed over its PAE, {@code keyid: ""}, {@code
 * tlogEntries: []} and no timestamps.
 */
final class OmsBundle {
  static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private OmsBundle() {}

  /** Returns the DER ECDSA signature over the PAE of {@code payload}. */
  static byte[] sign(EcCurve curve, PrivateKey key, byte[] payload) {
    try {
      Signature signature = Signature.getInstance(curve.signatureAlgorithm());
      signature.initSign(key);
      signature.update(Pae.of(PAYLOAD_TYPE, payload));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + curve.signatureAlgorithm(), e);
    }
  }

  /** Returns the SubjectPublicKeyInfo PEM: 64-column base64, LF line ends, final LF. */
  static String publicKeyPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  static String certificatePem(X509Certificate certificate) {
    return pem("CERTIFICATE", der(certificate));
  }

  /** Returns {@code publicKey.hint}: hex SHA-256 of {@link #publicKeyPem}, as model_signing 1.1 computes it. */
  static String keyHint(PublicKey key) {
    byte[] pem = publicKeyPem(key).getBytes(StandardCharsets.US_ASCII);
    SHA256Digest digest = new SHA256Digest();
    digest.update(pem, 0, pem.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }

  /** Writes a {@code key} bundle carrying {@code hint}. */
  static Path writeKeyBundle(Path out, byte[] payload, byte[] signature, String hint) {
    ObjectNode bundle = start();
    ObjectNode material = bundle.putObject("verificationMaterial");
    material.putObject("publicKey").put("hint", hint);
    material.putArray("tlogEntries");
    return write(out, envelope(bundle, payload, signature));
  }

  /** Writes a {@code certificate} bundle whose chain lists {@code chain} (leaf first). */
  static Path writeCertificateBundle(Path out, byte[] payload, byte[] signature, List<X509Certificate> chain) {
    ObjectNode bundle = start();
    ObjectNode material = bundle.putObject("verificationMaterial");
    ArrayNode certificates = material.putObject("x509CertificateChain").putArray("certificates");
    for (X509Certificate certificate : chain) {
      certificates.addObject().put("rawBytes", Base64.getEncoder().encodeToString(der(certificate)));
    }
    material.putArray("tlogEntries");
    return write(out, envelope(bundle, payload, signature));
  }

  private static ObjectNode start() {
    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("mediaType", MEDIA_TYPE);
    return bundle;
  }

  private static ObjectNode envelope(ObjectNode bundle, byte[] payload, byte[] signature) {
    ObjectNode envelope = bundle.putObject("dsseEnvelope");
    envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    envelope.put("payloadType", PAYLOAD_TYPE);
    ObjectNode sig = envelope.putArray("signatures").addObject();
    sig.put("sig", Base64.getEncoder().encodeToString(signature));
    sig.put("keyid", "");
    return bundle;
  }

  private static Path write(Path out, ObjectNode bundle) {
    try {
      return writeText(out, JSON.writeValueAsString(bundle) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree built in memory cannot fail to print", e);
    }
  }

  /** Writes {@code text} to {@code file}, creating parents; returns {@code file}. */
  static Path writeText(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate this testkit issued", e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + MIME.encodeToString(der) + "\n-----END " + label + "-----\n";
  }
}
