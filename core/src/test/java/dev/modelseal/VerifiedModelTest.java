package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.testkit.BundleMediaType;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeySigner;
import dev.modelseal.testkit.KeylessSigner;
import dev.modelseal.testkit.junit.FakeSigstoreExtension;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(FakeSigstoreExtension.class)
class VerifiedModelTest {
  private static final String ID = "release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  @TempDir Path dir;
  private FakeSigstore sigstore;
  private Path model;
  private TrustRoot trustRoot;
  private byte[] bytes;

  @BeforeEach
  void setUp(FakeSigstore sigstore) throws Exception {
    this.sigstore = sigstore;
    model = dir.resolve("model.safetensors");
    bytes = new byte[300_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i ^ (i >>> 7));
    }
    Files.write(model, bytes);
    trustRoot = TrustRoot.fromJson(sigstore.writeTrustedRoot(dir.resolve("trusted_root.json")));
  }

  private Policy policy() {
    return Policy.builder().trustRoot(trustRoot).allowIdentity(ID, ISSUER).build();
  }

  private KeylessSigner signer() {
    return sigstore.signer(ID, ISSUER);
  }

  private static ModelVerificationException refused(ThrowingLoad load) {
    try {
      load.run();
    } catch (ModelVerificationException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a ModelVerificationException, got " + e, e);
    }
    throw new AssertionError("expected the model to be refused");
  }

  interface ThrowingLoad {
    void run() throws Exception;
  }

  @Test
  void exposesWhatWasVerified() throws Exception {
    Instant before = Instant.now().minusSeconds(2);
    signer().withTimestamp(true).signBundle(model);
    try (VerifiedModel m = VerifiedModel.load(model, policy())) {
      assertThat(m.digests().sha256()).isEqualTo(Sha256.hex(model));
      assertThat(m.signer().isKeyless()).isTrue();
      assertThat(m.signer().subject()).isEqualTo(ID);
      assertThat(m.signer().issuer()).isEqualTo(ISSUER);
      assertThat(m.signingTime().orElseThrow()).isAfterOrEqualTo(before.minusSeconds(1));
      assertThat(m.logIndex()).isPresent();
      assertThat(m.size()).isEqualTo(bytes.length);
      assertThat(m.report().checks()).extracting(Check::name)
          .contains("content", "signature", "certificate chain", "SCT", "identity", "timestamp");
      assertThat(m.report().checks()).allMatch(c -> c.status() == Check.Status.PASSED);
      try (InputStream in = m.openStream()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
    }
  }

  @Test
  void buffersAreReadOnlyViewsOfTheVerifiedBytes() throws Exception {
    signer().signBundle(model);
    try (VerifiedModel m = VerifiedModel.load(model, policy())) {
      List<ByteBuffer> buffers = m.buffers();
      assertThat(buffers).allMatch(ByteBuffer::isReadOnly);
      ByteBuffer first = buffers.get(0);
      assertThatThrownBy(() -> first.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
      byte[] copy = new byte[first.remaining()];
      first.get(copy);
      assertThat(copy).isEqualTo(bytes);
    }
  }

  @Test
  void replacingTheFileAfterVerificationChangesNothing() throws Exception {
    signer().signBundle(model);
    try (VerifiedModel m = VerifiedModel.load(model, policy())) {
      Path evil = dir.resolve("evil.bin");
      Files.write(evil, new byte[] {6, 6, 6});
      Files.move(evil, model, StandardCopyOption.REPLACE_EXISTING);
      try (InputStream in = m.openStream()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
    }
  }

  @Test
  void snapshotModeKeepsAPrivateCopyThatNobodyCanOpenByName() throws Exception {
    signer().signBundle(model);
    Path snapshots = dir.resolve("snapshots");
    LoadOptions options = LoadOptions.builder().snapshotDirectory(snapshots).build();
    try (VerifiedModel m = VerifiedModel.load(model, policy(), options)) {
      // The snapshot is unlinked right after it is created: only our open channel reaches it.
      try (Stream<Path> s = Files.list(snapshots)) {
        assertThat(s.toList()).isEmpty();
      }
      Files.write(model, new byte[] {1, 2, 3});
      try (InputStream in = m.openStream()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes);
      }
      assertThat(m.buffers()).allMatch(ByteBuffer::isReadOnly);
    }
  }

  @Test
  void snapshotIsDeletedWhenVerificationFails() throws Exception {
    sigstore.signer("someone-else@example.com", ISSUER).signBundle(model);
    Path snapshots = dir.resolve("snapshots");
    ModelVerificationException e = refused(() -> VerifiedModel.load(model, policy(),
        LoadOptions.builder().snapshotDirectory(snapshots).build()));
    assertThat(e.reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
    // The snapshot is unlinked at creation, so listing the directory proves nothing: what must be
    // gone is this process's open handle on it (Linux shows handles under /proc/self/fd).
    assertThat(openHandlesInto(snapshots)).isEmpty();
  }

  @Test
  void closingAVerifiedModelReleasesItsSnapshot() throws Exception {
    signer().signBundle(model);
    Path snapshots = dir.resolve("snapshots");
    VerifiedModel m = VerifiedModel.load(model, policy(), LoadOptions.builder().snapshotDirectory(snapshots).build());
    assertThat(openHandlesInto(snapshots)).hasSize(1);
    m.close();
    assertThat(openHandlesInto(snapshots)).isEmpty();
  }

  private static List<String> openHandlesInto(Path directory) throws Exception {
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs Linux /proc to see open files");
    String prefix = directory.toAbsolutePath().toString() + "/";
    List<String> out = new java.util.ArrayList<>();
    try (Stream<Path> s = Files.list(fds)) {
      for (Path fd : s.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith(prefix)) {
            out.add(target);
          }
        } catch (java.io.IOException gone) {
          // the descriptor closed while listing
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {BundleMediaType.V0_1, BundleMediaType.V0_2, BundleMediaType.V0_3, BundleMediaType.V0_3_NEW})
  void everyBundleVersionVerifies(String mediaType) throws Exception {
    signer().withMediaType(mediaType).withTimestamp(true).signBundle(model);
    try (VerifiedModel m = VerifiedModel.load(model, policy())) {
      assertThat(m.report().checks()).anyMatch(c -> c.detail().equals(mediaType));
    }
  }

  @Test
  void discoversDotBundleAndVerifiesEveryBundleFound() throws Exception {
    signer().signBundle(model, dir.resolve("model.safetensors.bundle"));
    try (VerifiedModel m = VerifiedModel.load(model, policy())) {
      assertThat(m.signatures()).hasSize(1);
    }
    sigstore.signer("intruder@example.com", ISSUER).signBundle(model);
    assertThat(refused(() -> VerifiedModel.load(model, policy())).reason())
        .isEqualTo(Reason.IDENTITY_MISMATCH);
  }

  @Test
  void legacyCosignBundleVerifies() throws Exception {
    Path bundle = signer().signLegacyCosign(model, dir.resolve("model.cosign.bundle"));
    try (VerifiedModel m = VerifiedModel.load(model, policy(), LoadOptions.builder().bundle(bundle).build())) {
      assertThat(m.signer().subject()).isEqualTo(ID);
      assertThat(m.signingTime()).isPresent();
    }
  }

  @Test
  void legacyCosignBundleForOtherContentIsRefused() throws Exception {
    Path bundle = signer().signLegacyCosign(model, dir.resolve("model.cosign.bundle"));
    Files.write(model, new byte[] {1});
    assertThat(refused(() -> VerifiedModel.load(model, policy(), LoadOptions.builder().bundle(bundle).build())).reason())
        .isEqualTo(Reason.INVALID_SIGNATURE);
  }

  @Test
  void keySignedBundlesNeedThePinnedKey() throws Exception {
    KeySigner key = sigstore.keySigner();
    Path bundle = key.signBundle(model, dir.resolve("model.safetensors.bundle"));
    Policy byKey = Policy.builder().trustRoot(trustRoot).allowKeyPem(key.publicKeyPem()).build();
    try (VerifiedModel m = VerifiedModel.load(model, byKey)) {
      assertThat(m.signer().isKeyless()).isFalse();
      assertThat(m.signer().keyId()).hasSize(64);
    }
    assertThat(refused(() -> VerifiedModel.load(model, policy())).reason()).isEqualTo(Reason.KEY_MISMATCH);
    Policy otherKey = Policy.builder().trustRoot(trustRoot)
        .allowKeyPem(sigstore.keySigner().publicKeyPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, otherKey)).reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    assertThat(bundle).exists();
  }

  @Test
  void legacyCosignKeyBundleNeedsThePinnedKey() throws Exception {
    KeySigner key = sigstore.keySigner();
    Path bundle = key.signLegacyCosign(model, dir.resolve("legacy.bundle"));
    LoadOptions options = LoadOptions.builder().bundle(bundle).build();
    Policy byKey = Policy.builder().trustRoot(trustRoot).allowKeyPem(key.publicKeyPem()).build();
    try (VerifiedModel m = VerifiedModel.load(model, byKey, options)) {
      assertThat(m.signer().isKeyless()).isFalse();
    }
    Policy otherKey = Policy.builder().trustRoot(trustRoot)
        .allowKeyPem(sigstore.keySigner().publicKeyPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, otherKey, options)).reason()).isEqualTo(Reason.KEY_MISMATCH);
  }

  @Test
  void keylessBundleUnderAKeyOnlyPolicyIsRefused() throws Exception {
    signer().signBundle(model);
    Policy byKey = Policy.builder().trustRoot(trustRoot).allowKeyPem(sigstore.keySigner().publicKeyPem()).build();
    assertThat(refused(() -> VerifiedModel.load(model, byKey)).reason()).isEqualTo(Reason.KEY_MISMATCH);
  }

  @Test
  void identitiesMatchExactlyOrByFullRegex() throws Exception {
    sigstore.signer("https://github.com/acme/models/.github/workflows/release.yml@refs/tags/v1", ISSUER).signBundle(model);
    Policy regex = Policy.builder().trustRoot(trustRoot)
        .allowIdentity(Identity.regex("https://github\\.com/acme/models/.*", ISSUER)).build();
    try (VerifiedModel m = VerifiedModel.load(model, regex)) {
      assertThat(m.signer().subject()).startsWith("https://github.com/acme/");
    }
    Policy partial = Policy.builder().trustRoot(trustRoot)
        .allowIdentity(Identity.regex("acme", ISSUER)).build();
    assertThat(refused(() -> VerifiedModel.load(model, partial)).reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
    Policy otherIssuer = Policy.builder().trustRoot(trustRoot)
        .allowIdentity(Identity.regex(".*", "https://token.actions.githubusercontent.com")).build();
    assertThat(refused(() -> VerifiedModel.load(model, otherIssuer)).reason()).isEqualTo(Reason.IDENTITY_MISMATCH);
  }

  @Test
  void severalIdentitiesMayBeAllowed() throws Exception {
    sigstore.signer("second@example.com", ISSUER).signBundle(model);
    Policy p = Policy.builder().trustRoot(trustRoot).allowIdentity(ID, ISSUER)
        .allowIdentity("second@example.com", ISSUER).build();
    try (VerifiedModel m = VerifiedModel.load(model, p)) {
      assertThat(m.signer().subject()).isEqualTo("second@example.com");
    }
  }

  @Test
  void aBundleFromAnotherSigstoreIsRefused() throws Exception {
    FakeSigstore.create().signer(ID, ISSUER).signBundle(model);
    assertThat(refused(() -> VerifiedModel.load(model, policy())).reason()).isEqualTo(Reason.INVALID_TLOG_ENTRY);
  }

  @Test
  void missingPiecesNameTheFile() throws Exception {
    ModelVerificationException noBundle = refused(() -> VerifiedModel.load(model, policy()));
    assertThat(noBundle.reason()).isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(noBundle.getMessage()).contains("model.safetensors.bundle", "model.safetensors.sigstore.json");

    Path absent = dir.resolve("absent.bin");
    Path bundle = signer().signBundle(model);
    ModelVerificationException noModel = refused(() -> VerifiedModel.load(absent, policy(),
        LoadOptions.builder().bundle(bundle).build()));
    assertThat(noModel.reason()).isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(noModel.getMessage()).contains("absent.bin");

    ModelVerificationException noExplicit = refused(() -> VerifiedModel.load(model, policy(),
        LoadOptions.builder().bundle(dir.resolve("nope.json")).build()));
    assertThat(noExplicit.reason()).isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(noExplicit.getMessage()).contains("nope.json");

    ModelVerificationException noModelSignature = refused(() -> VerifiedModel.load(dir, policy()));
    assertThat(noModelSignature.reason()).as("a directory needs its model.sig").isEqualTo(Reason.MISSING_EVIDENCE);
    assertThat(noModelSignature.getMessage()).contains(dir.resolve("model.sig").toString());
  }

  @Test
  void anEmptyModelCanBeSignedAndVerified() throws Exception {
    Files.write(model, new byte[0]);
    signer().signBundle(model);
    try (VerifiedModel m = VerifiedModel.load(model, policy()); InputStream in = m.openStream()) {
      assertThat(m.size()).isZero();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(m.buffers()).isEmpty();
    }
  }

  @Test
  void policyRefusesToAcceptAnyone() {
    assertThatThrownBy(() -> Policy.builder().trustRoot(trustRoot).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one identity, key or certificate root");
    assertThatThrownBy(() -> Policy.builder().allowIdentity(ID, ISSUER).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("trust root");
    assertThatThrownBy(() -> Identity.exact(ID, " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Identity.regex("(", ISSUER)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Policy.builder().allowKeyPem("not a key")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void policyIsImmutable() {
    Policy p = policy();
    assertThatThrownBy(() -> p.identities().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(p.identities()).containsExactly(Identity.exact(ID, ISSUER));
    assertThat(Set.copyOf(p.keys())).isEmpty();
  }
}
