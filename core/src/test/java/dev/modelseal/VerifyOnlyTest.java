package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.oms.EcCurve;
import dev.modelseal.testkit.oms.ModelSigning;
import dev.modelseal.testkit.oms.OmsKeySigner;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelVerifier#check}: the verdict and report of {@code load}, with no bytes kept, so a model
 * many times the heap verifies.
 */
class VerifyOnlyTest {
  @TempDir Path dir;

  private static Policy policy(DeliveryUnit unit, EnforcementMode mode) throws ModelVerificationException {
    return Policy.builder().trustRoot(TrustRoot.fromJson(unit.trustedRoot().orElseThrow()))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER)
        .requireAttestation(AttestationRequirement.builder("custom")
            .condition("{{ eval.accuracy }}", "GreaterThanOrEquals", 0.85).build())
        .mode(mode)
        .build();
  }

  @Test
  void checkEstablishesWhatLoadEstablishes() throws Exception {
    DeliveryUnit unit = FakeSigstore.create().deliveryUnit().write(dir.resolve("unit"));
    ModelVerifier verifier = ModelVerifier.of(policy(unit, EnforcementMode.ENFORCE));
    Verification checked = verifier.check(unit.model());
    try (VerifiedModel loaded = verifier.load(unit.model())) {
      Verification v = loaded.verification();
      assertThat(checked.status()).isEqualTo(VerificationStatus.VERIFIED);
      assertThat(checked.report().checks()).isEqualTo(v.report().checks());
      assertThat(checked.files()).isEqualTo(v.files());
      assertThat(checked.files().values()).singleElement().satisfies(f ->
          assertThat(f.digest()).contains("sha256:" + unit.modelSha256Hex()));
      assertThat(checked.signer()).isEqualTo(loaded.signer());
      assertThat(checked.digests().sha256()).isEqualTo(loaded.digests().sha256());
      assertThat(checked.attestations()).hasSize(loaded.attestations().size()).isNotEmpty();
      assertThat(checked.sbom()).isPresent();
      assertThat(checked.size()).isEqualTo(loaded.size()).isEqualTo(Files.size(unit.model()));
    }
  }

  @Test
  void checkRefusesForTheSameReasons() throws Exception {
    FakeSigstore sigstore = FakeSigstore.create();
    DeliveryUnit failing = sigstore.deliveryUnit().tamper(AttestationTamper.FAILING_PREDICATE)
        .write(dir.resolve("failing"));
    ModelVerifier enforce = ModelVerifier.of(policy(failing, EnforcementMode.ENFORCE));
    assertThatThrownBy(() -> enforce.check(failing.model()))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONDITION_FAILED));
    Verification audited = ModelVerifier.of(policy(failing, EnforcementMode.AUDIT)).check(failing.model());
    assertThat(audited.status()).isEqualTo(VerificationStatus.ADMITTED_WITH_VIOLATIONS);
    assertThat(audited.violations()).extracting(ModelVerificationException.Failure::reason)
        .containsExactly(Reason.CONDITION_FAILED);

    DeliveryUnit good = sigstore.deliveryUnit().write(dir.resolve("good"));
    try (RandomAccessFile f = new RandomAccessFile(good.model().toFile(), "rw")) {
      int b = f.read();
      f.seek(0);
      f.write(b ^ 1);
    }
    assertThatThrownBy(() -> ModelVerifier.of(policy(good, EnforcementMode.AUDIT)).check(good.model()))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
  }

  @Test
  void checkOfADirectoryHashesEveryFileAndKeepsNothing() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 8}");
    Files.createDirectories(model.resolve("weights"));
    Files.write(model.resolve("weights/model.safetensors"), new byte[3 << 20]);
    OmsKeySigner key = OmsKeySigner.create(EcCurve.P256);
    ModelSigning.files().sign(model, key);
    Path snapshots = dir.resolve("snapshots"); // load would create it (its snapshot is unlinked at once)
    ModelVerifier verifier = ModelVerifier.of(Policy.builder().trustRoot(TrustRoot.none())
        .allowKeyPem(key.publicKeyPem()).build());
    LoadOptions options = LoadOptions.builder().snapshotDirectory(snapshots).build();
    Verification checked = verifier.check(model, options);
    assertThat(checked.files().keySet()).containsExactly("config.json", "weights/model.safetensors");
    assertThat(checked.size()).isEqualTo(18 + (3 << 20));
    assertThat(snapshots).as("check keeps no snapshot").doesNotExist();
    try (VerifiedModel loaded = verifier.load(model)) {
      assertThat(checked.files()).isEqualTo(loaded.verification().files());
    }
    Files.write(model.resolve("weights/model.safetensors"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> verifier.check(model))
        .isInstanceOfSatisfying(ModelVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH));
  }

  @Test
  void aModelThatDoesNotExistIsNamedAsSuch() throws Exception {
    Path missing = dir.resolve("missing.onnx");
    ModelVerifier verifier = ModelVerifier.of(Policy.builder().trustRoot(TrustRoot.none())
        .allowKeyPem(OmsKeySigner.create(EcCurve.P256).publicKeyPem()).build());
    assertThatThrownBy(() -> verifier.check(missing))
        .isInstanceOfSatisfying(ModelVerificationException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.MISSING_EVIDENCE);
          assertThat(e.getMessage()).contains("missing.onnx: the model does not exist");
        });
    assertThatThrownBy(() -> verifier.load(missing)).hasMessageContaining("the model does not exist");
  }

  /**
   * A child JVM with a 64 MiB heap checks a 512 MiB single file and a 512 MiB directory (both
   * verify), and refuses to load them in memory: the heap could hold neither, so check kept nothing.
   */
  @Test
  void modelsEightTimesTheHeapVerifyInConstantMemory() throws Exception {
    long size = 512L << 20;
    FakeSigstore sigstore = FakeSigstore.create();
    Path file = dir.resolve("big.bin");
    sparse(file, size);
    sigstore.signer("big@example.com", "https://issuer.example").signBundle(file);
    Path root = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
    Path directory = Files.createDirectories(dir.resolve("big-dir"));
    sparse(directory.resolve("a.bin"), size / 2);
    sparse(directory.resolve("b.bin"), size / 2);
    OmsKeySigner key = OmsKeySigner.create(EcCurve.P256);
    ModelSigning.files().sign(directory, key);
    Path pem = Files.writeString(dir.resolve("key.pem"), key.publicKeyPem());

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), Child.class.getName(),
        file.toString(), root.toString(), directory.toString(), pem.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("checked " + file + " " + size, "checked " + directory + " " + size,
        "load " + file + " MODEL_TOO_LARGE_FOR_MEMORY", "load " + directory + " MODEL_TOO_LARGE_FOR_MEMORY");
    assertThat(p.exitValue()).as(output).isZero();
  }

  private static void sparse(Path file, long size) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
      f.seek(size - 1);
      f.write(7);
    }
  }

  /** Runs in the child JVM: check, then load, each model; prints what happened. */
  static final class Child {
    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[0]);
      Path directory = Path.of(args[2]);
      ModelVerifier keyless = ModelVerifier.of(Policy.builder().trustRoot(TrustRoot.fromJson(Path.of(args[1])))
          .allowIdentity("big@example.com", "https://issuer.example").build());
      ModelVerifier keyed = ModelVerifier.of(Policy.builder().trustRoot(TrustRoot.none())
          .allowKeyPem(Files.readString(Path.of(args[3]))).build());
      System.out.println("checked " + file + " " + keyless.check(file).size());
      System.out.println("checked " + directory + " " + keyed.check(directory).size());
      for (Object[] run : new Object[][] {{keyless, file}, {keyed, directory}}) {
        try (VerifiedModel m = ((ModelVerifier) run[0]).load((Path) run[1])) {
          System.out.println("load " + run[1] + " kept " + m.size());
        } catch (ModelVerificationException e) {
          System.out.println("load " + run[1] + " " + e.reason());
        }
      }
    }
  }
}
