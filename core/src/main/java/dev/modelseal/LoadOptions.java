package dev.modelseal;

import java.nio.file.Path;
import java.util.Objects;
import dev.modelseal.spi.EvidenceLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@link VerifiedModel#load(Path, Policy, LoadOptions)} finds evidence and keeps the verified
 * bytes. The defaults: bundles discovered next to the model, content kept in memory.
 */
public final class LoadOptions {
  private static final LoadOptions DEFAULTS = new Builder().build();

  private final Path bundle;
  private final Path snapshotDirectory;
  private final ReadProgress progress;
  private final EvidenceLocator locator;
  private final List<String> ignorePaths;
  private final boolean ignoreUnsignedFiles;

  private LoadOptions(Builder b) {
    this.ignorePaths = List.copyOf(b.ignorePaths);
    this.ignoreUnsignedFiles = b.ignoreUnsignedFiles;
    this.bundle = b.bundle;
    this.snapshotDirectory = b.snapshotDirectory;
    this.progress = b.progress;
    this.locator = b.locator;
  }

  public static LoadOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Paths of a model directory, relative to it, that are not part of the signed model (with what
   * they contain): as model_signing's {@code --ignore-paths}, on top of the ones the signature
   * records and the defaults ({@code .git}, {@code .gitattributes}, {@code .github}, {@code
   * .gitignore}).
   */
  public List<String> ignorePaths() {
    return ignorePaths;
  }

  /**
   * Whether files of a model directory that the signature does not list are left out (never opened
   * nor handed out) rather than refused, as model_signing's {@code --ignore-unsigned-files}. Off by
   * default: an extra file fails with {@link Reason#FILE_SET_MISMATCH}. A signed file that is
   * missing fails either way.
   */
  public boolean ignoreUnsignedFiles() {
    return ignoreUnsignedFiles;
  }

  /**
   * An explicit signature bundle instead of discovery next to the model; for a model directory, its
   * OpenSSF Model Signing signature instead of {@code model.sig} inside it.
   */
  public Optional<Path> bundle() {
    return Optional.ofNullable(bundle);
  }

  /**
   * Where the private snapshot file goes; empty means the content is kept in memory, and a model
   * larger than the heap is then refused ({@link Reason#MODEL_TOO_LARGE_FOR_MEMORY}).
   */
  public Optional<Path> snapshotDirectory() {
    return Optional.ofNullable(snapshotDirectory);
  }

  /** A custom evidence locator; empty means discovery next to the model (and metadata.json). */
  public Optional<EvidenceLocator> evidenceLocator() {
    return Optional.ofNullable(locator);
  }

  /** Who is told how far the read has got; {@link ReadProgress#NONE} by default. */
  public ReadProgress progress() {
    return progress;
  }

  /** Builds {@link LoadOptions}. */
  public static final class Builder {
    private Path bundle;
    private Path snapshotDirectory;
    private ReadProgress progress = ReadProgress.NONE;
    private EvidenceLocator locator;
    private final List<String> ignorePaths = new ArrayList<>();
    private boolean ignoreUnsignedFiles;

    private Builder() {}

    /** Adds paths to leave out of a model directory; see {@link LoadOptions#ignorePaths()}. */
    public Builder ignorePaths(String... paths) {
      for (String p : paths) {
        ignorePaths.add(Objects.requireNonNull(p, "path"));
      }
      return this;
    }

    /** See {@link LoadOptions#ignoreUnsignedFiles()}. */
    public Builder ignoreUnsignedFiles(boolean ignore) {
      this.ignoreUnsignedFiles = ignore;
      return this;
    }

    /** Finds evidence with {@code locator} instead of next to the model; all of it is verified. */
    public Builder evidenceLocator(EvidenceLocator locator) {
      this.locator = Objects.requireNonNull(locator, "locator");
      return this;
    }

    /** Reports read progress (e.g. a progress bar for large models). */
    public Builder progress(ReadProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Verify this bundle (Sigstore or legacy cosign, or an OpenSSF Model Signing signature) rather
     * than looking next to the model; for a directory, instead of {@code model.sig} inside it.
     */
    public Builder bundle(Path bundle) {
      this.bundle = Objects.requireNonNull(bundle, "bundle");
      return this;
    }

    /**
     * Keep the verified bytes in a new owner-only file in {@code directory} instead of memory: for
     * models larger than the heap. The file is deleted when the {@link VerifiedModel} is closed; on
     * Unix it is unlinked as soon as it is created, so nobody can open it by name. Use a directory
     * on a local disk that others cannot write to.
     */
    public Builder snapshotDirectory(Path directory) {
      this.snapshotDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public LoadOptions build() {
      return new LoadOptions(this);
    }
  }
}
