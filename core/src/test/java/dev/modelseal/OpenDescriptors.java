package dev.modelseal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * This process's open file descriptors on files in a directory (Linux: {@code /proc/self/fd}).
 * Snapshot files are opened {@code DELETE_ON_CLOSE}, which the JDK implements on Unix by unlinking
 * the file as soon as it is open: listing the directory never shows them, their descriptors do.
 * Skips the calling test where {@code /proc/self/fd} does not exist.
 */
public final class OpenDescriptors {
  private OpenDescriptors() {}

  /** The descriptors (as {@code /proc/self/fd/N} paths, which stat follows to the file) on files in {@code dir}. */
  public static List<Path> in(Path dir) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
    String prefix = dir.toRealPath() + "/";
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(fds)) {
      for (Path fd : s.toList()) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith(prefix)) {
            out.add(fd);
          }
        } catch (IOException closed) {
          // the descriptor of this very listing, closed meanwhile
        }
      }
    }
    return out;
  }
}
