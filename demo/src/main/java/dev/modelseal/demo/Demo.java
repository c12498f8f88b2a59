package dev.modelseal.demo;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import dev.modelseal.Check;
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
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelseal demo}: on built-in defaults, a fake Sigstore signs a tiny real ONNX model with an
 * attestation and an ML-BOM; the model is verified under a sample policy, loaded into DJL and run;
 * then a tampered copy, a failing evaluation and a non-commercial dataset license are refused.
 * Exits 0 only if every step turned out as the story says. It ships as its own jar ({@code
 * modelseal-demo.jar}) because it needs the testkit and ONNX Runtime, which the verifier does not.
 */
@Command(name = "modelseal demo",
    description = {"Signs a tiny ONNX model with an in-process fake Sigstore (with an attestation and an ML-BOM),"
        + " verifies it under a sample policy, runs it in DJL, and shows a tampered copy, a failing evaluation"
        + " and a denied license refused before loading."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every step turned out as the story says", "1:a step did not", "2:usage error"})
public final class Demo implements Callable<Integer> {
  static final float[] INPUT = {1f, 2f, 3f};
  private static final String MODEL = "tiny-linear.onnx";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;

  @Option(names = "--dir", paramLabel = "DIR", description = "keep the signed releases, the tampered copies and"
      + " the policy in DIR (default: a temporary directory, deleted afterwards)")
  Path keep;

  private PrintWriter out;
  private PrintWriter err;

  public static void main(String[] args) {
    stayOffline();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the demo with {@code args}; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    return new CommandLine(new Demo()).setOut(out).setErr(err).execute(args);
  }

  /**
   * DJL downloads engines and, on first use, calls home (EC2 metadata, telemetry) unless told to
   * stay offline. The demo never needs the network, so it says so up front; an explicit setting by
   * the user wins.
   */
  static void stayOffline() {
    for (String[] setting : new String[][] {{"ai.djl.offline", "true"}, {"OPT_OUT_TRACKING", "true"},
        {"ai.djl.onnx.disable_alternative", "true"},
        // CUDA being absent on a CPU machine says nothing to a user of the demo.
        {"org.slf4j.simpleLogger.log.ai.djl", "error"}}) {
      System.setProperty(setting[0], System.getProperty(setting[0], setting[1]));
    }
  }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    Path dir = null;
    try {
      dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("modelseal-demo-");
      return story(dir);
    } catch (IOException e) {
      err.println("demo: cannot prepare a working directory: " + e.getMessage());
      return 1;
    } finally {
      if (dir != null && keep == null) {
        deleteTree(dir);
      }
    }
  }

  @Spec CommandSpec spec;

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
    // The testkit writes the policy the release passes: its signer, the seed's eval and SBOM rules.
    Path policyFile = Files.writeString(dir.resolve(DeliveryUnit.POLICY_FILE), unit.policyYaml());
    out.println();
    out.println("2. The consumer's policy (" + policyFile.getFileName() + "):");
    Files.readAllLines(policyFile).forEach(l -> out.println("     " + l));
    Policy policy;
    try {
      policy = PolicyFiles.read(policyFile);
    } catch (ModelVerificationException e) {
      err.println("demo: the sample policy did not load: " + e.getMessage());
      return 1;
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
    return ok ? 0 : 1;
  }

  private boolean runGenuine(Path model, Policy policy, TinyOnnx onnx) {
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      summary(m);
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
      out.println("   REJECTED [" + e.reason() + "], nothing loaded:");
      for (ModelVerificationException.Failure f : e.failures()) {
        out.println("     " + f.message());
      }
      return e.reason() == expected;
    }
  }

  /** The verdict in the words of {@code modelseal verify}'s summary. */
  private void summary(VerifiedModel m) {
    out.println("   VERIFIED " + m.path().getFileName());
    out.println("     digest:       " + m.digests());
    out.println("     signer:       " + m.signer());
    out.println("     signed at:    " + m.signingTime().map(Object::toString).orElse("(no verified time)")
        + (m.logIndex().isPresent() ? " (log index " + m.logIndex().getAsLong() + ")" : ""));
    m.attestations().forEach(a -> out.println("     attestation:  " + a.predicateType()));
    m.report().checks().stream().filter(c -> c.name().equals("condition"))
        .forEach(c -> out.println("     condition:    " + c.detail()));
    long passed = m.report().checks().stream().filter(c -> c.status() == Check.Status.PASSED).count();
    out.println("     checks:       " + passed + " passed (signature, log entries, certificate, SCT, identity,"
        + " attestation conditions, SBOM rules; 'modelseal verify --verbose' lists them all)");
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
