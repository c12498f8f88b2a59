package dev.modelseal.internal.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.HashNames;
import dev.modelseal.internal.json.ProtoJson;
import dev.modelseal.internal.json.ProtoJson.Message;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.x509.Certificates;
import dev.modelseal.internal.x509.Der;
import dev.modelseal.internal.x509.PublicKeys;
import java.io.InputStream;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Sigstore {@code trusted_root.json}. Strict: every key and authority needs a parseable key
 * or chain and a {@code validFor.start}; a malformed root is rejected whole rather than half-used.
 */
public final class TrustedRootParser {
  private static final Logger LOG = LoggerFactory.getLogger(TrustedRootParser.class);
  private static final Reason BAD = Reason.INVALID_TRUST_ROOT;
  private static final Set<String> MEDIA_TYPES =
      Set.of(
          "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
          "application/vnd.dev.sigstore.trustedroot.v0.2+json");
  /** {@code dev.sigstore.common.v1.PublicKeyDetails} by number (sigstore_common.proto). */
  private static final List<String> KEY_DETAILS =
      List.of("PUBLIC_KEY_DETAILS_UNSPECIFIED", "PKCS1_RSA_PKCS1V5", "PKCS1_RSA_PSS",
          "PKIX_RSA_PKCS1V5", "PKIX_RSA_PSS", "PKIX_ECDSA_P256_SHA_256",
          "PKIX_ECDSA_P256_HMAC_SHA_256", "PKIX_ED25519", "PKIX_ED25519_PH",
          "PKIX_RSA_PKCS1V15_2048_SHA256", "PKIX_RSA_PKCS1V15_3072_SHA256",
          "PKIX_RSA_PKCS1V15_4096_SHA256", "PKIX_ECDSA_P384_SHA_384", "PKIX_ECDSA_P521_SHA_512",
          "LMS_SHA256", "LMOTS_SHA256", "PKIX_RSA_PSS_2048_SHA256", "PKIX_RSA_PSS_3072_SHA256",
          "PKIX_RSA_PSS_4096_SHA256", "PKIX_ECDSA_P384_SHA_256", "PKIX_ECDSA_P521_SHA_256",
          "ML_DSA_65", "ML_DSA_87");

  private TrustedRootParser() {}

  public static TrustedRootData parse(InputStream in, String source)
      throws ModelVerificationException {
    return parse(StrictJson.readObject(in, source, BAD), source);
  }

  /**
   * Reads {@code dev.sigstore.trustroot.v1.TrustedRoot} (protobuf-specs sigstore_trustroot.proto) in
   * proto3 JSON, as sigstore-go's protojson does: defaults for omitted fields, both field-name
   * spellings, unknown fields refused.
   */
  public static TrustedRootData parse(ObjectNode json, String source)
      throws ModelVerificationException {
    Message o = ProtoJson.root(json, source, BAD);
    o.fields("media_type", "tlogs", "certificate_authorities", "ctlogs", "timestamp_authorities");
    String mediaType = o.string("media_type");
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw o.error("unsupported trusted root media type \"" + mediaType + "\"");
    }
    List<LogKey> tlogs = new ArrayList<>();
    for (Message t : o.messages("tlogs")) {
      addIfUsable(tlogs, logKey(t));
    }
    List<LogKey> ctlogs = new ArrayList<>();
    for (Message t : o.messages("ctlogs")) {
      addIfUsable(ctlogs, logKey(t));
    }
    List<Authority> cas = new ArrayList<>();
    for (Message c : o.messages("certificate_authorities")) {
      cas.add(authority(c));
    }
    List<Authority> tsas = new ArrayList<>();
    for (Message c : o.messages("timestamp_authorities")) {
      tsas.add(authority(c));
    }
    return new TrustedRootData(tlogs, ctlogs, cas, tsas);
  }

  /**
   * {@code TransparencyLogInstance}, for Rekor and CT logs alike: the log's key, or null (skipped,
   * logged) when its algorithm is one this verifier cannot use. The key and the log id are needed;
   * an empty base URL is allowed (private instances name their logs as they like).
   */
  private static LogKey logKey(Message t) throws ModelVerificationException {
    t.fields("base_url", "hash_algorithm", "public_key", "log_id", "checkpoint_key_id", "operator");
    t.enumName("hash_algorithm", HashNames.PROTOBUF_ENUM);
    Message checkpointKey = t.optMessage("checkpoint_key_id");
    if (checkpointKey != null) {
      checkpointKey.fields("key_id");
    }
    Message pk = t.message("public_key").fields("raw_bytes", "key_details", "valid_for");
    Bytes raw = pk.requiredBytes("raw_bytes");
    String details = pk.enumName("key_details", KEY_DETAILS);
    Optional<String> unparseable = Der.problem(raw.toArray());
    if (unparseable.isPresent()) {
      // Refused rather than skipped like a key of an unknown algorithm: it is not a key at all.
      throw pk.error(pk.path() + ".rawBytes is refused unparsed: " + unparseable.get());
    }
    Optional<PublicKey> parsed =
        details.startsWith("PKCS1_RSA")
            ? PublicKeys.fromPkcs1Rsa(raw.toArray())
            : PublicKeys.fromSpki(raw.toArray());
    Bytes logId = t.message("log_id").fields("key_id").requiredBytes("key_id");
    ValidFor validFor = validFor(pk);
    if (parsed.isEmpty()) {
      LOG.debug("{}: skipping {} with an unsupported key ({})", t.path(), t.string("base_url"), details);
      return null;
    }
    return new LogKey(t.string("base_url"), logId, parsed.get(), validFor);
  }

  private static void addIfUsable(List<LogKey> logs, LogKey key) {
    if (key != null) {
      logs.add(key);
    }
  }

  /** {@code CertificateAuthority}, for Fulcio and timestamp authorities: a non-empty chain. */
  private static Authority authority(Message c) throws ModelVerificationException {
    c.fields("subject", "uri", "cert_chain", "valid_for", "operator");
    Message subject = c.optMessage("subject");
    if (subject != null) {
      subject.fields("organization", "common_name");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Message cert : c.message("cert_chain").fields("certificates").messages("certificates")) {
      Bytes der = cert.fields("raw_bytes").requiredBytes("raw_bytes");
      chain.add(
          Certificates.parse(der.toArray())
              .orElseThrow(() -> cert.error(cert.path() + ".rawBytes is not a certificate" + Der.LIMITS)));
    }
    if (chain.isEmpty()) {
      throw c.error(c.path() + ".certChain.certificates is empty");
    }
    return new Authority(c.string("uri"), chain, validFor(c));
  }

  /** {@code TimeRange}: the start is required here (an entry without one is not "always valid"). */
  private static ValidFor validFor(Message holder) throws ModelVerificationException {
    Message v = holder.optMessage("valid_for");
    Instant start = v == null ? null : v.fields("start", "end").timestamp("start");
    if (start == null) {
      throw holder.error(
          holder.path() + ".validFor.start is missing: a trust root entry without a start is"
              + " malformed (it must not be read as valid since forever)");
    }
    return new ValidFor(start, v.timestamp("end"));
  }
}
