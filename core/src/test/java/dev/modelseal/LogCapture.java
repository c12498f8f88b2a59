package dev.modelseal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what slf4j-simple (the tests' binding, which writes to whatever {@code System.err} is
 * at the time) logs while an action runs.
 */
final class LogCapture {
  private LogCapture() {}

  interface Action<T> {
    T run() throws Exception;
  }

  /** The action's result and the log it wrote. */
  record Logged<T>(T value, String log) {
    long count(String level) {
      return log.lines().filter(l -> l.contains(" " + level + " ")).count();
    }
  }

  static <T> Logged<T> during(Action<T> action) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      T value = action.run();
      return new Logged<>(value, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
      original.print(buffer.toString(StandardCharsets.UTF_8));
    }
  }
}
