package dev.modelseal.testkit.oms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Enumerates the regular files of a model as model_signing does: every file under the root,
 * dotfiles included, minus ignored paths (matched as whole relative paths and their subtrees);
 * symbolic links are refused unless allowed, and then followed.
 */
final class ModelFiles {
  private ModelFiles() {}

  /** A file to hash: its manifest name and where to read it. */
  record Entry(String name, Path file) {}

  /**
   * Returns the files of {@code model}, a directory or a single file (named {@code "."}), in no
   * particular order.
   *
   * @param ignored relative paths ({@code /}-separated) to leave out, with their subtrees
   */
  static List<Entry> list(Path model, Set<String> ignored, boolean allowSymlinks) {
    if (Files.isSymbolicLink(model) && !allowSymlinks) {
      throw new IllegalArgumentException(model + " is a symbolic link; sign its target or allow symlinks");
    }
    if (Files.isRegularFile(model)) {
      return List.of(new Entry(".", model));
    }
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException(model + " is neither a regular file nor a directory");
    }
    List<Entry> entries = new ArrayList<>();
    Set<FileVisitOption> options = allowSymlinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : Set.of();
    try {
      Files.walkFileTree(model, options, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          if (dir.equals(model)) {
            return FileVisitResult.CONTINUE;
          }
          String name = name(model, dir);
          if (isIgnored(name, ignored)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          refuseLink(dir, allowSymlinks);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          String name = name(model, file);
          if (isIgnored(name, ignored)) {
            return FileVisitResult.CONTINUE;
          }
          refuseLink(file, allowSymlinks);
          if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException(file + " is not a regular file (broken link, device, pipe or socket)");
          }
          entries.add(new Entry(name, file));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof FileSystemLoopException) {
            throw new IllegalArgumentException(file + " is a symbolic link that loops back to an ancestor", e);
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + model, e);
    }
    return entries;
  }

  /** Returns whether {@code name} is one of {@code ignored} or lies under one of them. */
  static boolean isIgnored(String name, Set<String> ignored) {
    for (String path : ignored) {
      if (name.equals(path) || name.startsWith(path + "/")) {
        return true;
      }
    }
    return false;
  }

  private static void refuseLink(Path path, boolean allowSymlinks) {
    if (!allowSymlinks && Files.isSymbolicLink(path)) {
      throw new IllegalArgumentException(path + " is a symbolic link; remove it or allow symlinks");
    }
  }

  /** Returns {@code path} relative to {@code root}, its components joined with {@code /}. */
  static String name(Path root, Path path) {
    Path relative = root.relativize(path);
    StringBuilder name = new StringBuilder();
    for (Path part : relative) {
      if (name.length() > 0) {
        name.append('/');
      }
      name.append(part);
    }
    return name.toString();
  }
}
