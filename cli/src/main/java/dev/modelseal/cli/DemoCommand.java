package dev.modelseal.cli;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.PolicyFiles;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedModel;
import dev.modelseal.djl.DjlLoader;
import dev.modelseal.djl.FloatVectorTranslator;
import dev.modelseal.testkit.AttestationTamper;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.TinyOnnx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code demo}: on built-in defaults, a fake Sigstore signs a tiny real ONNX model with an
 * attestation and an ML-BOM; the model is verified under a sample policy, loaded into DJL and run;
 * then a tampered copy, a failing evaluation and a non-commercial dataset license are refused.
 * Exits 0 only if every step turned out as the story says.
 */
final class DemoCommand {
  static final float[] INPUT = {1f, 2f, 3f};
  private static final String MODEL = "tiny-linear.onnx";

  private final PrintStream out;
  private final PrintStream err;

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Args a = Args.parse(argv, Set.of("--dir"), Set.of());
    if (!a.positional().isEmpty()) {
      throw new Args.UsageException("demo takes no arguments");
    }
    Path dir = null;
    try {
      dir = a.one("--dir") != null ? Files.createDirectories(Path.of(a.one("--dir")))
          : Files.createTempDirectory("modelseal-demo-");
      return story(dir);
    } catch (IOException e) {
      err.println("demo: cannot prepare a working directory: " + e.getMessage());
      return Main.REJECTED;
    } finally {
      if (dir != null && a.one("--dir") == null) {
        deleteTree(dir);
      }
    }
  }

  private int story(Path dir) throws IOException {
    out.println("ModelSeal demo (working in " + dir + ")");
    out.println();
    FakeSigstore sigstore = FakeSigstore.create();
    TinyOnnx onnx = TinyOnnx.create();
    DeliveryUnit unit = sigstore.deliveryUnit().modelName(MODEL).model(onnx.bytes()).write(dir.resolve("release"));
    out.println("1. A producer signs " + MODEL + " (a real ONNX model, y = x.W + b) with an in-process");
    out.println("   fake Sigstore (Fulcio, CT log, Rekor, TSA) as " + DeliveryUnit.IDENTITY + ", and");
    out.println("   attaches an attestation (eval scores) and a CycloneDX ML-BOM:");
    try (Stream<Path> files = Files.list(unit.directory())) {
      files.sorted().forEach(f -> out.println("     " + f.getFileName()));
    }
    Path policyFile = writeSamplePolicy(dir.resolve("policy.yaml"), unit.trustedRoot().orElseThrow());
    out.println();
    out.println("2. The consumer's policy (" + policyFile.getFileName() + "):");
    Files.readAllLines(policyFile).forEach(l -> out.println("     " + l));
    Policy policy;
    try {
      policy = PolicyFiles.read(policyFile);
    } catch (ModelVerificationException e) {
      err.println("demo: the sample policy did not load: " + e.getMessage());
      return Main.REJECTED;
    }

    out.println();
    out.println("3. The genuine release is verified, loaded into DJL (OnnxRuntime) and run:");
    boolean ok = runGenuine(unit.model(), policy, onnx);

    out.println();
    out.println("4. A copy with one byte flipped in transit:");
    Path tampered = copyUnit(unit.directory(), dir.resolve("tampered"));
    flipLastByte(tampered.resolve(MODEL));
    ok &= refused(tampered.resolve(MODEL), policy, Reason.DIGEST_MISMATCH);

    out.println();
    out.println("5. A validly signed release whose evaluation fails the policy (accuracy 0.80):");
    DeliveryUnit weak = sigstore.deliveryUnit().modelName(MODEL).model(onnx.bytes())
        .tamper(AttestationTamper.FAILING_PREDICATE).write(dir.resolve("weak"));
    ok &= refused(weak.model(), policy, Reason.CONDITION_FAILED);

    out.println();
    out.println("6. A validly signed release trained on a non-commercial dataset (CC-BY-NC-4.0):");
    DeliveryUnit nc = sigstore.deliveryUnit().modelName(MODEL).model(onnx.bytes())
        .tamper(AttestationTamper.SBOM_DENIED_LICENSE).write(dir.resolve("noncommercial"));
    ok &= refused(nc.model(), policy, Reason.SBOM_VIOLATION);

    out.println();
    out.println(ok ? "Demo complete: the genuine model ran; every bad release was refused before loading."
        : "Demo FAILED: see the UNEXPECTED lines above.");
    return ok ? Main.OK : Main.REJECTED;
  }

  private boolean runGenuine(Path model, Policy policy, TinyOnnx onnx) {
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      Report.summary(m).lines().forEach(l -> out.println("   " + l));
      try (ZooModel<float[], float[]> zoo = DjlLoader.zooModel(m, DjlLoader.ONNX_RUNTIME,
              new FloatVectorTranslator(TinyOnnx.INPUT));
          Predictor<float[], float[]> predictor = zoo.newPredictor()) {
        float[] y = predictor.predict(INPUT);
        float[] expected = onnx.expectedOutput(INPUT);
        out.println("   inference: x = " + Arrays.toString(INPUT) + "  ->  y = " + Arrays.toString(y)
            + (Arrays.equals(y, expected) ? "  (as expected)" : "  UNEXPECTED, wanted " + Arrays.toString(expected)));
        return Arrays.equals(y, expected);
      }
    } catch (ModelVerificationException e) {
      out.println("   UNEXPECTED: the genuine model was refused: " + e.getMessage());
      return false;
    } catch (Exception e) {
      out.println("   UNEXPECTED: inference failed: " + e);
      return false;
    }
  }

  private boolean refused(Path model, Policy policy, Reason expected) {
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      out.println("   UNEXPECTED: " + model + " was accepted");
      return false;
    } catch (ModelVerificationException e) {
      out.println("   REFUSED [" + e.reason() + "], nothing loaded:");
      for (ModelVerificationException.Failure f : e.failures()) {
        out.println("     " + f.message());
      }
      return e.reason() == expected;
    }
  }

  /** Writes the demo's sample policy (testkit delivery-unit signer, the seed's eval and SBOM rules). */
  static Path writeSamplePolicy(Path file, Path trustedRoot) throws IOException {
    return Files.writeString(file, """
        apiVersion: modelseal.dev/v1
        kind: ModelPolicy
        mode: Enforce
        trustRoot: %s
        identities:
          - issuer: %s
            subject: %s
        attestations:
          - type: custom
            conditions:
              - all:
                  - key: "{{ eval.accuracy }}"
                    operator: GreaterThanOrEquals
                    value: 0.85
                  - key: "{{ eval.safety_pass_rate }}"
                    operator: GreaterThanOrEquals
                    value: 0.99
        sbom:
          requireDatasetLicenses: true
          deniedLicenses: ["*-NC-*", "research-only"]
        """.formatted(file.getParent().relativize(trustedRoot), DeliveryUnit.ISSUER, DeliveryUnit.IDENTITY));
  }

  private static Path copyUnit(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  private static void flipLastByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(file, bytes);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temp directory is harmless
    }
  }
}
