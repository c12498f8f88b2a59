package dev.modelseal.internal.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import dev.modelseal.internal.x509.Certificates;
import dev.modelseal.internal.x509.PublicKeys;
import java.io.InputStream;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

  private TrustedRootParser() {}

  public static TrustedRootData parse(InputStream in, String source)
      throws ModelVerificationException {
    return parse(StrictJson.readObject(in, source, BAD), source);
  }

  public static TrustedRootData parse(ObjectNode json, String source)
      throws ModelVerificationException {
    Obj o = StrictJson.at(json, "", source, BAD);
    String mediaType = o.string("mediaType");
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw o.error("unsupported trusted root media type \"" + mediaType + "\"");
    }
    List<LogKey> tlogs = new ArrayList<>();
    for (Obj t : o.objects("tlogs")) {
      addIfUsable(tlogs, logKey(t));
    }
    List<LogKey> ctlogs = new ArrayList<>();
    for (Obj t : o.objects("ctlogs")) {
      addIfUsable(ctlogs, logKey(t));
    }
    List<Authority> cas = new ArrayList<>();
    for (Obj c : o.objects("certificateAuthorities")) {
      cas.add(authority(c));
    }
    List<Authority> tsas = new ArrayList<>();
    for (Obj c : o.objects("timestampAuthorities")) {
      tsas.add(authority(c));
    }
    return new TrustedRootData(tlogs, ctlogs, cas, tsas);
  }

  /** The log's key, or null (skipped, logged) when its algorithm is one this verifier cannot use. */
  private static LogKey logKey(Obj t) throws ModelVerificationException {
    Obj pk = t.object("publicKey");
    Bytes raw = pk.base64("rawBytes");
    String details = pk.optString("keyDetails");
    Optional<PublicKey> parsed =
        details != null && details.startsWith("PKCS1_RSA")
            ? PublicKeys.fromPkcs1Rsa(raw.toArray())
            : PublicKeys.fromSpki(raw.toArray());
    if (parsed.isEmpty()) {
      LOG.debug("{}: skipping {} with an unsupported key ({})", t.path(), t.optString("baseUrl"), details);
      return null;
    }
    PublicKey key = parsed.get();
    return new LogKey(
        t.optString("baseUrl") == null ? "" : t.string("baseUrl"),
        t.object("logId").base64("keyId"),
        key,
        validFor(pk));
  }

  private static void addIfUsable(List<LogKey> logs, LogKey key) {
    if (key != null) {
      logs.add(key);
    }
  }

  private static Authority authority(Obj c) throws ModelVerificationException {
    List<X509Certificate> chain = new ArrayList<>();
    for (Obj cert : c.object("certChain").objects("certificates")) {
      Bytes der = cert.base64("rawBytes");
      chain.add(
          Certificates.parse(der.toArray())
              .orElseThrow(() -> cert.error(cert.path() + ".rawBytes is not a certificate")));
    }
    if (chain.isEmpty()) {
      throw c.error(c.path() + ".certChain.certificates is empty");
    }
    return new Authority(c.optString("uri") == null ? "" : c.string("uri"), chain, validFor(c));
  }

  private static ValidFor validFor(Obj holder) throws ModelVerificationException {
    Obj v = holder.optObject("validFor");
    if (v == null || !v.has("start")) {
      throw holder.error(
          holder.path() + ".validFor.start is missing: a trust root entry without a start is"
              + " malformed (it must not be read as valid since forever)");
    }
    return new ValidFor(instant(v, "start"), v.has("end") ? instant(v, "end") : null);
  }

  private static Instant instant(Obj v, String field) throws ModelVerificationException {
    String s = v.string(field);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw v.error(v.path() + "." + field + " is not an RFC 3339 time: " + s);
    }
  }
}
