package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Reads testkit output back for assertions: JSON files, base64 fields, certificates, signatures. */
final class BundleJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BundleJson() {}

  static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] base64(JsonNode node) {
    return Base64.getDecoder().decode(node.asText());
  }

  static String base64Text(JsonNode node) {
    return new String(base64(node), StandardCharsets.UTF_8);
  }

  /** Parses DER or PEM with the platform's certificate factory, independently of the testkit. */
  static X509Certificate certificate(byte[] encoded) throws GeneralSecurityException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(encoded));
  }

  static boolean verifies(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
