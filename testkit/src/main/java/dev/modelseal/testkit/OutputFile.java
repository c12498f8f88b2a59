package dev.modelseal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a text file as UTF-8, or a binary file, creating missing parent directories. */
final class OutputFile {
  private OutputFile() {}

  /** Writes {@code content} to {@code file}, replacing it, and returns {@code file}. */
  static Path write(Path file, String content) {
    return write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code content} to {@code file}, replacing it, and returns {@code file}. */
  static Path write(Path file, byte[] content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
