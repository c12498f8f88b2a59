package dev.modelseal.cli;

import dev.modelseal.ModelVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code modelseal} command line. Exit codes: 0 verified, 1 rejected, 2 usage error, 3
 * configuration error (a policy, trust root, key or certificate file that cannot be read or is not
 * valid), 4 internal error (a crash of ModelSeal's, never a verdict; one line on stderr, no stack
 * trace).
 */
@Command(
    name = "modelseal",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Verifies ML models, their Sigstore signatures, attestations and CycloneDX SBOMs, offline.",
    subcommands = {VerifyCommand.class, InspectCommand.class, VerifyBundleCommand.class, DemoPointer.class,
        CommandLine.HelpCommand.class},
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:verified",
        "1:rejected (the reason goes to stderr)",
        "2:usage error",
        "3:configuration error: a policy, trust root, key or certificate file cannot be read or is invalid",
        "4:internal error: a bug in ModelSeal, never a verdict on the model"},
    footer = {"%nRun 'modelseal COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {
  static final int OK = 0;
  static final int REJECTED = 1;
  static final int USAGE = 2;
  static final int CONFIG = 3;
  static final int INTERNAL = 4;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Without a command: the usage on stderr, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  /** Runs a command line; returns the exit code. Never throws, whatever the arguments. */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    return execute(new CommandLine(new Main()), args, out, err);
  }

  /** Runs {@code cl} (the {@code modelseal} command, or a test's variant of it) as {@link #run} does. */
  static int execute(CommandLine cl, List<String> args, PrintStream out, PrintStream err) {
    PrintWriter o = new PrintWriter(out, true, charset(out));
    PrintWriter e = new PrintWriter(err, true, charset(err));
    try {
      cl.setOut(o)
          .setErr(e)
          .setAbbreviatedOptionsAllowed(false)
          .setParameterExceptionHandler(Main::usageError)
          .setExecutionExceptionHandler((ex, line, parsed) -> crash(ex, line.getErr()));
      return cl.execute(args.toArray(String[]::new));
    } catch (RuntimeException | Error ex) {
      // Picocli hands Exceptions to the handler above; an Error (out of memory, a stack overflow)
      // from a command arrives here. Either way: one line, exit 4, never a verdict.
      return crash(ex, e);
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** A command line that cannot be understood: the problem, suggestions for a typo, where help is. */
  private static int usageError(ParameterException ex, String[] args) {
    CommandLine line = ex.getCommandLine();
    PrintWriter err = line.getErr();
    err.println("modelseal: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for usage.");
    return USAGE;
  }

  /**
   * A crash is not a verdict: it must not read as "rejected" (1) to a script, nor bury the one line
   * that matters under a stack trace.
   */
  private static int crash(Throwable ex, PrintWriter err) {
    err.println("modelseal: internal error (" + ex + "); this is a bug in ModelSeal, please report it");
    return INTERNAL;
  }

  /**
   * The exit code of a refusal: 3 when what must change is the configuration (the policy or the
   * trust root), 4 when ModelSeal refused because of its own error, else 1 (the model was rejected).
   */
  static int refused(ModelVerificationException e) {
    return switch (e.reason()) {
      case INTERNAL_ERROR -> INTERNAL;
      case INVALID_POLICY, INVALID_TRUST_ROOT -> CONFIG;
      default -> REJECTED;
    };
  }

  private static java.nio.charset.Charset charset(PrintStream stream) {
    return stream == System.out || stream == System.err ? java.nio.charset.Charset.defaultCharset()
        : StandardCharsets.UTF_8;
  }

  /** {@code --version}: the version the build stamped into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    static final String VERSION = read();

    @Override
    public String[] getVersion() {
      return new String[] {"modelseal " + VERSION, "Java " + System.getProperty("java.version")
          + " (" + System.getProperty("java.vm.name") + ")"};
    }

    private static String read() {
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          throw new IllegalStateException("version.properties is missing from the modelseal jar");
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version");
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }
}
