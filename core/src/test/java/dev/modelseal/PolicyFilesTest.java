package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.sbom.SbomLimits;
import dev.modelseal.internal.sbom.SbomRules;
import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ModelSeal policy file: the seed example end to end in YAML, JSON and Kyverno form, then every
 * field accepted and refused, and the bounds on the file itself.
 */
class PolicyFilesTest {
  static final String ISSUER = DeliveryUnit.ISSUER;
  static final String SUBJECT = DeliveryUnit.IDENTITY;
  static final String MINIMAL = """
      apiVersion: modelseal.dev/v1
      kind: ModelPolicy
      trustRoot: trusted_root.json
      identities:
        - issuer: %s
          subject: %s
      """.formatted(ISSUER, SUBJECT);

  @TempDir static Path dir;
  static FakeSigstore sigstore;
  static TrustRoot trustRoot;

  @BeforeAll
  static void trustedRoot() throws Exception {
    sigstore = FakeSigstore.create();
    trustRoot = TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("trusted_root.json")));
  }

  static Policy policy(String text) throws ModelVerificationException {
    return PolicyFiles.fromJsonOrYaml(text, dir);
  }

  /** Asserts that {@code text} is refused as an invalid policy and returns the message. */
  static String refused(String text) {
    return refusedBy(() -> policy(text));
  }

  static String refusedBy(ThrowingCallable call) {
    return refusedBy(call, Reason.INVALID_POLICY);
  }

  static String refusedBy(ThrowingCallable call, Reason reason) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isInstanceOf(ModelVerificationException.class);
    ModelVerificationException e = (ModelVerificationException) t;
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    return e.getMessage();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = PolicyFilesTest.class.getResourceAsStream("/policies/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static PublicKey newKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair().getPublic();
  }

  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The seed example, in each of its three forms, against real testkit delivery units. */
  @Nested
  class EndToEnd {
    @TempDir Path units;

    private DeliveryUnit unit(AttestationTamper tamper) {
      return DeliveryUnit.builder(sigstore).tamper(tamper).write(units.resolve(tamper.name()));
    }

    /** Reads the policy resource {@code name} placed next to the unit's model. */
    private Policy policyFor(DeliveryUnit unit, String name, boolean audit) throws Exception {
      String text = resource(name);
      if (audit) {
        text = text.replace("Enforce", "Audit");
      }
      Path file = Files.writeString(unit.directory().resolve(name), text);
      if (name.startsWith("kyverno")) {
        return PolicyFiles.fromKyverno(file, TrustRoot.fromJson(unit.trustedRoot().orElseThrow()));
      }
      return PolicyFiles.read(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-policy.yaml", "model-policy.json", "kyverno-clusterpolicy.yaml"})
    void theGoodUnitLoads(String form) throws Exception {
      DeliveryUnit unit = unit(AttestationTamper.NONE);
      try (VerifiedModel m = VerifiedModel.load(unit.model(), policyFor(unit, form, false))) {
        assertThat(m.signer().subject()).isEqualTo(SUBJECT);
        assertThat(m.report().violations()).isEmpty();
        assertThat(m.report().checks()).extracting(Check::name).contains("attestation", "sbom");
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-policy.yaml", "model-policy.json", "kyverno-clusterpolicy.yaml"})
    void anAccuracyOf080FailsTheCondition(String form) throws Exception {
      DeliveryUnit unit = unit(AttestationTamper.FAILING_PREDICATE);
      Policy policy = policyFor(unit, form, false);
      String message = refusedBy(() -> VerifiedModel.load(unit.model(), policy), Reason.CONDITION_FAILED);
      assertThat(message).contains("eval.accuracy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-policy.yaml", "model-policy.json", "kyverno-clusterpolicy.yaml"})
    void datasetsWithoutLicensesBreakTheSbomRules(String form) throws Exception {
      DeliveryUnit unit = unit(AttestationTamper.SBOM_WITHOUT_DATASET_LICENSES);
      Policy policy = policyFor(unit, form, false);
      refusedBy(() -> VerifiedModel.load(unit.model(), policy), Reason.SBOM_VIOLATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-policy.yaml", "model-policy.json", "kyverno-clusterpolicy.yaml"})
    void aNonCommercialDatasetLicenseIsDenied(String form) throws Exception {
      DeliveryUnit unit = unit(AttestationTamper.SBOM_DENIED_LICENSE);
      Policy policy = policyFor(unit, form, false);
      assertThat(refusedBy(() -> VerifiedModel.load(unit.model(), policy), Reason.SBOM_VIOLATION))
          .contains(AttestationTamper.DENIED_LICENSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-policy.yaml", "model-policy.json", "kyverno-clusterpolicy.yaml"})
    void auditModeFromTheFileAdmitsTheFailingModelAndReportsIt(String form) throws Exception {
      DeliveryUnit unit = unit(AttestationTamper.FAILING_PREDICATE);
      Policy policy = policyFor(unit, form, true);
      assertThat(policy.mode()).isEqualTo(EnforcementMode.AUDIT);
      try (VerifiedModel m = VerifiedModel.load(unit.model(), policy)) {
        assertThat(m.report().violations()).isNotEmpty()
            .anySatisfy(c -> assertThat(c.detail()).contains("eval.accuracy"));
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"model-policy.yaml", "model-policy.json", "kyverno-clusterpolicy.yaml"})
    void auditModeAdmitsAnotherSignerButReportsIt(String form) throws Exception {
      DeliveryUnit unit = DeliveryUnit.builder(sigstore)
          .signer(sigstore.signer("mallory@modelseal.test", ISSUER))
          .write(units.resolve("mallory"));
      Policy policy = policyFor(unit, form, true);
      try (VerifiedModel m = VerifiedModel.load(unit.model(), policy)) {
        // IDENTITY_MISMATCH is a policy violation, admitted and reported in AUDIT mode.
        assertThat(m.report().violations()).isNotEmpty()
            .allSatisfy(c -> assertThat(c.name()).isEqualTo("policy (IDENTITY_MISMATCH)"));
      }
      Policy enforced = policyFor(unit, form, false);
      refusedBy(() -> VerifiedModel.load(unit.model(), enforced), Reason.IDENTITY_MISMATCH);
    }

    @Test
    void theThreeFormsReadAsTheSamePolicy() throws Exception {
      DeliveryUnit unit = unit(AttestationTamper.NONE);
      Policy yaml = policyFor(unit, "model-policy.yaml", false);
      for (Policy other : List.of(policyFor(unit, "model-policy.json", false),
          policyFor(unit, "kyverno-clusterpolicy.yaml", false))) {
        assertThat(other.mode()).isEqualTo(yaml.mode()).isEqualTo(EnforcementMode.ENFORCE);
        assertThat(other.identities()).isEqualTo(yaml.identities()).hasSize(2);
        assertThat(other.keys()).isEmpty();
        assertThat(other.attestations()).hasSize(1);
        assertThat(other.attestations().get(0).predicateType())
            .isEqualTo(yaml.attestations().get(0).predicateType())
            .isEqualTo(Predicates.COSIGN_CUSTOM);
        assertThat(other.attestations().get(0).conditionsJson())
            .isEqualTo(yaml.attestations().get(0).conditionsJson());
        assertThat(other.sbom().orElseThrow().rules()).isEqualTo(yaml.sbom().orElseThrow().rules());
      }
      assertThat(yaml.sbom().orElseThrow().rules()).isEqualTo(new SbomRules(true, true,
          List.of("*-NC-*", "research-only"), List.of("modelParameters.task"),
          new SbomLimits(16_777_216, 64, 50_000)));
    }

    @Test
    void aKeyPinnedByPathVerifiesAKeySignedModel() throws Exception {
      var signer = sigstore.keySigner();
      DeliveryUnit unit = DeliveryUnit.builder(sigstore).signer(signer).write(units.resolve("key"));
      signer.writePublicKey(unit.directory().resolve("cosign.pub"));
      Path file = Files.writeString(unit.directory().resolve("policy.yaml"), """
          apiVersion: modelseal.dev/v1
          kind: ModelPolicy
          trustRoot: trusted_root.json
          keys:
            - path: cosign.pub
          """);
      try (VerifiedModel m = VerifiedModel.load(unit.model(), PolicyFiles.read(file))) {
        assertThat(m.signer().isKeyless()).isFalse();
      }
    }
  }

  @Nested
  class Header {
    @Test
    void theMinimalPolicyIsAccepted() throws Exception {
      Policy p = policy(MINIMAL);
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
      assertThat(p.mode()).isEqualTo(EnforcementMode.ENFORCE);
      assertThat(p.attestations()).isEmpty();
      assertThat(p.sbom()).isEmpty();
      assertThat(p.trustRoot().source()).endsWith("trusted_root.json");
    }

    @Test
    void apiVersionIsRequired() {
      assertThat(refused(MINIMAL.replace("apiVersion: modelseal.dev/v1\n", "")))
          .contains("apiVersion: missing");
    }

    @Test
    void anUnknownApiVersionIsRefused() {
      assertThat(refused(MINIMAL.replace("modelseal.dev/v1", "modelseal.dev/v2")))
          .contains("apiVersion: unknown value 'modelseal.dev/v2'");
    }

    @Test
    void kindIsRequired() {
      assertThat(refused(MINIMAL.replace("kind: ModelPolicy\n", ""))).contains("kind: missing");
    }

    @Test
    void anUnknownKindIsRefused() {
      assertThat(refused(MINIMAL.replace("ModelPolicy", "ClusterPolicy")))
          .contains("kind: unknown value 'ClusterPolicy'");
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedByName() {
      assertThat(refused(MINIMAL + "requireSignatures: true\n"))
          .contains("(policy text): requireSignatures: unknown field");
    }

    @Test
    void aKyvernoPolicyNeedsATrustRootFromTheCaller() throws Exception {
      Path file = Files.writeString(dir.resolve("kyverno-for-read.yaml"), resource("kyverno-clusterpolicy.yaml"));
      assertThat(refusedBy(() -> PolicyFiles.read(file))).contains("fromKyverno");
      Policy p = PolicyFiles.read(file, trustRoot);
      assertThat(p.attestations()).hasSize(1);
      assertThat(p.trustRoot()).isSameAs(trustRoot);
    }
  }

  @Nested
  class Mode {
    @ParameterizedTest
    @ValueSource(strings = {"Enforce", "enforce", "ENFORCE"})
    void enforceInAnyCase(String value) throws Exception {
      assertThat(policy(MINIMAL + "mode: " + value + "\n").mode()).isEqualTo(EnforcementMode.ENFORCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Audit", "audit", "AUDIT"})
    void auditInAnyCase(String value) throws Exception {
      assertThat(policy(MINIMAL + "mode: " + value + "\n").mode()).isEqualTo(EnforcementMode.AUDIT);
    }

    @Test
    void anUnknownModeIsRefused() {
      assertThat(refused(MINIMAL + "mode: Block\n")).contains("mode: unknown value 'Block'");
    }

    @Test
    void aModeThatIsNotAStringIsRefused() {
      assertThat(refused(MINIMAL + "mode: 1\n")).contains("mode: expected a string, found a number");
    }
  }

  @Nested
  class TrustRootField {
    @Test
    void anAbsolutePathIsAccepted() throws Exception {
      String text = MINIMAL.replace("trustRoot: trusted_root.json",
          "trustRoot: '" + dir.resolve("trusted_root.json").toAbsolutePath() + "'");
      assertThat(PolicyFiles.fromJsonOrYaml(text, dir.resolve("elsewhere")).trustRoot().source())
          .isEqualTo(dir.resolve("trusted_root.json").toAbsolutePath().toString());
    }

    @Test
    void aRelativePathResolvesAgainstThePolicyFilesDirectory() throws Exception {
      Path sub = Files.createDirectories(dir.resolve("policies"));
      Path file = Files.writeString(sub.resolve("policy.yaml"),
          MINIMAL.replace("trusted_root.json", "../trusted_root.json"));
      assertThat(PolicyFiles.read(file).trustRoot().source())
          .isEqualTo(dir.resolve("trusted_root.json").toAbsolutePath().normalize().toString());
    }

    @Test
    void aMissingTrustedRootFileIsRefused() {
      assertThat(refused(MINIMAL.replace("trusted_root.json", "nowhere.json")))
          .contains("trustRoot:").contains("nowhere.json");
    }

    @Test
    void withoutTrustRootAndWithoutAnExplicitOneTheFileIsRefused() {
      assertThat(refused(MINIMAL.replace("trustRoot: trusted_root.json\n", "")))
          .contains("trustRoot: missing");
    }

    @Test
    void aTrustRootThatIsNotAStringIsRefused() {
      assertThat(refused(MINIMAL.replace("trustRoot: trusted_root.json", "trustRoot: [a]")))
          .contains("trustRoot: expected a string");
    }

    @Test
    void aMalformedTrustedRootKeepsItsOwnReason() throws Exception {
      Files.writeString(dir.resolve("broken_root.json"), "{\"mediaType\": 3}");
      String message = refusedBy(() -> policy(MINIMAL.replace("trusted_root.json", "broken_root.json")),
          Reason.INVALID_TRUST_ROOT);
      assertThat(message).contains("trustRoot:");
    }

    @Test
    void anExplicitTrustRootWinsOverTheFile() throws Exception {
      // Neither the public-good word nor a missing file is loaded when the caller passes a root.
      for (String value : List.of("sigstore-public-good", "does-not-exist.json")) {
        Path file = Files.writeString(dir.resolve("explicit.yaml"),
            MINIMAL.replace("trustRoot: trusted_root.json", "trustRoot: " + value));
        assertThat(PolicyFiles.read(file, trustRoot).trustRoot()).isSameAs(trustRoot);
      }
    }

    @Test
    void anExplicitTrustRootStillTypeChecksTheField() throws Exception {
      Path file = Files.writeString(dir.resolve("explicit-bad.yaml"),
          MINIMAL.replace("trustRoot: trusted_root.json", "trustRoot: 42"));
      assertThat(refusedBy(() -> PolicyFiles.read(file, trustRoot))).contains("trustRoot: expected a string");
    }

    @Test
    void theFileMayOmitTrustRootWhenTheCallerPassesOne() throws Exception {
      Path file = Files.writeString(dir.resolve("no-root.yaml"),
          MINIMAL.replace("trustRoot: trusted_root.json\n", ""));
      assertThat(PolicyFiles.read(file, trustRoot).trustRoot()).isSameAs(trustRoot);
    }
  }

  @Nested
  class Identities {
    private static final String HEAD = """
        apiVersion: modelseal.dev/v1
        kind: ModelPolicy
        trustRoot: trusted_root.json
        """;

    @Test
    void anExactSubjectIsAccepted() throws Exception {
      Identity id = policy(MINIMAL).identities().get(0);
      assertThat(id.matches(List.of(SUBJECT), ISSUER)).isTrue();
      assertThat(id.matches(List.of(SUBJECT + "x"), ISSUER)).isFalse();
    }

    @Test
    void aSubjectRegExpMustMatchTheWholeSubject() throws Exception {
      Identity id = policy(HEAD + """
          identities:
            - issuer: https://accounts.google.com
              subjectRegExp: '.*@acme\\.com'
          """).identities().get(0);
      assertThat(id.matches(List.of("alice@acme.com"), "https://accounts.google.com")).isTrue();
      assertThat(id.matches(List.of("alice@acme.com.evil.org"), "https://accounts.google.com")).isFalse();
      assertThat(id.matches(List.of("alice@acme.com"), "https://evil.example")).isFalse();
    }

    @Test
    void theIssuerIsRequired() {
      assertThat(refused(HEAD + "identities:\n  - subject: a@b.c\n")).contains("identities[0].issuer: missing");
    }

    @Test
    void issuerRegExpIsRefused() {
      assertThat(refused(HEAD + """
          identities:
            - issuerRegExp: https://.*
              subject: a@b.c
          """)).contains("identities[0].issuerRegExp: not supported");
    }

    @Test
    void subjectAndSubjectRegExpTogetherAreRefused() {
      assertThat(refused(HEAD + """
          identities:
            - issuer: https://i.example
              subject: a@b.c
              subjectRegExp: .*
          """)).contains("identities[0]: give subject or subjectRegExp, not both");
    }

    @Test
    void anIdentityWithoutSubjectIsRefused() {
      assertThat(refused(HEAD + "identities:\n  - issuer: https://i.example\n"))
          .contains("identities[0]: missing subject");
    }

    @Test
    void anInvalidRegexIsRefused() {
      assertThat(refused(HEAD + """
          identities:
            - issuer: https://i.example
              subjectRegExp: '(unclosed'
          """)).contains("identities[0].subjectRegExp: invalid subject regex");
    }

    @Test
    void anUnknownIdentityFieldIsRefused() {
      assertThat(refused(MINIMAL.replace("    subject:", "    email: x\n    subject:")))
          .contains("identities[0].email: unknown field");
    }

    @Test
    void identitiesMustBeAList() {
      assertThat(refused(HEAD + "identities:\n  issuer: https://i.example\n"))
          .contains("identities: expected a list, found an object");
    }

    @Test
    void anIdentityMustBeAMapping() {
      assertThat(refused(HEAD + "identities:\n  - a@b.c\n"))
          .contains("identities[0]: expected an object, found a string");
    }

    @Test
    void aPolicyWithoutAnySignerIsRefused() {
      assertThat(refused(HEAD + "identities: []\n")).contains("allows no signer");
    }
  }

  @Nested
  class Keys {
    private static final String HEAD = """
        apiVersion: modelseal.dev/v1
        kind: ModelPolicy
        trustRoot: trusted_root.json
        keys:
        """;

    private String pemEntry(String pem) {
      return HEAD + "  - pem: |\n" + pem.indent(6);
    }

    @Test
    void anInlinePemKeyIsAccepted() throws Exception {
      PublicKey key = newKey();
      assertThat(policy(pemEntry(pem(key))).keys()).singleElement()
          .satisfies(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
    }

    @Test
    void aRelativeKeyPathResolvesAgainstTheBaseDirectory() throws Exception {
      PublicKey key = newKey();
      Files.writeString(dir.resolve("relative.pub"), pem(key));
      assertThat(policy(HEAD + "  - path: relative.pub\n").keys()).singleElement()
          .satisfies(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
    }

    @Test
    void anAbsoluteKeyPathIsAccepted() throws Exception {
      Path file = Files.writeString(dir.resolve("absolute.pub"), pem(newKey()));
      assertThat(policy(HEAD + "  - path: '" + file.toAbsolutePath() + "'\n").keys()).hasSize(1);
    }

    @Test
    void aMissingKeyFileIsRefused() {
      assertThat(refused(HEAD + "  - path: missing.pub\n")).contains("keys[0].path:").contains("not found");
    }

    @Test
    void pathAndPemTogetherAreRefused() throws Exception {
      assertThat(refused(HEAD + "  - path: a.pub\n    pem: x\n")).contains("keys[0]: give path or pem");
    }

    @Test
    void anEmptyKeyEntryIsRefused() {
      assertThat(refused(HEAD + "  - {}\n")).contains("keys[0]: missing path");
    }

    @Test
    void textThatIsNotPemIsRefused() {
      assertThat(refused(HEAD + "  - pem: not a key\n")).contains("keys[0].pem: not a PEM public key");
    }

    @Test
    void aCertificateBlockIsRefused() {
      String cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
      assertThat(refused(pemEntry(cert))).contains("keys[0].pem: found a CERTIFICATE block");
    }

    @Test
    void twoKeysInOnePemAreRefused() throws Exception {
      assertThat(refused(pemEntry(pem(newKey()) + pem(newKey()))))
          .contains("keys[0].pem: expected one PUBLIC KEY block, found 2");
    }

    @Test
    void anEd25519KeyIsRefused() throws Exception {
      PublicKey ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
      assertThat(refused(pemEntry(pem(ed)))).contains("keys[0].pem: unsupported key algorithm");
    }

    @Test
    void anUnknownKeyFieldIsRefused() {
      assertThat(refused(HEAD + "  - url: https://keys.example\n")).contains("keys[0].url: unknown field");
    }
  }

  @Nested
  class Attestations {
    private String with(String attestations) {
      return MINIMAL + "attestations:\n" + attestations.indent(2);
    }

    @Test
    void aCosignShortNameIsAccepted() throws Exception {
      assertThat(policy(with("- type: custom\n")).attestations()).singleElement()
          .satisfies(a -> assertThat(a.predicateType()).isEqualTo(Predicates.COSIGN_CUSTOM));
    }

    @Test
    void predicateTypeIsAcceptedAsTheFieldName() throws Exception {
      assertThat(policy(with("- predicateType: https://slsa.dev/provenance/v1\n")).attestations())
          .singleElement().satisfies(a -> assertThat(a.predicateType()).isEqualTo("https://slsa.dev/provenance/v1"));
    }

    @Test
    void typeAndPredicateTypeMayBothNameTheSameType() throws Exception {
      assertThat(policy(with("- type: custom\n  predicateType: " + Predicates.COSIGN_CUSTOM + "\n"))
          .attestations()).hasSize(1);
    }

    @Test
    void typeAndPredicateTypeThatDifferAreRefused() {
      assertThat(refused(with("- type: custom\n  predicateType: https://slsa.dev/provenance/v1\n")))
          .contains("attestations[0]: 'type' (custom) and 'predicateType'");
    }

    @Test
    void aMissingTypeIsRefused() {
      assertThat(refused(with("- conditions: []\n"))).contains("attestations[0]: missing 'type'");
    }

    @Test
    void anUnknownShortNameIsRefused() {
      assertThat(refused(with("- type: provenance\n")))
          .contains("attestations[0].type: unknown predicate type \"provenance\"");
    }

    @Test
    void conditionsAreAccepted() throws Exception {
      AttestationRequirement r = policy(with("""
          - type: custom
            conditions:
              - any:
                  - key: "{{ training.run }}"
                    operator: Equals
                    value: run-*
          """)).attestations().get(0);
      assertThat(r.conditionsJson()).contains("run-*");
    }

    @Test
    void anUnknownOperatorIsRefusedWithItsPath() {
      String message = refused(with("""
          - type: custom
            conditions:
              - all:
                  - key: "{{ eval.accuracy }}"
                    operator: GreaterThanOrEquals
                    value: 0.85
                  - key: "{{ eval.safety_pass_rate }}"
                    operator: Foo
                    value: 0.99
          """));
      assertThat(message)
          .startsWith("(policy text): attestations[0].conditions[0].all[1]")
          .contains("unknown operator 'Foo'");
    }

    @ParameterizedTest
    @CsvSource({"Equal, Equals", "NotEqual, NotEquals", "DurationLessThan, LessThan"})
    void anAliasOrDeprecatedOperatorIsRefusedNamingItsReplacement(String operator,
        String replacement) {
      String text = with("""
          - type: custom
            conditions:
              - all:
                  - key: "{{ eval.accuracy }}"
                    operator: %s
                    value: 1
          """.formatted(operator));
      String message = refusedBy(() -> policy(text), Reason.INVALID_POLICY);
      assertThat(message).containsPattern("use " + replacement + "\\b");
    }

    @Test
    void aMisspeltBlockIsRefusedWithItsPath() {
      assertThat(refused(with("- type: custom\n  conditions:\n    - alll: []\n")))
          .contains("attestations[0].conditions[0]: unknown field 'alll'");
    }

    @Test
    void conditionsMustBeAList() {
      assertThat(refused(with("- type: custom\n  conditions:\n    all: []\n")))
          .contains("attestations[0].conditions: expected a list of {all, any} blocks");
    }

    @Test
    void anUnknownAttestationFieldIsRefused() {
      assertThat(refused(with("- type: custom\n  attestors: []\n")))
          .contains("attestations[0].attestors: unknown field");
    }
  }

  @Nested
  class Sbom {
    private SbomRules rules(String sbom) throws Exception {
      return policy(MINIMAL + "sbom:\n" + sbom.indent(2)).sbom().orElseThrow().rules();
    }

    private String refusedSbom(String sbom) {
      return refused(MINIMAL + "sbom:\n" + sbom.indent(2));
    }

    @Test
    void anEmptySectionRequiresAnSbomUnderTheDefaults() throws Exception {
      assertThat(policy(MINIMAL + "sbom: {}\n").sbom().orElseThrow().rules()).isEqualTo(SbomRules.defaults());
    }

    @Test
    void everyRuleIsRead() throws Exception {
      assertThat(rules("""
          requireModelComponent: false
          requireDatasetLicenses: false
          deniedLicenses: ["*-NC-*"]
          requiredModelCardFields: [modelParameters.task, modelParameters.datasets]
          limits: {maxBytes: 1024, maxDepth: 10, maxComponents: 5}
          """)).isEqualTo(new SbomRules(false, false, List.of("*-NC-*"),
          List.of("modelParameters.task", "modelParameters.datasets"), new SbomLimits(1024, 10, 5)));
    }

    @Test
    void omittedLimitsKeepTheirDefaults() throws Exception {
      SbomLimits d = SbomLimits.defaults();
      assertThat(rules("limits: {maxDepth: 20}\n").limits())
          .isEqualTo(new SbomLimits(d.maxBytes(), 20, d.maxComponents()));
    }

    @Test
    void aBooleanWrittenAsAStringIsRefused() {
      assertThat(refusedSbom("requireDatasetLicenses: 'false'\n"))
          .contains("sbom.requireDatasetLicenses: expected true or false, found a string");
    }

    @Test
    void aDeniedLicenseThatIsNotAStringIsRefused() {
      assertThat(refusedSbom("deniedLicenses: [MIT, 3]\n")).contains("sbom.deniedLicenses[1]: expected a string");
    }

    @Test
    void aBlankDeniedLicenseIsRefused() {
      assertThat(refusedSbom("deniedLicenses: ['  ']\n")).contains("sbom.deniedLicenses[0]:");
    }

    @Test
    void aMalformedModelCardPathIsRefused() {
      assertThat(refusedSbom("requiredModelCardFields: ['modelParameters..task']\n"))
          .contains("sbom.requiredModelCardFields[0]:");
    }

    @Test
    void aDepthLimitAboveTheCeilingIsRefused() {
      assertThat(refusedSbom("limits: {maxDepth: 500}\n"))
          .contains("sbom.limits.maxDepth: must be between 1 and " + SbomLimits.MAX_DEPTH_CEILING);
    }

    @Test
    void aNonIntegerLimitIsRefused() {
      assertThat(refusedSbom("limits: {maxBytes: 1.5}\n")).contains("sbom.limits.maxBytes: expected an integer");
    }

    @Test
    void anUnknownLimitIsRefused() {
      assertThat(refusedSbom("limits: {maxFiles: 3}\n")).contains("sbom.limits.maxFiles: unknown field");
    }

    @Test
    void anUnknownSbomRuleIsRefused() {
      assertThat(refusedSbom("allowedLicenses: [MIT]\n")).contains("sbom.allowedLicenses: unknown field");
    }

    @Test
    void theSectionMustBeAMapping() {
      assertThat(refused(MINIMAL + "sbom: true\n")).contains("sbom: expected an object, found a boolean");
    }
  }

  @Nested
  class Bounds {
    @Test
    void aFileOverOneMebibyteIsRefused() throws Exception {
      Path file = Files.writeString(dir.resolve("huge.yaml"),
          MINIMAL + "#" + "x".repeat(1024 * 1024) + "\n");
      assertThat(refusedBy(() -> PolicyFiles.read(file))).contains("huge.yaml").contains("larger than the limit");
    }

    @Test
    void textOverOneMebibyteIsRefused() {
      assertThat(refused(MINIMAL + "#" + "x".repeat(1024 * 1024) + "\n")).contains("larger than the limit");
    }

    @Test
    void nestingOver64LevelsIsRefused() {
      String deep = "[".repeat(70) + "]".repeat(70);
      assertThat(refused(MINIMAL + "sbom: " + deep + "\n")).contains("nested deeper than 64 levels");
    }

    @Test
    void nestingOver64LevelsIsRefusedInJsonToo() {
      String deep = "{\"apiVersion\": " + "[".repeat(70) + "]".repeat(70) + "}";
      assertThat(refused(deep)).contains("nested deeper than 64 levels");
    }

    @Test
    void aMissingFileIsRefused() {
      assertThat(refusedBy(() -> PolicyFiles.read(dir.resolve("absent.yaml")))).contains("absent.yaml")
          .contains("not found");
    }

    @Test
    void anEmptyFileIsRefused() {
      assertThat(refused("# nothing here\n")).contains("empty");
    }

    @Test
    void aTopLevelListIsRefused() {
      assertThat(refused("- a\n- b\n")).contains("expected a mapping at the top level");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws Exception {
      Path file = dir.resolve("latin1.yaml");
      Files.write(file, (MINIMAL + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(refusedBy(() -> PolicyFiles.read(file))).contains("not UTF-8");
    }
  }

  @Nested
  class YamlAndJson {
    @Test
    void duplicateKeysAreRefused() {
      assertThat(refused(MINIMAL + "mode: Audit\nmode: Enforce\n")).contains("Duplicate field 'mode'");
    }

    @Test
    void duplicateKeysAreRefusedInJson() {
      assertThat(refused("{\"kind\": \"ModelPolicy\", \"kind\": \"ModelPolicy\"}"))
          .contains("Duplicate field 'kind'");
    }

    @Test
    void aliasesAreRefused() {
      assertThat(refused(MINIMAL.replace("issuer: " + ISSUER, "issuer: &iss " + ISSUER)
          + "  - issuer: *iss\n    subject: other@modelseal.test\n"))
          .contains("YAML aliases (*iss) are not supported");
    }

    @Test
    void customTagsAreRefused() {
      assertThat(refused(MINIMAL + "mode: !enforce Enforce\n")).contains("YAML tag !enforce is not supported");
    }

    @Test
    void binaryIsRefused() {
      assertThat(refused(MINIMAL + "mode: !!binary RW5mb3JjZQ==\n")).contains("YAML tag !!binary is not supported");
    }

    @Test
    void coreSchemaTagsAreAccepted() throws Exception {
      assertThat(policy(MINIMAL + "mode: !!str Audit\n").mode()).isEqualTo(EnforcementMode.AUDIT);
    }

    @Test
    void aSecondDocumentIsRefused() {
      assertThat(refused(MINIMAL + "---\n" + MINIMAL)).contains("more than one YAML document");
    }

    @Test
    void syntaxErrorsNameTheLine() {
      assertThat(refused(MINIMAL + "mode: [unclosed\n")).contains("line ").contains("not valid YAML or JSON");
    }

    @Test
    void jsonWithEscapedSlashesIsRead() throws Exception {
      Policy p = policy("""
          {"apiVersion": "modelseal.dev\\/v1", "kind": "ModelPolicy", "trustRoot": "trusted_root.json",
           "identities": [{"issuer": "https:\\/\\/oidc.modelseal.test", "subject": "release-bot@modelseal.test"}]}
          """);
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
    }

    @Test
    void aYamlFlowMappingIsRead() throws Exception {
      Policy p = policy("{apiVersion: modelseal.dev/v1, kind: ModelPolicy, trustRoot: trusted_root.json,"
          + " identities: [{issuer: '" + ISSUER + "', subject: '" + SUBJECT + "'}]}");
      assertThat(p.identities()).hasSize(1);
    }

    @Test
    void malformedJsonReportsTheJsonError() {
      assertThat(refused("{\"apiVersion\": \"modelseal.dev/v1\",, }")).contains("not valid YAML or JSON");
    }
  }
}
