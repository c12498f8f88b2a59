package dev.modelseal.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.testkit.AttestationEntryKind;
import dev.modelseal.testkit.BundleMediaType;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeySigner;
import dev.modelseal.testkit.KeylessSigner;
import dev.modelseal.testkit.MlBom;
import dev.modelseal.testkit.PredicateTypes;
import dev.modelseal.testkit.Predicates;
import dev.modelseal.testkit.Tamper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the generated seed corpus of core's fuzz targets: evidence of every shape the testkit
 * makes (message and DSSE bundles in each media type, with and without RFC 3161 timestamps, key and
 * keyless, legacy cosign, every {@link Tamper}) and, when given, the matching files of {@code
 * ../shared/vectors}, each into Jazzer's generated corpus directory {@code
 * <out>/<target class>/<method>/} under its SHA-1 (as libFuzzer names corpus files). Nothing it
 * writes is committed: vectors are another repository's data, and testkit evidence is made fresh.
 *
 * <p>Usage: {@code SeedCorpus <out> [<vectors dir>]}; {@code fuzz/run} calls it.
 */
public final class SeedCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PKG = SeedCorpus.class.getPackageName() + ".";

  private final Path out;
  private int written;

  private SeedCorpus(Path out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: SeedCorpus <corpus dir> [<vectors dir>]");
      System.exit(2);
    }
    SeedCorpus corpus = new SeedCorpus(Path.of(args[0]));
    Path work = Files.createTempDirectory("modelseal-seeds");
    corpus.fromTestkit(work);
    if (args.length == 2 && Files.isDirectory(Path.of(args[1]))) {
      corpus.fromVectors(Path.of(args[1]));
    }
    System.out.println("seed corpus: " + corpus.written + " files in " + corpus.out);
  }

  private void fromTestkit(Path work) throws IOException {
    FakeSigstore sigstore = FakeSigstore.create();
    byte[] root = sigstore.trustedRootJson().getBytes(StandardCharsets.UTF_8);
    seed("TrustedRootFuzzTest", "trustedRoot", root);

    DeliveryUnit unit = sigstore.deliveryUnit().write(work.resolve("unit"));
    Path model = unit.model();
    seed("DeliveryUnitFuzzTest", "metadataJson", Files.readAllBytes(unit.metadata().orElseThrow()));
    MlBom bom = MlBom.typical(model).build();
    seed("SbomFuzzTest", "cycloneDx", bom.jsonBytes());

    List<Path> bundles = new ArrayList<>();
    bundles.add(unit.signature().orElseThrow());
    bundles.add(unit.attestation().orElseThrow());
    bundles.add(unit.sbom().orElseThrow());
    KeylessSigner keyless = sigstore.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER);
    String predicate = Predicates.cosignCustom(DeliveryUnit.DEFAULT_PREDICATE);
    int n = 0;
    for (String mediaType : List.of(BundleMediaType.V0_1, BundleMediaType.V0_2, BundleMediaType.V0_3,
        BundleMediaType.V0_3_NEW)) {
      for (boolean timestamp : List.of(false, true)) {
        KeylessSigner s = keyless.withMediaType(mediaType).withTimestamp(timestamp);
        bundles.add(s.signBundle(model, work.resolve("message-" + n + ".json")));
        bundles.add(s.attest(model, PredicateTypes.COSIGN_CUSTOM, predicate, work.resolve("dsse-" + n + ".json")));
        n++;
      }
    }
    for (AttestationEntryKind kind : AttestationEntryKind.values()) {
      bundles.add(keyless.withAttestationEntryKind(kind).attest(model, PredicateTypes.COSIGN_CUSTOM, predicate, work.resolve("kind-" + kind + ".json")));
    }
    KeySigner key = sigstore.keySigner();
    bundles.add(key.signBundle(model, work.resolve("key-message.json")));
    bundles.add(key.attest(model, PredicateTypes.COSIGN_CUSTOM, predicate, work.resolve("key-dsse.json")));
    for (Tamper tamper : Tamper.values()) {
      bundles.add(sigstore.fixture(work.resolve("tamper-" + tamper), tamper).signature());
    }
    List<Path> legacy = List.of(
        keyless.signLegacyCosign(model, work.resolve("legacy-message.json")),
        keyless.attestLegacyCosign(model, PredicateTypes.COSIGN_CUSTOM, predicate, work.resolve("legacy-dsse.json")),
        key.signLegacyCosign(model, work.resolve("legacy-key-message.json")),
        key.attestLegacyCosign(model, PredicateTypes.COSIGN_CUSTOM, predicate, work.resolve("legacy-key-dsse.json")));

    for (Path b : bundles) {
      bundle(Files.readAllBytes(b), root, "sigstoreBundle");
    }
    for (Path b : legacy) {
      bundle(Files.readAllBytes(b), root, "legacyCosignBundle");
    }
    if (unit.publicKeyPem().isPresent()) {
      seed("X509FuzzTest", "pem", unit.publicKeyPem().get().getBytes(StandardCharsets.UTF_8));
    }
    for (Path policy : policies()) {
      String name = policy.getFileName().toString();
      seed("PolicyFuzzTest", name.startsWith("kyverno") ? "kyvernoPolicy" : "policyFile", Files.readAllBytes(policy));
    }
  }

  /** The example policies in core's test resources, when run from the module directory. */
  private static List<Path> policies() throws IOException {
    Path dir = Path.of("src", "test", "resources", "policies");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /**
   * Seeds the bundle targets with {@code bytes} and, from its parts, the envelope, statement, entry
   * body, checkpoint, certificate, SCT, timestamp and end-to-end targets ({@code root} its trusted root).
   */
  private void bundle(byte[] bytes, byte[] root, String method) throws IOException {
    seed("BundleFuzzTest", method, bytes);
    seed("EndToEndFuzzTest", "evidence", Pair.join(root, bytes));
    JsonNode b;
    try {
      b = JSON.readTree(bytes);
    } catch (IOException notJson) {
      return;
    }
    if (b == null || !b.isObject()) {
      return;
    }
    JsonNode envelope = b.path("dsseEnvelope");
    if (envelope.isObject()) {
      seed("BundleFuzzTest", "dsseEnvelope", JSON.writeValueAsBytes(envelope));
      base64(envelope.path("payload")).ifPresent(p -> seed("StatementFuzzTest", "statement", p));
    }
    JsonNode material = b.path("verificationMaterial");
    for (JsonNode cert : material.path("x509CertificateChain").path("certificates")) {
      base64(cert.path("rawBytes")).ifPresent(this::certificate);
    }
    base64(material.path("certificate").path("rawBytes")).ifPresent(this::certificate);
    for (JsonNode entry : material.path("tlogEntries")) {
      base64(entry.path("canonicalizedBody")).ifPresent(body -> seed("TlogFuzzTest", "entryBody", body));
      JsonNode checkpoint = entry.path("inclusionProof").path("checkpoint").path("envelope");
      if (checkpoint.isTextual()) {
        seed("TlogFuzzTest", "checkpoint", checkpoint.asText().getBytes(StandardCharsets.UTF_8));
      }
    }
    Optional<byte[]> signature = base64(b.path("messageSignature").path("signature"));
    for (JsonNode ts : material.path("timestampVerificationData").path("rfc3161Timestamps")) {
      Optional<byte[]> stamp = base64(ts.path("signedTimestamp"));
      if (signature.isPresent() && stamp.isPresent()) {
        seed("TimestampFuzzTest", "rfc3161", Pair.join(signature.get(), stamp.get()));
      }
    }
    JsonNode legacyBody = b.path("rekorBundle").path("Payload").path("body");
    base64(legacyBody).ifPresent(body -> seed("TlogFuzzTest", "entryBody", body));
    base64(b.path("cert")).ifPresent(pem -> seed("X509FuzzTest", "pem", pem));
  }

  private static JsonNode parsed(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException notJson) {
      return null;
    }
  }

  private void certificate(byte[] der) {
    seed("X509FuzzTest", "der", der);
    seed("X509FuzzTest", "sct", der);
    String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END CERTIFICATE-----\n";
    seed("X509FuzzTest", "pem", pem.getBytes(StandardCharsets.UTF_8));
  }

  private static Optional<byte[]> base64(JsonNode node) {
    if (!node.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(node.asText()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Files of {@code ../shared/vectors} by what they are; read at run time, never committed. */
  private void fromVectors(Path vectors) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(vectors)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      String rel = vectors.relativize(f).toString().replace('\\', '/');
      byte[] bytes = Files.readAllBytes(f);
      if (name.startsWith("trusted_root") || name.startsWith("staging_trusted_root")) {
        seed("TrustedRootFuzzTest", "trustedRoot", bytes);
      } else if (rel.contains("/checkpoints/")) {
        seed("TlogFuzzTest", "checkpoint", bytes);
      } else if (name.endsWith(".pem") || name.endsWith(".pub")) {
        seed("X509FuzzTest", "pem", bytes);
      } else if (name.endsWith(".tsr")) {
        seed("TimestampFuzzTest", "rfc3161", Pair.join(new byte[0], bytes));
      } else if (rel.startsWith("cyclonedx-spec/") && name.endsWith(".json")
          && (rel.contains("/1.6/") || rel.contains("/1.7/"))) {
        seed("SbomFuzzTest", "cycloneDx", bytes);
      } else if (rel.startsWith("oms/") && (name.endsWith(".sig") || name.endsWith(".bundle.json"))) {
        seed("ModelSignatureFuzzTest", "modelSignature", bytes);
        JsonNode b = parsed(bytes);
        if (b != null) {
          base64(b.path("dsseEnvelope").path("payload")).ifPresent(p -> seed("ModelSignatureFuzzTest", "manifest", p));
        }
      } else if (name.endsWith(".sigstore.json") || name.endsWith(".sigstore")
          || (rel.startsWith("real-bundles/") && name.endsWith(".json") && !name.contains("root"))) {
        Path root = f.resolveSibling("trusted_root.json");
        if (Files.isRegularFile(root)) {
          bundle(bytes, Files.readAllBytes(root), "sigstoreBundle");
        } else {
          seed("BundleFuzzTest", "sigstoreBundle", bytes);
        }
      }
    }
  }

  private void seed(String testClass, String method, byte[] bytes) {
    Path dir = out.resolve(PKG + testClass).resolve(method);
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(sha1(bytes));
      if (!Files.exists(file)) {
        Files.write(file, bytes);
        written++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
