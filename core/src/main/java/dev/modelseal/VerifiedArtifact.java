package dev.modelseal.djl;

import dev.modelseal.VerifiedModel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A verified model as the loader sees it: a set of files by relative name, each with exactly the
 * bytes that were verified. Today every artifact is one file ({@link #of(VerifiedModel)}); a
 * directory signed as a whole (an OpenSSF model-signing manifest of files and digests) will be
 * another factory here, with the same accessors, so code written against this type does not change
 * when directories arrive. Only this package creates one, and only from a core verification
 * result: there is no way to wrap unverified bytes.
 */
public final class VerifiedArtifact {
  private final String name;
  private final SortedMap<String, VerifiedFile> files;

  private VerifiedArtifact(String name, Map<String, VerifiedFile> files) {
    this.name = Objects.requireNonNull(name, "name");
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /**
   * The single-file artifact of {@code model}: one file named like the model's file, backed by the
   * bytes the verifier kept (never by its path). The artifact lives as long as {@code model}: close
   * the model when done with both.
   */
  public static VerifiedArtifact of(VerifiedModel model) {
    Objects.requireNonNull(model, "model");
    String fileName = fileName(model.path());
    VerifiedFile file = new VerifiedFile(fileName, model.size(), model.digests().sha256(),
        model::openStream, model::buffers);
    return new VerifiedArtifact(ModelNames.of(fileName), Map.of(fileName, file));
  }

  /** The path's last element; the path is only a label here, it is never opened. */
  private static String fileName(Path path) {
    Path name = path == null ? null : path.getFileName();
    return name == null || name.toString().isEmpty() ? "model" : name.toString();
  }

  /** The model's name: the file name without its extension (for a directory: its name). */
  public String name() {
    return name;
  }

  /** Every file, by relative name with {@code /} separators, sorted by name. */
  public SortedMap<String, VerifiedFile> files() {
    return files;
  }

  /** The file named {@code relativeName}, if the artifact has it. */
  public Optional<VerifiedFile> file(String relativeName) {
    return Optional.ofNullable(files.get(Objects.requireNonNull(relativeName, "relativeName")));
  }

  @Override
  public String toString() {
    return "VerifiedArtifact[" + name + ": " + files.keySet() + "]";
  }
}
