package dev.modelseal.cli;

import dev.modelseal.ReadProgress;
import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr while a large model is hashed; drawn only when the CLI runs on
 * a terminal, so piped and redirected runs stay quiet.
 */
final class ProgressBar implements ReadProgress {
  /** Smaller models finish before a bar would help. */
  static final long MIN_SIZE = 64L << 20;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private int lastPercent = -1;

  private ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  /** A bar for {@code label} when stderr is a terminal, else {@link ReadProgress#NONE}. */
  static ReadProgress forTerminal(PrintWriter err, String label, boolean terminal) {
    return terminal ? new ProgressBar(err, label) : ReadProgress.NONE;
  }

  @Override
  public void bytesRead(long done, long total) {
    if (total < MIN_SIZE) {
      return;
    }
    int percent = (int) (done * 100 / total);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    err.print("\rverifying " + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
        + percent + "% " + (done >> 20) + "/" + (total >> 20) + " MiB");
    if (done >= total) {
      err.print("\r" + " ".repeat(label.length() + WIDTH + 40) + "\r");
    }
    err.flush();
  }
}
