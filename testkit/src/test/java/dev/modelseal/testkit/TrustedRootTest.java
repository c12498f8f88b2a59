package dev.modelseal.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedRootTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private final JsonNode root = parse(FakeSigstore.create(Clock.fixed(NOW, ZoneOffset.UTC)).trustedRootJson());

  @Test
  void listsOneOfEachServiceWithItsMediaType() {
    assertThat(root.get("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    assertThat(root.get("tlogs")).hasSize(1);
    assertThat(root.get("ctlogs")).hasSize(1);
    assertThat(root.get("certificateAuthorities")).hasSize(1);
    assertThat(root.get("timestampAuthorities")).hasSize(1);
    assertThat(root.at("/tlogs/0/baseUrl").asText()).isEqualTo("https://rekor.modelseal.test");
  }

  @Test
  void everyValidityStartsAYearBeforeCreation() {
    List<JsonNode> validities = new ArrayList<>();
    root.get("tlogs").forEach(log -> validities.add(log.at("/publicKey/validFor")));
    root.get("ctlogs").forEach(log -> validities.add(log.at("/publicKey/validFor")));
    root.get("certificateAuthorities").forEach(ca -> validities.add(ca.get("validFor")));
    root.get("timestampAuthorities").forEach(tsa -> validities.add(tsa.get("validFor")));

    assertThat(validities).hasSize(4).allSatisfy(validFor ->
        assertThat(validFor.get("start").asText()).isEqualTo("2024-06-01T12:00:00Z"));
  }

  @Test
  void logIdsAreTheSha256OfTheLogKeys() {
    for (String logs : List.of("tlogs", "ctlogs")) {
      JsonNode log = root.get(logs).get(0);
      byte[] spki = Base64.getDecoder().decode(log.at("/publicKey/rawBytes").asText());
      assertThat(log.at("/logId/keyId").asText()).isEqualTo(Base64.getEncoder().encodeToString(Sha256.of(spki)));
      assertThat(log.at("/publicKey/keyDetails").asText()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
      assertThat(log.get("hashAlgorithm").asText()).isEqualTo("SHA2_256");
    }
  }

  @Test
  void certificateChainsRunFromIssuedCertificateToSelfSignedRoot() throws Exception {
    for (String authorities : List.of("certificateAuthorities", "timestampAuthorities")) {
      List<X509Certificate> chain = new ArrayList<>();
      for (JsonNode certificate : root.get(authorities).get(0).at("/certChain/certificates")) {
        chain.add(certificate(certificate.get("rawBytes").asText()));
      }
      assertThat(chain).hasSize(2);
      chain.get(0).verify(chain.get(1).getPublicKey());
      chain.get(1).verify(chain.get(1).getPublicKey());
      assertThat(chain.get(1).getBasicConstraints()).isNotNegative();
    }
  }

  @Test
  void timestampAuthorityCertificateIsForTimeStampingOnly() throws Exception {
    X509Certificate tsa = certificate(root.at("/timestampAuthorities/0/certChain/certificates/0/rawBytes").asText());

    assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    assertThat(tsa.getCriticalExtensionOIDs()).contains("2.5.29.37");
  }

  private static X509Certificate certificate(String base64) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
  }

  private static JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
