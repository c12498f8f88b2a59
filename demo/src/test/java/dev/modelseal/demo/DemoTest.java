package dev.modelseal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Demo.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void theDemoTellsTheWholeStoryAndSucceeds() {
    assertThat(run()).as(err.toString()).isEqualTo(0);
    assertThat(out.toString()).contains("VERIFIED tiny-linear.onnx", "condition:    eval.accuracy: found 0.91",
        "y = [2.375, 3.75]  (as expected)", "REJECTED [DIGEST_MISMATCH]", "REJECTED [CONDITION_FAILED]",
        "REJECTED [SBOM_VIOLATION]", "eval.accuracy", "CC-BY-NC-4.0", "Demo complete");
  }

  @Test
  void dirKeepsEverythingTheDemoWrote() {
    Path kept = dir.resolve("demo");
    assertThat(run("--dir", kept.toString())).as(err.toString()).isEqualTo(0);
    assertThat(kept.resolve("policy.yaml")).isRegularFile();
    assertThat(kept.resolve("release/tiny-linear.onnx")).isRegularFile();
    assertThat(kept.resolve("release/tiny-linear.onnx.bundle")).isRegularFile();
    assertThat(kept.resolve("tampered/tiny-linear.onnx")).isRegularFile();
    assertThat(Files.isDirectory(kept.resolve("weak"))).isTrue();
  }

  @Test
  void usageErrorsExitTwoAndHelpNamesDir() {
    assertThat(run("--frobnicate")).isEqualTo(2);
    assertThat(run("extra")).isEqualTo(2);
    assertThat(run("--help")).isEqualTo(0);
    assertThat(out.toString()).contains("Usage: modelseal demo", "--dir=DIR");
  }
}
