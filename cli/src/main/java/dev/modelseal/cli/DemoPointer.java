package dev.modelseal.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code demo} in the verifier jar: the demo signs and runs a model, so it needs the testkit and
 * an inference engine, which the verifier does not carry; this says where it is.
 */
@Command(name = "demo", hidden = true, description = "The demo ships as its own jar.")
final class DemoPointer implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Unmatched List<String> ignored;

  @Parameters(hidden = true) List<String> more;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("modelseal: the demo is not part of the verifier jar (it needs the"
        + " testkit and ONNX Runtime); run './modelseal demo' from a checkout, or"
        + " 'java -jar demo/target/modelseal-demo.jar'");
    return Main.USAGE;
  }
}
