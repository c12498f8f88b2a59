package dev.modelseal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.modelseal.BundleInspector;
import dev.modelseal.BundleSummary;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What an OpenSSF Model Signing signature file ({@code model.sig}) claims, read for {@code
 * modelseal inspect} WITHOUT verifying anything: its manifest (predicate, serialization, resources)
 * and the kind of signer material it carries. Display only: nothing here may decide trust; {@code
 * modelseal verify} does that. It is read here rather than by {@link BundleInspector}, whose strict
 * Sigstore parse refuses model_signing's departures from protobuf-specs (a v0.3 bundle with an
 * {@code x509CertificateChain}, a {@code publicKey} with {@code rawBytes}); a Fulcio certificate
 * (the sigstore method) follows protobuf-specs and is summarized by {@link BundleInspector}.
 *
 * @param mediaType the bundle's media type, as written
 * @param subjects the statement's first subjects, {@code name algorithm:hex}, at most the limit
 * @param subjectCount how many subjects the statement has (one per file in the legacy format)
 * @param logEntries how many transparency log entries the bundle carries
 * @param timestamps how many RFC 3161 timestamps the bundle carries
 * @param predicateType the statement's predicate type (v1.0 or the legacy v0.1 digests)
 * @param method {@code files} or {@code shards}, as claimed
 * @param hashType the claimed hash algorithm
 * @param shardSize the claimed shard size as written (it may be a float), if any
 * @param allowSymlinks the claimed {@code allow_symlinks}, as written, if any
 * @param ignorePaths the recorded {@code ignore_paths}
 * @param resourceCount how many resources the manifest lists
 * @param firstResources the first resources in listed order, at most the limit asked for
 * @param signerMaterial what the bundle offers to verify the signature with (key, chain, Fulcio)
 */
