package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A model delivery unit on disk, as one {@link Builder#write} call lays it out in a directory:
 *
 * <ul>
 *   <li>{@code <model>}: the model (default {@code model.onnx}, a real {@link TinyOnnx});
 *   <li>{@code <model>.bundle}: its signature, a Sigstore bundle with a message signature;
 *   <li>{@code <model>.attest.bundle}: a custom attestation (predicate {@link #DEFAULT_PREDICATE}
 *       wrapped as {@code cosign --type custom} does, predicate type {@link PredicateTypes#COSIGN_CUSTOM});
 *   <li>{@code <model>.sbom.bundle}: a CycloneDX attestation whose predicate is an {@link MlBom}
 *       (unwrapped, predicate type {@link PredicateTypes#CYCLONEDX});
 *   <li>{@code metadata.json}: {@code {"mediaType":MEDIA_TYPE,"model":..,"signature":..,
 *       "attestations":[..],"sbom":..}} naming the pieces written, relative to the directory;
 *   <li>{@code trusted_root.json}: the trusted root of the {@link FakeSigstore}.
 * </ul>
 *
 * <p>Every piece is valid except for the {@link AttestationTamper} chosen. The record lists what
 * was written (skipped pieces are empty) and what a policy should expect.
 *
 * @param directory the directory holding the unit
 * @param model the model file
 * @param modelSha256Hex the SHA-256 the evidence signs, lowercase hex: the model file's, unless
 *     {@link AttestationTamper#FLIPPED_MODEL_BYTE} changed the file afterwards
 * @param signature {@code <model>.bundle}, unless skipped
 * @param attestation {@code <model>.attest.bundle}, unless skipped
 * @param sbom {@code <model>.sbom.bundle}, unless skipped
 * @param metadata {@code metadata.json}, unless skipped
 * @param trustedRoot {@code trusted_root.json}, unless skipped
 * @param identity the certificate identity a policy should require (keyless signers)
 * @param issuer the OIDC issuer a policy should require (keyless signers)
 * @param publicKeyPem the key a verifier must pin (key signers)
 * @param tamper the one defect planted, or {@link AttestationTamper#NONE}
 */
public record DeliveryUnit(
    Path directory,
    Path model,
    String modelSha256Hex,
    Optional<Path> signature,
    Optional<Path> attestation,
    Optional<Path> sbom,
    Optional<Path> metadata,
    Optional<Path> trustedRoot,
    Optional<String> identity,
    Optional<String> issuer,
    Optional<String> publicKeyPem,
    AttestationTamper tamper) {

  /** The {@code mediaType} of {@code metadata.json}. */
  public static final String MEDIA_TYPE = "application/vnd.modelseal.delivery+json;version=1";
  public static final String DEFAULT_MODEL_NAME = "model.onnx";
  public static final String METADATA_FILE = "metadata.json";
  public static final String TRUSTED_ROOT_FILE = "trusted_root.json";
  /** The file {@link #writePolicy()} writes in the unit's directory. */
  public static final String POLICY_FILE = "policy.yaml";
  /** The conditions {@link #policyYaml()} sets; {@link #DEFAULT_PREDICATE} passes them. */
  public static final String MIN_ACCURACY = "0.85";
  /** The safety pass rate {@link #policyYaml()} requires at least. */
  public static final String MIN_SAFETY_PASS_RATE = "0.99";
  /** The identity of the default signer. */
  public static final String IDENTITY = FixtureFactory.IDENTITY;
  /** The OIDC issuer of the default signer. */
  public static final String ISSUER = FixtureFactory.ISSUER;
  /** The user's predicate file that the default attestation wraps as cosign custom. */
  public static final String DEFAULT_PREDICATE = "{\"eval\":{\"accuracy\":0.91,\"safety_pass_rate\":0.995},"
      + "\"training\":{\"run\":\"run-42\",\"data_version\":\"2026-10\"},\"reviewers\":[\"alice@example.com\"]}";

  /** Returns a builder for a unit signed by {@code sigstore}'s default keyless signer. */
  public static Builder builder(FakeSigstore sigstore) {
    return new Builder(Objects.requireNonNull(sigstore, "sigstore"));
  }

  /** {@code <model>.bundle}. */
  public static String signatureName(String modelName) {
    return modelName + ".bundle";
  }

  /** {@code <model>.attest.bundle}. */
  public static String attestationName(String modelName) {
    return modelName + ".attest.bundle";
  }

  /** {@code <model>.sbom.bundle}. */
  public static String sbomName(String modelName) {
    return modelName + ".sbom.bundle";
  }

  /** Collects what to write; reusable, and {@link #write} may be called for several directories. */
  public static final class Builder {
    private final FakeSigstore sigstore;
    private String modelName = DEFAULT_MODEL_NAME;
    private byte[] modelBytes;
    private Signing signing;
    private String predicate = DEFAULT_PREDICATE;
    private MlBom bom;
    private boolean writeSignature = true;
    private boolean writeAttestation = true;
    private boolean writeSbom = true;
    private boolean writeMetadata = true;
    private boolean writeTrustedRoot = true;
    private AttestationTamper tamper = AttestationTamper.NONE;

    private Builder(FakeSigstore sigstore) {
      this.sigstore = sigstore;
      this.signing = Signing.of(sigstore.signer(IDENTITY, ISSUER));
    }

    /** Sets the model's file name (default {@code model.onnx}); a plain name, no directories. */
    public Builder modelName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
        throw new IllegalArgumentException("the model name must be a plain file name: " + name);
      }
      this.modelName = name;
      return this;
    }

    /** Sets the model's content (default: {@link TinyOnnx#create()}'s bytes). */
    public Builder model(byte[] bytes) {
      this.modelBytes = Objects.requireNonNull(bytes, "bytes").clone();
      return this;
    }

    /** Signs and attests with {@code signer} (default: {@link #IDENTITY} / {@link #ISSUER}, no TSA). */
    public Builder signer(KeylessSigner signer) {
      this.signing = Signing.of(Objects.requireNonNull(signer, "signer"));
      return this;
    }

    /** Signs and attests with {@code signer}'s key. */
    public Builder signer(KeySigner signer) {
      this.signing = Signing.of(Objects.requireNonNull(signer, "signer"));
      return this;
    }

    /** Replaces the user predicate the custom attestation wraps (default {@link #DEFAULT_PREDICATE}). */
    public Builder predicate(String userJson) {
      this.predicate = Objects.requireNonNull(userJson, "userJson");
      return this;
    }

    /** Replaces the SBOM (default: {@link MlBom#typical} of the model, stamped with the sigstore clock). */
    public Builder bom(MlBom replacement) {
      this.bom = Objects.requireNonNull(replacement, "replacement");
      return this;
    }

    public Builder withoutSignature() {
      this.writeSignature = false;
      return this;
    }

    public Builder withoutAttestation() {
      this.writeAttestation = false;
      return this;
    }

    public Builder withoutSbom() {
      this.writeSbom = false;
      return this;
    }

    public Builder withoutMetadata() {
      this.writeMetadata = false;
      return this;
    }

    public Builder withoutTrustedRoot() {
      this.writeTrustedRoot = false;
      return this;
    }

    /** Plants {@code defect} (default {@link AttestationTamper#NONE}). */
    public Builder tamper(AttestationTamper defect) {
      this.tamper = Objects.requireNonNull(defect, "defect");
      return this;
    }

    /** Writes the unit into {@code dir} (created if missing), replacing files of the same names. */
    public DeliveryUnit write(Path dir) {
      Objects.requireNonNull(dir, "dir");
      if (isAttestationTamper(tamper) && !writeAttestation) {
        throw new IllegalStateException(tamper + " needs the attestation, which is skipped");
      }
      if (isSbomTamper(tamper) && !writeSbom) {
        throw new IllegalStateException(tamper + " needs the SBOM, which is skipped");
      }
      byte[] content = modelBytes != null ? modelBytes.clone() : TinyOnnx.create().bytes();
      if (tamper == AttestationTamper.FLIPPED_MODEL_BYTE && content.length == 0) {
        throw new IllegalStateException("FLIPPED_MODEL_BYTE needs a model of at least one byte");
      }
      byte[] digest = Sha256.of(content);
      String digestHex = HexFormat.of().formatHex(digest);
      byte[] onDisk = content.clone();
      if (tamper == AttestationTamper.FLIPPED_MODEL_BYTE) {
        onDisk[onDisk.length / 2] ^= 0x01;
      }
      Path model = OutputFile.write(dir.resolve(modelName), onDisk);

      Optional<Path> signature = Optional.empty();
      if (writeSignature) {
        signature = Optional.of(OutputFile.write(dir.resolve(signatureName(modelName)), signing.messageBundle(digest)));
      }
      Optional<Path> attestation = Optional.empty();
      if (writeAttestation) {
        attestation = Optional.of(OutputFile.write(dir.resolve(attestationName(modelName)), customAttestation(digest)));
      }
      Optional<Path> sbom = Optional.empty();
      if (writeSbom) {
        String bomJson = tamperedBom(digestHex).json();
        sbom = Optional.of(OutputFile.write(dir.resolve(sbomName(modelName)),
            signing.attestationBundle(modelName, digest, PredicateTypes.CYCLONEDX, bomJson)));
      }
      Optional<Path> metadata = Optional.empty();
      if (writeMetadata) {
        metadata = Optional.of(OutputFile.write(dir.resolve(METADATA_FILE), metadataJson(signature, attestation, sbom)));
      }
      Optional<Path> trustedRoot = writeTrustedRoot
          ? Optional.of(sigstore.writeTrustedRoot(dir.resolve(TRUSTED_ROOT_FILE)))
          : Optional.empty();
      return new DeliveryUnit(dir, model, digestHex, signature, attestation, sbom, metadata, trustedRoot,
          signing.identity(), signing.issuer(), signing.publicKeyPem(), tamper);
    }

    private String customAttestation(byte[] digest) {
      byte[] subject = tamper == AttestationTamper.WRONG_SUBJECT
          ? Sha256.of(AttestationTamper.OTHER_CONTENT.getBytes(StandardCharsets.UTF_8))
          : digest;
      String predicateType = tamper == AttestationTamper.WRONG_PREDICATE_TYPE
          ? AttestationTamper.OTHER_PREDICATE_TYPE
          : PredicateTypes.COSIGN_CUSTOM;
      String userJson = tamper == AttestationTamper.FAILING_PREDICATE ? failing(predicate) : predicate;
      String wrapped = Predicates.cosignCustom(userJson, sigstore.clock().instant());
      return signing.attestationBundle(modelName, subject, predicateType, wrapped);
    }

    /** The predicate with {@code eval.accuracy} set to 0.80, keeping every other member and the order. */
    private static String failing(String userJson) {
      ObjectNode root;
      try {
        root = JsonText.parseObject(userJson, "predicate");
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("FAILING_PREDICATE needs a JSON object predicate", e);
      }
      JsonNode eval = root.get("eval");
      ObjectNode evalObject = eval instanceof ObjectNode object ? object : root.putObject("eval");
      evalObject.put("accuracy", new BigDecimal(AttestationTamper.FAILING_ACCURACY));
      return JsonText.compact(root);
    }

    private MlBom tamperedBom(String digestHex) {
      MlBom base = bom != null
          ? bom
          : MlBom.typical(modelName, digestHex).timestamp(sigstore.clock().instant()).build();
      return switch (tamper) {
        case SBOM_WITHOUT_DATASET_LICENSES -> base.toBuilder().withoutDatasetLicenses().build();
        case SBOM_DENIED_LICENSE -> {
          List<MlBom.Dataset> datasets = new ArrayList<>(base.datasets());
          if (datasets.isEmpty()) {
            throw new IllegalStateException("SBOM_DENIED_LICENSE needs a BOM with a dataset");
          }
          datasets.set(0, datasets.get(0).withLicense(MlBom.License.id(AttestationTamper.DENIED_LICENSE)));
          yield base.toBuilder().datasets(datasets).build();
        }
        case SBOM_MODEL_HASH_MISMATCH -> base.toBuilder()
            .modelSha256Hex(MlBom.hexSha256(AttestationTamper.OTHER_CONTENT))
            .build();
        default -> base;
      };
    }

    private String metadataJson(Optional<Path> signature, Optional<Path> attestation, Optional<Path> sbom) {
      ObjectNode metadata = JsonText.object();
      metadata.put("mediaType", MEDIA_TYPE);
      metadata.put("model", modelName);
      signature.ifPresent(file -> metadata.put("signature", file.getFileName().toString()));
      ArrayNode attestations = metadata.putArray("attestations");
      attestation.ifPresent(file -> attestations.add(file.getFileName().toString()));
      sbom.ifPresent(file -> metadata.put("sbom", file.getFileName().toString()));
      return JsonText.print(metadata);
    }

    private static boolean isAttestationTamper(AttestationTamper tamper) {
      return tamper == AttestationTamper.WRONG_SUBJECT || tamper == AttestationTamper.WRONG_PREDICATE_TYPE
          || tamper == AttestationTamper.FAILING_PREDICATE;
    }

    private static boolean isSbomTamper(AttestationTamper tamper) {
      return tamper.name().startsWith("SBOM_");
    }
  }

  /**
   * The ModelSeal policy (YAML, docs/policy-file.md) that this unit, as written, passes but for
   * its {@link #tamper()}: its trusted root (by absolute path), its signer (the identity and issuer
   * of a keyless signer, the public key of a key signer), and for each piece written, the
   * attestation with {@code eval.accuracy >= }{@value #MIN_ACCURACY} and {@code
   * eval.safety_pass_rate >= }{@value #MIN_SAFETY_PASS_RATE} (which {@link #DEFAULT_PREDICATE}
   * meets; another predicate may not) and an SBOM whose datasets are all licensed, none {@code
   * *-NC-*}. So every {@link AttestationTamper} is refused under it for its own reason.
   *
   * @throws IllegalStateException when the unit was written without its trusted root
   */
  public String policyYaml() {
    Path root = trustedRoot.orElseThrow(() -> new IllegalStateException(
        "the unit was written withoutTrustedRoot(); a policy needs the trusted root to verify against"));
    StringBuilder yaml = new StringBuilder()
        .append("apiVersion: modelseal.dev/v1\n")
        .append("kind: ModelPolicy\n")
        .append("mode: Enforce\n")
        .append("trustRoot: ").append(quoted(root.toAbsolutePath().toString())).append('\n');
    if (publicKeyPem.isPresent()) {
      yaml.append("keys:\n  - pem: ").append(quoted(publicKeyPem.get())).append('\n');
    } else {
      yaml.append("identities:\n  - issuer: ").append(quoted(issuer.orElseThrow())).append('\n')
          .append("    subject: ").append(quoted(identity.orElseThrow())).append('\n');
    }
    if (attestation.isPresent()) {
      yaml.append("""
          attestations:
            - type: custom
              conditions:
                - all:
                    - key: "{{ eval.accuracy }}"
                      operator: GreaterThanOrEquals
                      value: %s
                    - key: "{{ eval.safety_pass_rate }}"
                      operator: GreaterThanOrEquals
                      value: %s
          """.formatted(MIN_ACCURACY, MIN_SAFETY_PASS_RATE));
    }
    if (sbom.isPresent()) {
      yaml.append("""
          sbom:
            requireDatasetLicenses: true
            deniedLicenses: ["*-NC-*"]
          """);
    }
    return yaml.toString();
  }

  /** Writes {@link #policyYaml()} to {@value #POLICY_FILE} in the unit's directory and returns it. */
  public Path writePolicy() {
    return OutputFile.write(directory.resolve(POLICY_FILE), policyYaml());
  }

  /** A YAML double-quoted scalar: JSON's string syntax, which YAML reads the same. */
  private static String quoted(String text) {
    return JsonNodeFactory.instance.textNode(text).toString();
  }

  /** The two signer kinds behind one face, so the builder need not know which it has. */
  private record Signing(
      Function<byte[], String> messages,
      Attester attester,
      Optional<String> identity,
      Optional<String> issuer,
      Optional<String> publicKeyPem) {

    interface Attester {
      String bundle(String subjectName, byte[] digest, String predicateType, String predicateJson);
    }

    static Signing of(KeylessSigner signer) {
      return new Signing(signer::messageBundle, signer::attestationBundle,
          Optional.of(signer.identity()), Optional.of(signer.issuer()), Optional.empty());
    }

    static Signing of(KeySigner signer) {
      return new Signing(signer::messageBundle, signer::attestationBundle,
          Optional.empty(), Optional.empty(), Optional.of(signer.publicKeyPem()));
    }

    String messageBundle(byte[] digest) {
      return messages.apply(digest);
    }

    String attestationBundle(String subjectName, byte[] digest, String predicateType, String predicateJson) {
      return attester.bundle(subjectName, digest, predicateType, predicateJson);
    }
  }
}
