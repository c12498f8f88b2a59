package dev.modelseal;

import java.nio.file.Path;
import java.util.Objects;
import dev.modelseal.spi.EvidenceLocator;
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

  private LoadOptions(Builder b) {
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

  /** An explicit signature bundle instead of discovery next to the model. */
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

    private Builder() {}

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

    /** Verify this bundle (Sigstore or legacy cosign) rather than looking next to the model. */
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