record OmsClaims(String mediaType, List<String> subjects, int subjectCount, int logEntries, int timestamps,
    String predicateType, String method, String hashType, Optional<String> shardSize, Optional<String> allowSymlinks,
    List<String> ignorePaths, int resourceCount, List<Resource> firstResources, String signerMaterial) {
  static final String PREDICATE_V1 = "https://model_signing/signature/v1.0";
  static final String PREDICATE_LEGACY = "https://model_signing/Digests/v0.1";
  /** The bound core puts on one evidence file, applied before the file is read. */
  static final long MAX_BUNDLE_BYTES = 16L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ABSENT = "(absent)";

  OmsClaims {
    subjects = List.copyOf(subjects);
    ignorePaths = List.copyOf(ignorePaths);
    firstResources = List.copyOf(firstResources);
  }

  /** One manifest entry as claimed: a file (or shard) name and its {@code algorithm:hex} digest. */
  record Resource(String name, String digest) {}

  /**
   * The claims of {@code bundle}, keeping at most {@code limit} resources; empty when it is not an
   * OpenSSF Model Signing signature (not JSON, no DSSE envelope, another predicate), which {@link
   * BundleInspector} then reads and, if need be, refuses.
   */
  static Optional<OmsClaims> read(Path bundle, int limit) throws ModelVerificationException {
    Optional<JsonNode> root = json(readBounded(bundle));
    JsonNode envelope = root.map(r -> field(r, "dsseEnvelope", "dsse_envelope")).orElse(MissingNode.getInstance());
    Optional<JsonNode> statement = base64(field(envelope, "payload").asText("")).flatMap(OmsClaims::json);
    String type = statement.map(st -> st.path("predicateType").asText("")).orElse("");
    if (!type.equals(PREDICATE_V1) && !type.equals(PREDICATE_LEGACY)) {
      return Optional.empty();
    }
    JsonNode st = statement.get();
    JsonNode material = field(root.get(), "verificationMaterial", "verification_material");
    Header header = new Header(text(field(root.get(), "mediaType", "media_type")), subjects(st.path("subject"), limit),
        st.path("subject").size(),
        field(material, "tlogEntries", "tlog_entries").size(),
        field(field(material, "timestampVerificationData", "timestamp_verification_data"),
            "rfc3161Timestamps", "rfc3161_timestamps").size(),
        signerMaterial(bundle, material));
    return Optional.of(type.equals(PREDICATE_V1) ? v1(header, st, limit) : legacy(header, st, limit));
  }

  /**
   * Whether {@code file} is not a bundle at all, rather than a malformed one: not a JSON object, or
   * one with neither a {@code mediaType} nor a legacy cosign bundle's {@code base64Signature}. Only
   * for choosing the words of an error; {@link BundleInspector} has refused the file already.
   */
  static boolean isNotABundle(Path file) {
    try {
      Optional<JsonNode> root = json(readBounded(file));
      return root.map(r -> field(r, "mediaType", "media_type").isMissingNode()
          && r.path("base64Signature").isMissingNode()).orElse(true);
    } catch (ModelVerificationException e) {
      return true;
    }
  }

  /** What every OMS signature says besides its manifest. */
  private record Header(String mediaType, List<String> subjects, int subjectCount, int logEntries, int timestamps,
      String material) {}

  private static List<String> subjects(JsonNode subjects, int limit) {
    List<String> out = new ArrayList<>();
    for (int i = 0; subjects.isArray() && i < subjects.size() && out.size() < limit; i++) {
      JsonNode s = subjects.path(i);
      StringBuilder sb = new StringBuilder(text(s.path("name")));
      s.path("digest").fields().forEachRemaining(d -> sb.append(' ').append(d.getKey()).append(':')
          .append(text(d.getValue())));
      out.add(sb.toString());
    }
    return out;
  }

  private static OmsClaims v1(Header h, JsonNode statement, int limit) {
    JsonNode predicate = statement.path("predicate");
    JsonNode serialization = predicate.path("serialization");
    List<String> ignore = new ArrayList<>();
    for (JsonNode p : serialization.path("ignore_paths")) {
      ignore.add(p.asText());
    }
    JsonNode resources = predicate.path("resources");
    List<Resource> first = new ArrayList<>();
    for (int i = 0; resources.isArray() && i < resources.size() && first.size() < limit; i++) {
      JsonNode r = resources.path(i);
      first.add(new Resource(text(r.path("name")), text(r.path("algorithm")) + ":" + text(r.path("digest"))));
    }
    return new OmsClaims(h.mediaType(), h.subjects(), h.subjectCount(), h.logEntries(), h.timestamps(),
        PREDICATE_V1,
        text(serialization.path("method")), text(serialization.path("hash_type")),
        optional(serialization.path("shard_size")), optional(serialization.path("allow_symlinks")), ignore,
        resources.isArray() ? resources.size() : 0, first, h.material());
  }

  /** model_signing 0.2: one subject per file, the hash named in each subject's annotations. */
  private static OmsClaims legacy(Header h, JsonNode statement, int limit) {
    JsonNode subjects = statement.path("subject");
    List<Resource> first = new ArrayList<>();
    for (int i = 0; subjects.isArray() && i < subjects.size() && first.size() < limit; i++) {
      JsonNode s = subjects.path(i);
      first.add(new Resource(text(s.path("name")), "sha256:" + text(s.path("digest").path("sha256"))));
    }
    String hash = text(subjects.path(0).path("annotations").path("actual_hash_algorithm"));
    return new OmsClaims(h.mediaType(), h.subjects(), h.subjectCount(), h.logEntries(), h.timestamps(),
        PREDICATE_LEGACY,
        "files (legacy v0.1: one subject per file)", hash, Optional.empty(), Optional.empty(), List.of(),
        subjects.isArray() ? subjects.size() : 0, first, h.material());
  }

  private static String signerMaterial(Path bundle, JsonNode material) throws ModelVerificationException {
    JsonNode key = field(material, "publicKey", "public_key");
    if (!key.isMissingNode()) {
      JsonNode hint = key.path("hint");
      return hint.isValueNode() ? "public key, hint " + hint.asText()
          : "public key embedded in the bundle (" + text(field(key, "keyDetails", "key_details")) + ")";
    }
    List<JsonNode> chain = new ArrayList<>();
    field(field(material, "x509CertificateChain", "x509_certificate_chain"), "certificates").forEach(chain::add);
    if (!chain.isEmpty()) {
      X509Certificate leaf = certificate(bundle, chain.get(0));
      X509Certificate last = certificate(bundle, chain.get(chain.size() - 1));
      return "certificate chain of " + chain.size() + ": leaf " + leaf.getSubjectX500Principal().getName()
          + (chain.size() > 1 ? ", last " + last.getSubjectX500Principal().getName() : "")
          + ", issued by " + last.getIssuerX500Principal().getName();
    }
    if (!field(material, "certificate").isMissingNode()) {
      BundleSummary s = BundleInspector.inspect(bundle);
      return s.certificateIssuer().isPresent()
          ? "Fulcio certificate for " + s.certificateSubject().orElse("(no identity)") + ", OIDC issuer "
              + s.certificateIssuer().get()
          : "certificate " + certificate(bundle, field(material, "certificate")).getSubjectX500Principal().getName();
    }
    return "none (the bundle names no key nor certificate)";
  }

  private static X509Certificate certificate(Path bundle, JsonNode cert) throws ModelVerificationException {
    byte[] der = base64(field(cert, "rawBytes", "raw_bytes").asText("")).orElse(new byte[0]);
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new ModelVerificationException(Reason.MALFORMED_BUNDLE,
          bundle + ": a certificate of the verification material is not DER X.509 (" + e.getMessage() + ")");
    }
  }

  /** At most {@link #MAX_BUNDLE_BYTES} of a regular file (never a FIFO or device, which could block). */
  private static byte[] readBounded(Path bundle) throws ModelVerificationException {
    if (!Files.isRegularFile(bundle)) {
      throw new ModelVerificationException(Reason.MALFORMED_BUNDLE,
          bundle + " is not a regular file; give the signature file (a Sigstore bundle)");
    }
    try (InputStream in = Files.newInputStream(bundle)) {
      byte[] bytes = in.readNBytes((int) MAX_BUNDLE_BYTES + 1);
      if (bytes.length > MAX_BUNDLE_BYTES) {
        throw new ModelVerificationException(Reason.MALFORMED_BUNDLE,
            bundle + " is over " + MAX_BUNDLE_BYTES + " bytes, more than any signature file");
      }
      return bytes;
    } catch (IOException e) {
      throw new ModelVerificationException(Reason.MALFORMED_BUNDLE, "cannot read " + bundle + ": " + e);
    }
  }

  private static Optional<JsonNode> json(byte[] bytes) {
    try {
      return Optional.of(JSON.readTree(bytes)).filter(JsonNode::isObject);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> base64(String text) {
    try {
      return Optional.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The member under its protobuf JSON name or its proto field name. */
  private static JsonNode field(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode v = node.path(name);
      if (!v.isMissingNode()) {
        return v;
      }
    }
    return node.path(names[0]);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : ABSENT;
  }

  private static Optional<String> optional(JsonNode node) {
    return node.isValueNode() ? Optional.of(node.asText()) : Optional.empty();
  }
}
