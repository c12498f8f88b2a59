package dev.modelseal;

import static dev.modelseal.PolicyFilesTest.ISSUER;
import static dev.modelseal.PolicyFilesTest.SUBJECT;
import static dev.modelseal.PolicyFilesTest.newKey;
import static dev.modelseal.PolicyFilesTest.pem;
import static dev.modelseal.PolicyFilesTest.refusedBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.internal.attest.Predicates;
import dev.modelseal.internal.sbom.SbomRules;
import dev.modelseal.testkit.FakeSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kyverno ClusterPolicy / Policy files read into ModelSeal policies: every field kept, ignored or refused. */
class KyvernoPolicyTest {
  /** A keyless entry for the testkit's default signer. */
  static final String KEYLESS = """
      keyless:
        issuer: %s
        subject: %s
        rekor:
          url: https://rekor.sigstore.dev
      """.formatted(ISSUER, SUBJECT);
  static final String ATTESTORS = "attestors:\n  - entries:\n" + item(KEYLESS).indent(6);
  static final String IMAGES = "imageReferences: [\"registry.example.com/models/*\"]\n";

  @TempDir static Path dir;
  static TrustRoot trustRoot;
  static int files;

  @BeforeAll
  static void trustedRoot() throws Exception {
    trustRoot = TrustRoot.fromJson(FakeSigstore.create().writeTrustedRoot(dir.resolve("trusted_root.json")));
  }

  /** {@code body} as the element of a YAML list: "- " before its first line, the rest indented. */
  static String item(String body) {
    return "- " + body.indent(2).substring(2);
  }

  /** A ClusterPolicy whose spec is {@code spec}. */
  static String clusterPolicy(String spec) {
    return "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: verify-model\nspec:\n"
        + spec.indent(2);
  }

  /** A ClusterPolicy with one rule holding the given verifyImages entries. */
  static String images(String... entries) {
    StringBuilder list = new StringBuilder();
    for (String e : entries) {
      list.append(item(e));
    }
    return clusterPolicy("rules:\n  - name: models\n    verifyImages:\n" + list.toString().indent(6));
  }

  /** A ClusterPolicy with one verifyImages entry: the default attestor plus {@code extra}. */
  static String image(String extra) {
    return images(IMAGES + ATTESTORS + extra);
  }

