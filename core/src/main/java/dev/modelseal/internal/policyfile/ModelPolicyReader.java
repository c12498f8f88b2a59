package dev.modelseal.internal.policyfile;

import dev.modelseal.EnforcementMode;
import dev.modelseal.Identity;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.Reason;
import dev.modelseal.TrustRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a ModelSeal policy document ({@code apiVersion: modelseal.dev/v1}, {@code kind:
 * ModelPolicy}) into a {@link Policy}, strictly: every unknown field, wrong type or unknown value is
 * an {@link Reason#INVALID_POLICY} naming the file and the field path, because an ignored line in a
 * security policy is a rule that silently does not apply.
 */
public final class ModelPolicyReader {
  /** The only {@code apiVersion} of the format. */
  public static final String API_VERSION = "modelseal.dev/v1";
  /** The only {@code kind} of the format. */
  public static final String KIND = "ModelPolicy";
  /** The {@code trustRoot} value that selects the Sigstore public-good instance. */
  public static final String PUBLIC_GOOD = "sigstore-public-good";
  /** Largest key file a {@code keys[].path} may name; PEM public keys are well under 2 KiB. */
  static final int MAX_KEY_FILE_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ModelPolicyReader.class);
  private static final Set<String> FIELDS = Set.of(
      "apiVersion", "kind", "mode", "trustRoot", "identities", "keys", "attestations", "sbom");
  private static final Set<String> IDENTITY_FIELDS = Set.of("issuer", "subject", "subjectRegExp");
  private static final Set<String> KEY_FIELDS = Set.of("path", "pem");
  private static final Set<String> ATTESTATION_FIELDS = Set.of("type", "predicateType", "conditions");

  private ModelPolicyReader() {}

  /**
   * Builds the policy {@code document} describes. With {@code explicitTrustRoot} non-null the
   * document's {@code trustRoot} is only type-checked and the explicit one is used.
   */
  public static Policy read(PolicyDocument document, TrustRoot explicitTrustRoot)
      throws ModelVerificationException {
    PolicyNode root = PolicyNode.root(document.root(), document.source());
    expect(root, "apiVersion", API_VERSION);
    expect(root, "kind", KIND);
    root.allowOnly(FIELDS);

    Policy.Builder policy = Policy.builder();
    policy.mode(mode(root));
    policy.trustRoot(trustRoot(root, document.baseDir(), explicitTrustRoot));

    Signers signers = new Signers();
    for (PolicyNode identity : root.list("identities")) {
      signers.add(identity(identity));
    }
    for (PolicyNode key : root.list("keys")) {
      signers.add(key(key, document.baseDir()));
    }
    if (signers.isEmpty()) {
      throw root.error("the policy allows no signer: list at least one entry under identities or"
          + " keys (a policy that accepts anyone does not exist)");
    }
    signers.applyTo(policy);

    for (PolicyNode attestation : root.list("attestations")) {
      attestation.allowOnly(ATTESTATION_FIELDS);
      policy.requireAttestation(AttestationEntry.read(attestation));
    }
    PolicyNode sbom = root.opt("sbom");
    if (sbom != null) {
      policy.requireSbom(SbomSection.read(sbom));
    }
    return policy.build();
  }

  /** Fails unless {@code field} holds exactly {@code expected}. */
  static void expect(PolicyNode root, String field, String expected) throws ModelVerificationException {
    if (!root.has(field)) {
      throw root.error(field, "missing (expected " + expected + ")");
    }
    String value = root.string(field);
    if (!value.equals(expected)) {
      throw root.error(field, "unknown value '" + value + "' (expected " + expected + ")");
    }
  }

  private static EnforcementMode mode(PolicyNode root) throws ModelVerificationException {
    String mode = root.optString("mode");
    if (mode == null) {
      return EnforcementMode.ENFORCE;
    }
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "enforce" -> EnforcementMode.ENFORCE;
      case "audit" -> EnforcementMode.AUDIT;
      default -> throw root.error("mode", "unknown value '" + mode + "' (expected Enforce or Audit)");
    };
  }

  private static TrustRoot trustRoot(PolicyNode root, Path baseDir, TrustRoot explicit)
      throws ModelVerificationException {
    String value = root.optString("trustRoot");
    if (explicit != null) {
      if (value != null) {
        LOG.debug("{}: trustRoot '{}' in the file is overridden by the trust root passed in ({})",
            root.source(), value, explicit.source());
      }
      return explicit;
    }
    if (value == null) {
      throw root.error("trustRoot", "missing: name a trusted_root.json (relative to the policy file) or "
          + PUBLIC_GOOD + ", or pass a TrustRoot to PolicyFiles.read");
    }
    if (value.equals(PUBLIC_GOOD)) {
      return TrustRoot.sigstorePublicGood();
    }
    PolicyNode field = root.get("trustRoot");
    Path file = resolve(field, value, baseDir);
    if (!Files.isRegularFile(file)) {
      throw field.error(file + ": trusted root file not found");
    }
    try {
      return TrustRoot.fromJson(file);
    } catch (ModelVerificationException e) {
      Reason reason = e.reason() == Reason.MISSING_EVIDENCE ? Reason.INVALID_POLICY : e.reason();
      throw new ModelVerificationException(reason,
          root.source() + ": trustRoot: " + e.getMessage(), e);
    }
  }

  private static Identity identity(PolicyNode node) throws ModelVerificationException {
    node.requireObject();
    if (node.has("issuerRegExp")) {
      throw node.error("issuerRegExp", "not supported: the OIDC issuer must be pinned exactly (issuer)");
    }
    node.allowOnly(IDENTITY_FIELDS);
    String issuer = node.string("issuer");
    String subject = node.optString("subject");
    String regex = node.optString("subjectRegExp");
    if ((subject == null) == (regex == null)) {
      throw node.error(subject == null
          ? "missing subject: give subject (exact) or subjectRegExp (whole-subject regex)"
          : "give subject or subjectRegExp, not both");
    }
    try {
      return subject != null ? Identity.exact(subject, issuer) : Identity.regex(regex, issuer);
    } catch (IllegalArgumentException e) {
      throw node.error(subject != null ? "subject" : "subjectRegExp", e.getMessage());
    }
  }

  private static PublicKey key(PolicyNode node, Path baseDir) throws ModelVerificationException {
    node.allowOnly(KEY_FIELDS);
    boolean hasPath = node.has("path");
    if (hasPath == node.has("pem")) {
      throw node.error(hasPath ? "give path or pem, not both" : "missing path (a PEM file) or pem");
    }
    if (!hasPath) {
      return PublicKeyText.parse(node.string("pem"), false, node.get("pem")).get(0);
    }
    PolicyNode field = node.get("path");
    Path file = resolve(field, field.text(), baseDir);
    return PublicKeyText.parse(readKeyFile(field, file), false, field).get(0);
  }

  private static String readKeyFile(PolicyNode field, Path file) throws ModelVerificationException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw field.error(file + ": key file not found");
    } catch (IOException e) {
      throw field.error(file + ": cannot read key file: " + e);
    }
    if (bytes.length > MAX_KEY_FILE_BYTES) {
      throw field.error(file + ": larger than " + MAX_KEY_FILE_BYTES + " bytes; not a PEM public key");
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /**
   * Resolves a path written in the policy against the policy file's directory. Absolute paths are
   * allowed: the policy is the operator's own file, not input that travels with a model.
   */
  static Path resolve(PolicyNode field, String value, Path baseDir) throws ModelVerificationException {
    Path p;
    try {
      p = Path.of(value);
    } catch (InvalidPathException e) {
      throw field.error("not a valid path: " + e.getReason());
    }
    if (p.isAbsolute()) {
      return p;
    }
    if (baseDir == null) {
      throw field.error("a relative path needs the policy file's directory, and there is none");
    }
    return baseDir.resolve(p).normalize();
  }
}
