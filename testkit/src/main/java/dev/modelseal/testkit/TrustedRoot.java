package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/**
 * Renders the Sigstore trusted root ({@code trustedroot+json;version=0.1}) that makes a verifier
 * trust exactly one fake Fulcio, CT log, Rekor log and TSA, each valid from a given start.
 */
final class TrustedRoot {
  static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
  private static final String KEY_DETAILS = "PKIX_ECDSA_P256_SHA_256";

  private TrustedRoot() {}

  /** Returns the trusted root JSON; {@code validFrom} becomes every {@code validFor.start}. */
  static String json(FulcioCa fulcio, CtLog ctLog, RekorLog rekor, TimestampAuthority tsa, Instant validFrom) {
    String start = validFrom.truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode root = JsonText.object();
    root.put("mediaType", MEDIA_TYPE);
    root.putArray("tlogs").add(log(RekorLog.BASE_URL, rekor.key(), start));
    root.putArray("certificateAuthorities")
        .add(authority(fulcio.commonName(), FulcioCa.URI, fulcio.chain(), start));
    root.putArray("ctlogs").add(log(CtLog.BASE_URL, ctLog.key(), start));
    root.putArray("timestampAuthorities")
        .add(authority("modelseal-tsa", TimestampAuthority.URI, tsa.chain(), start));
    return JsonText.print(root);
  }

  private static ObjectNode log(String baseUrl, LogKey key, String start) {
    ObjectNode log = JsonText.object();
    log.put("baseUrl", baseUrl);
    log.put("hashAlgorithm", "SHA2_256");
    ObjectNode publicKey = log.putObject("publicKey");
    publicKey.put("rawBytes", Base64.getEncoder().encodeToString(key.subjectPublicKeyInfo()));
    publicKey.put("keyDetails", KEY_DETAILS);
    publicKey.putObject("validFor").put("start", start);
    log.putObject("logId").put("keyId", key.logIdBase64());
    return log;
  }

  private static ObjectNode authority(String commonName, String uri, List<X509Certificate> chain, String start) {
    ObjectNode authority = JsonText.object();
    ObjectNode subject = authority.putObject("subject");
    subject.put("organization", FulcioCa.ORGANIZATION);
    subject.put("commonName", commonName);
    authority.put("uri", uri);
    ArrayNode certificates = authority.putObject("certChain").putArray("certificates");
    for (X509Certificate certificate : chain) {
      certificates.addObject().put("rawBytes", Base64.getEncoder().encodeToString(Certificates.der(certificate)));
    }
    authority.putObject("validFor").put("start", start);
    return authority;
  }
}