  static Policy read(String yaml) throws ModelVerificationException {
    Path file;
    try {
      file = Files.writeString(dir.resolve("policy-" + (files++) + ".yaml"), yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return PolicyFiles.fromKyverno(file, trustRoot);
  }

  static String refused(String yaml) {
    return refusedBy(() -> read(yaml));
  }

  @Nested
  class Header {
    @Test
    void theDefaultEntryIsAccepted() throws Exception {
      Policy p = read(image(""));
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
      assertThat(p.trustRoot()).isSameAs(trustRoot);
      assertThat(p.mode()).isEqualTo(EnforcementMode.ENFORCE);
      assertThat(p.attestations()).isEmpty();
      assertThat(p.sbom()).isEmpty();
    }

    @Test
    void v2beta1AndNamespacedPoliciesAreAccepted() throws Exception {
      String yaml = image("").replace("kyverno.io/v1", "kyverno.io/v2beta1")
          .replace("ClusterPolicy", "Policy");
      assertThat(read(yaml).identities()).hasSize(1);
    }

    @Test
    void anUnknownApiVersionIsRefused() {
      assertThat(refused(image("").replace("kyverno.io/v1", "kyverno.io/v3")))
          .contains("apiVersion: unknown value 'kyverno.io/v3'");
    }

    @Test
    void aModelSealPolicyIsNotAKyvernoPolicy() {
      assertThat(refused(PolicyFilesTest.MINIMAL)).contains("apiVersion: unknown value 'modelseal.dev/v1'");
    }

    @Test
    void anUnknownKindIsRefused() {
      assertThat(refused(image("").replace("kind: ClusterPolicy", "kind: ClusterCleanupPolicy")))
          .contains("kind: unknown value 'ClusterCleanupPolicy'");
    }

    @Test
    void specIsRequired() {
      assertThat(refused("apiVersion: kyverno.io/v1\nkind: ClusterPolicy\n")).contains("spec: missing");
    }

    @Test
    void anUnknownTopLevelFieldIsRefused() {
      assertThat(refused(image("") + "extra: 1\n")).contains("extra: unknown field");
    }

    @Test
    void admissionOnlySpecAndRuleFieldsAreIgnored() throws Exception {
      String yaml = clusterPolicy("""
          background: false
          admission: true
          webhookTimeoutSeconds: 30
          failurePolicy: Fail
          rules:
            - name: models
              match:
                any:
                  - resources:
                      kinds: [Pod]
              exclude:
                any:
                  - resources:
                      namespaces: [kube-system]
              preconditions:
                all:
                  - key: "{{ request.operation }}"
                    operator: NotEquals
                    value: DELETE
              verifyImages:
          """ + item(IMAGES + ATTESTORS + """
          mutateDigest: false
          verifyDigest: false
          required: true
          useCache: true
          repository: registry.example.com/signatures
          skipImageReferences: ["registry.example.com/models/test*"]
          """).indent(6));
      assertThat(read(yaml).identities()).hasSize(1);
    }

    @Test
    void aRuleWithoutVerifyImagesIsIgnoredButOneIsNeeded() {
      String yaml = clusterPolicy("""
          rules:
            - name: labels
              validate:
                message: needs a label
                pattern:
                  metadata:
                    labels:
                      team: "?*"
          """);
      assertThat(refused(yaml)).contains("spec.rules: no rule has verifyImages");
    }

    @Test
    void aPolicyWithoutAnySignerIsRefused() {
      assertThat(refused(images(IMAGES + "attestations:\n  - type: custom\n")))
          .contains("spec.rules: no attestor allows a signer");
    }

    @Test
    void anUnknownRuleFieldIsRefused() {
      assertThat(refused(image("").replace("      verifyImages:\n", "      verifyManifests: []\n      verifyImages:\n")))
          .contains("spec.rules[0].verifyManifests: unknown field");
    }

    @Test
    void anUnknownVerifyImagesFieldIsRefused() {
      assertThat(refused(image("skipSignatures: true\n")))
          .contains("spec.rules[0].verifyImages[0].skipSignatures: unknown field");
    }

    @Test
    void imageReferencesMustBeStrings() {
      assertThat(refused(images("imageReferences: [{name: x}]\n" + ATTESTORS)))
          .contains("spec.rules[0].verifyImages[0].imageReferences[0]: expected a string");
    }

    @Test
    void aSecondDocumentIsRefused() {
      assertThat(refused(image("") + "---\n" + image(""))).contains("more than one YAML document");
    }
  }

  @Nested
  class FailureActions {
    private String withActions(String specAction, String... entryActions) {
      StringBuilder entries = new StringBuilder();
      for (String a : entryActions) {
        entries.append(item(IMAGES + ATTESTORS + (a == null ? "" : "failureAction: " + a + "\n")));
      }
      return clusterPolicy((specAction == null ? "" : "validationFailureAction: " + specAction + "\n")
          + "rules:\n  - name: models\n    verifyImages:\n" + entries.toString().indent(6));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "Enforce, -, ENFORCE",
        "enforce, -, ENFORCE",
        "Audit, -, AUDIT",
        "audit, -, AUDIT",
        "Enforce, Audit, AUDIT",
        "Audit, Enforce, ENFORCE",
        "-, Audit, AUDIT",
        "-, -, ENFORCE"})
    void theEntryOverridesTheSpecAndNothingMeansEnforce(String spec, String entry, EnforcementMode mode)
        throws Exception {
      assertThat(read(withActions(spec, entry)).mode()).isEqualTo(mode);
    }

    @Test
    void whenEntriesDisagreeEnforceWins() throws Exception {
      assertThat(read(withActions("Audit", "Audit", null, "Enforce")).mode()).isEqualTo(EnforcementMode.ENFORCE);
      assertThat(read(withActions("Audit", "Audit", null)).mode()).isEqualTo(EnforcementMode.AUDIT);
    }

    @Test
    void whenRulesDisagreeEnforceWins() throws Exception {
      String audit = item("name: a\nverifyImages:\n" + item(IMAGES + ATTESTORS + "failureAction: Audit\n").indent(2));
      String enforce = item("name: b\nverifyImages:\n" + item(IMAGES + ATTESTORS + "failureAction: Enforce\n").indent(2));
      assertThat(read(clusterPolicy("rules:\n" + (audit + enforce).indent(2))).mode())
          .isEqualTo(EnforcementMode.ENFORCE);
    }

    @Test
    void anUnknownSpecActionIsRefused() {
      assertThat(refused(withActions("Block", (String) null)))
          .contains("spec.validationFailureAction: unknown value 'Block'");
    }

    @Test
    void anUnknownEntryActionIsRefused() {
      assertThat(refused(withActions(null, "Warn")))
          .contains("spec.rules[0].verifyImages[0].failureAction: unknown value 'Warn'");
    }

    @Test
    void namespaceOverridesAreRefused() {
      String yaml = clusterPolicy("""
          validationFailureAction: Audit
          validationFailureActionOverrides:
            - action: Enforce
              namespaces: [prod]
          rules:
            - name: models
              verifyImages:
          """ + item(IMAGES + ATTESTORS).indent(6));
      assertThat(refused(yaml)).contains("spec.validationFailureActionOverrides: not supported");
    }
  }

  @Nested
  class Keyless {
    private String keyless(String body) {
      return images(IMAGES + "attestors:\n  - entries:\n" + item("keyless:\n" + body.indent(2)).indent(6));
    }

    private static final String PATH = "spec.rules[0].verifyImages[0].attestors[0].entries[0].keyless";

    @Test
    void aGlobSubjectBecomesAWholeSubjectPattern() throws Exception {
      Identity id = read(keyless("issuer: https://token.actions.githubusercontent.com\n"
          + "subject: https://github.com/acme/*/.github/workflows/release.yml@refs/tags/v?.*\n"))
          .identities().get(0);
      String issuer = "https://token.actions.githubusercontent.com";
      assertThat(id.matches(List.of("https://github.com/acme/models/.github/workflows/release.yml@refs/tags/v1.2"),
          issuer)).isTrue();
      assertThat(id.matches(List.of("https://github.com/evil/models/.github/workflows/release.yml@refs/tags/v1.2"),
          issuer)).isFalse();
      // Dots in the glob are literal.
      assertThat(id.matches(List.of("https://github.com/acme/m/.github/workflows/releaseXyml@refs/tags/v1.2"),
          issuer)).isFalse();
    }

    @Test
    void subjectRegExpMustMatchTheWholeSubject() throws Exception {
      Identity id = read(keyless("issuer: https://accounts.google.com\nsubjectRegExp: '.*@acme\\.com'\n"))
          .identities().get(0);
      assertThat(id.matches(List.of("alice@acme.com"), "https://accounts.google.com")).isTrue();
      assertThat(id.matches(List.of("alice@acme.com.evil.org"), "https://accounts.google.com")).isFalse();
    }

    @Test
    void subjectTogetherWithSubjectRegExpIsRefused() {
      assertThat(refused(keyless("issuer: " + ISSUER + "\nsubject: " + SUBJECT + "\nsubjectRegExp: '.*@acme\\.com'\n")))
          .contains(PATH + ".subjectRegExp: given together with subject");
    }

    @Test
    void anIssuerRegExpThatMatchesThePinnedIssuerIsAccepted() throws Exception {
      Policy p = read(keyless("issuer: " + ISSUER + "\nissuerRegExp: 'https://oidc\\.modelseal\\..+'\nsubject: " + SUBJECT + "\n"));
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
    }

    @Test
    void anIssuerRegExpThatContradictsTheIssuerIsRefused() {
      assertThat(refused(keyless("issuer: " + ISSUER + "\nissuerRegExp: 'https://accounts\\.google\\.com'\nsubject: " + SUBJECT + "\n")))
          .contains(PATH + ".issuerRegExp: does not match issuer");
    }

    @Test
    void anIssuerRegExpWithoutAPinnedIssuerIsRefused() {
      assertThat(refused(keyless("issuerRegExp: https://token\\.actions\\.githubusercontent.+\nsubject: " + SUBJECT + "\n")))
          .contains(PATH + ".issuerRegExp: not supported: the OIDC issuer must be pinned");
    }

    @Test
    void aWildcardIssuerIsRefused() {
      assertThat(refused(keyless("issuer: https://*.example.com\nsubject: " + SUBJECT + "\n")))
          .contains(PATH + ".issuer: 'https://*.example.com' is a wildcard pattern");
    }

    @Test
    void aMissingIssuerIsRefused() {
      assertThat(refused(keyless("subject: " + SUBJECT + "\n"))).contains(PATH + ".issuer: missing");
    }

    @Test
    void aMissingSubjectIsRefused() {
      assertThat(refused(keyless("issuer: " + ISSUER + "\nrekor: {url: https://rekor.sigstore.dev}\n")))
          .contains(PATH + ".subject: missing");
    }

    @Test
    void anInvalidSubjectRegExpIsRefused() {
      assertThat(refused(keyless("issuer: " + ISSUER + "\nsubjectRegExp: '(x'\n")))
          .contains(PATH + ".subjectRegExp: invalid subject regex");
    }

    @Test
    void customRootsAreRefused() {
      assertThat(refused(keyless("issuer: " + ISSUER + "\nsubject: " + SUBJECT
          + "\nroots: |\n  -----BEGIN CERTIFICATE-----\n  AAAA\n  -----END CERTIFICATE-----\n")))
          .contains(PATH + ".roots: custom root certificates are not read from the policy");
    }

    @Test
    void certificateExtensionConstraintsAreRefused() {
      assertThat(refused(keyless("issuer: " + ISSUER + "\nsubject: " + SUBJECT
          + "\nadditionalExtensions:\n  githubWorkflowRepository: acme/models\n")))
          .contains(PATH + ".additionalExtensions: not supported");
    }

    @Test
    void anEmptyExtensionsMapIsHarmless() throws Exception {
      assertThat(read(keyless("issuer: " + ISSUER + "\nsubject: " + SUBJECT + "\nadditionalExtensions: {}\n"))
          .identities()).hasSize(1);
    }

    @Test
    void anUnknownKeylessFieldIsRefused() {
      assertThat(refused(keyless("issuer: " + ISSUER + "\nsubject: " + SUBJECT + "\nemail: x@y.z\n")))
          .contains(PATH + ".email: unknown field");
    }
  }

  @Nested
  class TransparencyLogs {
    private String keyless(String extra) {
      return images(IMAGES + "attestors:\n  - entries:\n"
          + item("keyless:\n" + ("issuer: " + ISSUER + "\nsubject: " + SUBJECT + "\n" + extra).indent(2)).indent(6));
    }

    private static final String PATH = "spec.rules[0].verifyImages[0].attestors[0].entries[0].keyless";

    @Test
    void ignoreTlogTrueIsRefused() {
      assertThat(refused(keyless("rekor:\n  url: https://rekor.sigstore.dev\n  ignoreTlog: true\n")))
          .contains(PATH + ".rekor.ignoreTlog: true cannot be honoured: ModelSeal always verifies the"
              + " transparency log entry");
    }

    @Test
    void ignoreTlogFalseIsAccepted() throws Exception {
      assertThat(read(keyless("rekor:\n  url: https://rekor.sigstore.dev\n  ignoreTlog: false\n")).identities())
          .hasSize(1);
    }

    @Test
    void ignoreSctTrueIsRefused() {
      assertThat(refused(keyless("ctlog:\n  ignoreSCT: true\n")))
          .contains(PATH + ".ctlog.ignoreSCT: true cannot be honoured: ModelSeal always verifies the signed"
              + " certificate timestamp");
    }

    @Test
    void ignoreSctFalseIsAccepted() throws Exception {
      assertThat(read(keyless("ctlog:\n  ignoreSCT: false\n")).identities()).hasSize(1);
    }

    @Test
    void aCustomRekorKeyIsRefused() {
      assertThat(refused(keyless("rekor:\n  url: https://rekor.example\n  pubkey: |\n    x\n")))
          .contains(PATH + ".rekor.pubkey: custom log keys are not read from the policy");
    }

    @Test
    void aCustomCtLogKeyOrTsaChainIsRefused() {
      assertThat(refused(keyless("ctlog:\n  pubkey: x\n"))).contains(PATH + ".ctlog.pubkey:");
      assertThat(refused(keyless("ctlog:\n  tsaCertChain: x\n"))).contains(PATH + ".ctlog.tsaCertChain:");
    }

    @Test
    void ignoreTlogMustBeABoolean() {
      assertThat(refused(keyless("rekor:\n  ignoreTlog: 'true'\n")))
          .contains(PATH + ".rekor.ignoreTlog: expected true or false");
    }

    @Test
    void anUnknownRekorFieldIsRefused() {
      assertThat(refused(keyless("rekor:\n  skip: true\n"))).contains(PATH + ".rekor.skip: unknown field");
    }
  }

  @Nested
  class Keys {
    private static final String PATH = "spec.rules[0].verifyImages[0].attestors[0]";

    private String keys(String count, String body) {
      return images(IMAGES + "attestors:\n" + item((count == null ? "" : "count: " + count + "\n")
          + "entries:\n" + item("keys:\n" + body.indent(2)).indent(2)).indent(2));
    }

    private String publicKeys(String count, String pemText) {
      return keys(count, "publicKeys: |\n" + pemText.indent(2) + "rekor:\n  url: https://rekor.sigstore.dev\n");
    }

    @Test
    void aPemKeyIsAccepted() throws Exception {
      PublicKey key = newKey();
      assertThat(read(publicKeys(null, pem(key))).keys()).singleElement()
          .satisfies(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
    }

    @Test
    void severalKeysWithCountOneAreAlternatives() throws Exception {
      assertThat(read(publicKeys("1", pem(newKey()) + pem(newKey()))).keys()).hasSize(2);
    }

    @Test
    void severalKeysWithoutCountMustAllSignAndAreRefused() throws Exception {
      assertThat(refused(publicKeys(null, pem(newKey()) + pem(newKey()))))
          .contains(PATH + ": no count, so all 2 signers must sign (AND)").contains("count: 1");
    }

    @Test
    void aSecretReferenceIsRefused() {
      assertThat(refused(keys(null, "publicKeys: k8s://kyverno/cosign-key\n")))
          .contains(PATH + ".entries[0].keys.publicKeys: Kubernetes Secret references");
    }

    @Test
    void kmsKeysAreRefused() {
      assertThat(refused(keys(null, "kms: awskms:///alias/release\n")))
          .contains(PATH + ".entries[0].keys.kms: KMS keys cannot be fetched");
    }

    @Test
    void secretsAreRefused() {
      assertThat(refused(keys(null, "secret:\n  name: cosign\n  namespace: kyverno\n")))
          .contains(PATH + ".entries[0].keys.secret:");
    }

    @Test
    void aKeyWithAnIgnoredTlogIsRefused() throws Exception {
      assertThat(refused(keys(null, "publicKeys: |\n" + pem(newKey()).indent(2) + "rekor:\n  ignoreTlog: true\n")))
          .contains(PATH + ".entries[0].keys.rekor.ignoreTlog");
    }

    @Test
    void theSignatureAlgorithmIsLeftToTheKey() throws Exception {
      assertThat(read(keys(null, "publicKeys: |\n" + pem(newKey()).indent(2) + "signatureAlgorithm: sha512\n"))
          .keys()).hasSize(1);
    }

    @Test
    void notPemIsRefused() {
      assertThat(refused(keys(null, "publicKeys: hello\n")))
          .contains(PATH + ".entries[0].keys.publicKeys: not a PEM public key");
    }
  }

  @Nested
  class AttestorSets {
    private static final String OTHER = """
        keyless:
          issuer: https://accounts.google.com
          subjectRegExp: '.*@acme\\.com'
        """;

    private String set(String count, String... entries) {
      StringBuilder list = new StringBuilder();
      for (String e : entries) {
        list.append(item(e));
      }
      return "attestors:\n" + item((count == null ? "" : "count: " + count + "\n") + "entries:\n"
          + list.toString().indent(2)).indent(2);
    }

    @Test
    void countOneMeansAnyOfTheEntries() throws Exception {
      assertThat(read(images(IMAGES + set("1", KEYLESS, OTHER))).identities()).hasSize(2);
    }

    @Test
    void withoutCountEveryEntryMustSignSoSeveralAreRefused() {
      assertThat(refused(images(IMAGES + set(null, KEYLESS, OTHER))))
          .contains("spec.rules[0].verifyImages[0].attestors[0]: no count, so all 2 signers must sign (AND)");
    }

    @Test
    void aCountAboveOneIsRefused() {
      assertThat(refused(images(IMAGES + set("2", KEYLESS, OTHER))))
          .contains("attestors[0]: count 2, so 2 signers must sign (AND)");
    }

    @Test
    void aCountAboveTheEntriesIsRefused() {
      assertThat(refused(images(IMAGES + set("3", KEYLESS, OTHER)))).contains("attestors[0].count: count 3 exceeds");
    }

    @Test
    void aCountBelowOneIsRefused() {
      assertThat(refused(images(IMAGES + set("0", KEYLESS)))).contains("attestors[0].count: must be between 1");
    }

    @Test
    void severalSetsAreRefused() {
      String two = "attestors:\n" + (item("entries:\n" + item(KEYLESS).indent(2))
          + item("entries:\n" + item(OTHER).indent(2))).indent(2);
      assertThat(refused(images(IMAGES + two)))
          .contains("spec.rules[0].verifyImages[0].attestors: 2 attestor sets");
    }

    @Test
    void anEmptySetIsRefused() {
      assertThat(refused(images(IMAGES + "attestors:\n  - entries: []\n")))
          .contains("attestors[0].entries: an attestor set needs at least one entry");
    }

    @Test
    void aNestedAttestorSetIsRead() throws Exception {
      String nested = "attestor:\n" + ("count: 1\nentries:\n" + (item(KEYLESS) + item(OTHER)).indent(2)).indent(2);
      assertThat(read(images(IMAGES + set(null, nested))).identities()).hasSize(2);
    }

    @Test
    void certificateAttestorsAreRefused() {
      assertThat(refused(images(IMAGES + set(null, "certificates:\n  cert: x\n"))))
          .contains("entries[0].certificates: certificate attestors");
    }

    @Test
    void anEntryWithTwoKindsIsRefused() {
      assertThat(refused(images(IMAGES + set(null, KEYLESS + "keys:\n  publicKeys: x\n"))))
          .contains("entries[0]: an attestor entry needs exactly one of keys, certificates, keyless or attestor");
    }

    @Test
    void annotationsAreRefused() {
      assertThat(refused(images(IMAGES + set(null, KEYLESS + "annotations:\n  env: prod\n"))))
          .contains("entries[0].annotations: not supported");
    }
  }

  @Nested
  class Attestations {
    private static final String CONDITIONS = """
        conditions:
          - all:
              - key: "{{ eval.accuracy }}"
                operator: GreaterThanOrEquals
                value: 0.85
        """;

    @Test
    void typeIsRead() throws Exception {
      Policy p = read(image("attestations:\n" + item("type: https://slsa.dev/provenance/v1\n" + CONDITIONS).indent(2)));
      assertThat(p.attestations()).singleElement().satisfies(a -> {
        assertThat(a.predicateType()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(a.conditionsJson()).contains("eval.accuracy");
      });
    }

    @Test
    void predicateTypeIsRead() throws Exception {
      Policy p = read(image("attestations:\n" + item("predicateType: " + Predicates.COSIGN_CUSTOM + "\n").indent(2)));
      assertThat(p.attestations()).singleElement()
          .satisfies(a -> assertThat(a.predicateType()).isEqualTo(Predicates.COSIGN_CUSTOM));
    }

    @Test
    void typeAndPredicateTypeThatDifferAreRefused() {
      assertThat(refused(image("attestations:\n" + item("type: https://slsa.dev/provenance/v1\n"
          + "predicateType: https://slsa.dev/provenance/v0.2\n").indent(2))))
          .contains("spec.rules[0].verifyImages[0].attestations[0]: 'type'");
    }

    @Test
    void aMissingTypeIsRefused() {
      assertThat(refused(image("attestations:\n" + item(CONDITIONS).indent(2))))
          .contains("spec.rules[0].verifyImages[0].attestations[0]: missing 'type'");
    }

    @Test
    void aBadConditionIsRefusedWithItsFullPath() {
      assertThat(refused(image("attestations:\n"
          + item("type: custom\n" + CONDITIONS.replace("GreaterThanOrEquals", "Foo")).indent(2))))
          .contains("spec.rules[0].verifyImages[0].attestations[0].conditions[0].all[0]")
          .contains("unknown operator 'Foo'");
    }

    @Test
    void theAttestationNameIsIgnored() throws Exception {
      assertThat(read(image("attestations:\n" + item("name: evals\ntype: custom\n").indent(2))).attestations())
          .hasSize(1);
    }

    @Test
    void anAttestorOnlyOnTheAttestationBecomesASigner() throws Exception {
      Policy p = read(images(IMAGES + "attestations:\n" + item("type: custom\n" + ATTESTORS).indent(2)));
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
      assertThat(p.attestations()).hasSize(1);
    }

    @Test
    void anAttestationAttestorThatTheImageAlsoAllowsIsAccepted() throws Exception {
      Policy p = read(image("attestations:\n" + item("type: custom\n" + ATTESTORS).indent(2)));
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
    }

    @Test
    void anAttestationAttestorThatTheImageDoesNotAllowIsRefused() {
      String other = "attestors:\n  - entries:\n" + item("""
          keyless:
            issuer: https://accounts.google.com
            subject: evals@acme.com
          """).indent(6);
      assertThat(refused(image("attestations:\n" + item("type: custom\n" + other).indent(2))))
          .contains("spec.rules[0].verifyImages[0].attestations: an attestation attestor allows identity"
              + " evals@acme.com");
    }

    @Test
    void anUnknownAttestationFieldIsRefused() {
      assertThat(refused(image("attestations:\n" + item("type: custom\nrepository: x\n").indent(2))))
          .contains("attestations[0].repository: unknown field");
    }

    @Test
    void crossAttestationDenyConditionsAreRefused() {
      assertThat(refused(image("validate:\n  deny:\n    conditions:\n      any: []\n")))
          .contains("spec.rules[0].verifyImages[0].validate: not supported");
    }
  }

  @Nested
  class SignatureTypes {
    @ParameterizedTest
    @ValueSource(strings = {"Cosign", "SigstoreBundle"})
    void sigstoreTypesAreAccepted(String type) throws Exception {
      assertThat(read(image("type: " + type + "\n")).identities()).hasSize(1);
    }

    @Test
    void notaryIsRefused() {
      assertThat(refused(image("type: Notary\n")))
          .contains("spec.rules[0].verifyImages[0].type: Notary signatures are not supported");
    }
  }

  @Nested
  class SeveralRules {
    @Test
    void entriesWithOtherSignersAreRefusedNotUnited() throws Exception {
      // Kyverno requires each entry with its own attestors; one merged allow-list would let an
      // identity allowed for one entry sign what the other requires.
      String second = IMAGES + """
          attestors:
            - entries:
                - keyless:
                    issuer: https://accounts.google.com
                    subject: ops@acme.com
          attestations:
            - type: slsaprovenance1
          """;
      String first = IMAGES + ATTESTORS + "attestations:\n  - type: custom\n";
      String yaml = clusterPolicy("rules:\n" + (item("name: a\nverifyImages:\n" + item(first).indent(2))
          + item("name: b\nverifyImages:\n" + item(second).indent(2))).indent(2));
      assertThat(refused(yaml)).contains("spec.rules[1].verifyImages[0]", "allows other signers than the first one");
    }

    @Test
    void entriesForOtherImagesAreRefused() {
      String other = "imageReferences: [\"registry.example.com/other/*\"]\n" + ATTESTORS;
      assertThat(refused(images(IMAGES + ATTESTORS, other)))
          .contains("matches other imageReferences", "a model file has no image reference");
    }

    @Test
    void entriesWithTheSameSignersAndImagesAreAllRequired() throws Exception {
      Policy p = read(images(IMAGES + ATTESTORS + "attestations:\n  - type: custom\n",
          IMAGES + ATTESTORS + "attestations:\n  - type: slsaprovenance1\n"));
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
      assertThat(p.attestations()).extracting(AttestationRequirement::predicateType)
          .containsExactly(Predicates.COSIGN_CUSTOM, "https://slsa.dev/provenance/v1");
    }

    @Test
    void requiredFalseIsRefused() {
      assertThat(refused(image("required: false\n"))).contains("required: false cannot be honoured");
    }

    @Test
    void theSameSignerInTwoEntriesIsAllowedOnce() throws Exception {
      assertThat(read(images(IMAGES + ATTESTORS, IMAGES + ATTESTORS)).identities()).hasSize(1);
    }
  }

  @Nested
  class LegacyV1Fields {
    @Test
    void theV1ShorthandSubjectAndIssuerAreRead() throws Exception {
      Policy p = read(images(IMAGES + "issuer: " + ISSUER + "\nsubject: " + SUBJECT + "\n"));
      assertThat(p.identities()).containsExactly(Identity.exact(SUBJECT, ISSUER));
    }

    @Test
    void theV1ShorthandKeyIsRead() throws Exception {
      assertThat(read(images(IMAGES + "key: |\n" + pem(newKey()).indent(2))).keys()).hasSize(1);
    }

    @Test
    void theShorthandIsUnknownInV2beta1() {
      String yaml = images(IMAGES + "issuer: " + ISSUER + "\nsubject: " + SUBJECT + "\n")
          .replace("kyverno.io/v1", "kyverno.io/v2beta1");
      assertThat(refused(yaml)).contains("spec.rules[0].verifyImages[0].issuer: unknown field");
    }

    @Test
    void anIssuerWithoutSubjectIsRefused() {
      assertThat(refused(images(IMAGES + "issuer: " + ISSUER + "\n")))
          .contains("spec.rules[0].verifyImages[0].issuer: an issuer without a subject");
    }

    @Test
    void keyTogetherWithIssuerIsRefused() throws Exception {
      assertThat(refused(images(IMAGES + "issuer: " + ISSUER + "\nsubject: " + SUBJECT + "\nkey: |\n"
          + pem(newKey()).indent(2)))).contains("give key or issuer/subject, not both");
    }

    @Test
    void legacyRootsAreRefused() {
      assertThat(refused(images(IMAGES + ATTESTORS + "roots: x\n")))
          .contains("spec.rules[0].verifyImages[0].roots: custom root certificates");
    }
  }

  @Nested
  class SbomAnnotation {
    private String annotated(String sbom) {
      return image("").replace("  name: verify-model\n",
          "  name: verify-model\n  annotations:\n    modelseal.dev/sbom: |\n" + sbom.indent(6));
    }

    @Test
    void theAnnotationCarriesTheSbomRules() throws Exception {
      SbomRules rules = read(annotated("deniedLicenses: ['*-NC-*']\nrequireDatasetLicenses: false\n"))
          .sbom().orElseThrow().rules();
      assertThat(rules.deniedLicenses()).containsExactly("*-NC-*");
      assertThat(rules.requireDatasetLicenses()).isFalse();
      assertThat(rules.requireModelComponent()).isTrue();
    }

    @Test
    void anEmptyMappingRequiresAnSbomUnderTheDefaults() throws Exception {
      assertThat(read(annotated("{}\n")).sbom().orElseThrow().rules()).isEqualTo(SbomRules.defaults());
    }

    @Test
    void otherAnnotationsAreIgnored() throws Exception {
      String yaml = image("").replace("  name: verify-model\n",
          "  name: verify-model\n  annotations:\n    policies.kyverno.io/title: Verify models\n");
      assertThat(read(yaml).sbom()).isEmpty();
    }

    @Test
    void anInvalidRuleIsRefusedWithItsPath() {
      assertThat(refused(annotated("deniedLicenses: [3]\n")))
          .contains("metadata.annotations[\"modelseal.dev/sbom\"].deniedLicenses[0]: expected a string");
    }

    @Test
    void anUnknownRuleIsRefusedWithItsPath() {
      assertThat(refused(annotated("allowLicenses: [MIT]\n")))
          .contains("metadata.annotations[\"modelseal.dev/sbom\"].allowLicenses: unknown field");
    }

    @Test
    void theAnnotationMustBeText() {
      String yaml = image("").replace("  name: verify-model\n",
          "  name: verify-model\n  annotations:\n    modelseal.dev/sbom: 3\n");
      assertThat(refused(yaml)).contains("metadata.annotations.modelseal.dev/sbom: expected a string");
    }
  }
}
