package dev.modelseal.cli;

import dev.modelseal.LoadOptions;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Policy;
import dev.modelseal.Reason;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.FakeSigstore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code demo}: on built-in defaults, signs a sample model with an in-process fake Sigstore, verifies
 * it, and shows a tampered copy and an unexpected signer being refused. Exits 0 only if every step
 * turned out as the story says.
 */
final class DemoCommand {
  private static final String TEAM = "ml-release@example.com";
  private static final String ISSUER = "https://accounts.example.com";

  private final PrintStream out;
  private final PrintStream err;

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> argv) throws Args.UsageException {
    Args a = Args.parse(argv, java.util.Set.of("--dir"), java.util.Set.of());
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
    out.println("ModelSeal demo: working in " + dir);
    out.println();
    out.println("1. A fake Sigstore (Fulcio CA, CT log, Rekor log, TSA) starts in-process.");
    FakeSigstore sigstore = FakeSigstore.create();
    Path trustedRoot = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
    out.println("   trust root written to " + trustedRoot.getFileName());

    Path model = dir.resolve("sentiment-classifier.onnx");
    Files.write(model, sampleModel());
    sigstore.signer(TEAM, ISSUER).withTimestamp(true).signBundle(model);
    out.println("2. " + TEAM + " signs " + model.getFileName() + " (" + Files.size(model)
        + " bytes) into " + model.getFileName() + ".sigstore.json");

    Policy policy;
    try {
      policy = Policy.builder()
          .trustRoot(TrustRoot.fromJson(trustedRoot))
          .allowIdentity(TEAM, ISSUER)
          .build();
    } catch (ModelVerificationException e) {
      err.println("demo: the fake trust root did not load: " + e.getMessage());
      return Main.REJECTED;
    }
    out.println("3. The consumer's policy allows only " + TEAM + " (issuer " + ISSUER + ").");
    out.println();
    boolean ok = true;
    out.println("-- the genuine model --");
    try (VerifiedModel m = VerifiedModel.load(model, policy)) {
      out.println(Report.describe(m));
    } catch (ModelVerificationException e) {
      out.println("UNEXPECTED: the genuine model was refused: " + e.getMessage());
      ok = false;
    }

    out.println();
    out.println("-- a copy with one byte changed in transit --");
    Path tampered = Files.createDirectories(dir.resolve("tampered")).resolve(model.getFileName());
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(tampered, bytes);
    Files.copy(dir.resolve(model.getFileName() + ".sigstore.json"),
        tampered.resolveSibling(model.getFileName() + ".sigstore.json"));
    ok &= refused(tampered, policy, LoadOptions.defaults(), Reason.DIGEST_MISMATCH);

    out.println();
    out.println("-- the same bytes, signed by someone the policy does not name --");
    Path impostor = Files.createDirectories(dir.resolve("impostor")).resolve(model.getFileName());
    Files.copy(model, impostor);
    sigstore.signer("intruder@example.net", ISSUER).signBundle(impostor);
    ok &= refused(impostor, policy, LoadOptions.defaults(), Reason.IDENTITY_MISMATCH);

    out.println();
    out.println(ok ? "Demo complete: the genuine model loaded; both bad copies were refused."
        : "Demo FAILED: see the UNEXPECTED lines above.");
    return ok ? Main.OK : Main.REJECTED;
  }

  private boolean refused(Path model, Policy policy, LoadOptions options, Reason expected) {
    try (VerifiedModel m = VerifiedModel.load(model, policy, options)) {
      out.println("UNEXPECTED: " + model + " was accepted");
      return false;
    } catch (ModelVerificationException e) {
      out.println("REFUSED [" + e.reason() + "]: " + e.getMessage());
      return e.reason() == expected;
    }
  }

  /** A few kilobytes standing in for weights (the DJL demo uses a real ONNX model). */
  private static byte[] sampleModel() {
    byte[] b = new byte[16 * 1024];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + (i >> 8));
    }
    return b;
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
