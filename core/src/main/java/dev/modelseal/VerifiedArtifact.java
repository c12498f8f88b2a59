package dev.modelseal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a verified model by relative name, each with exactly the bytes that were verified:
 * one file for a single-file model, every signed file for a directory signed with OpenSSF Model
 * Signing. Loaders take this shape, so the same code loads both. Only the verifier creates one
 * ({@link VerifiedModel#artifact()}): there is no way to wrap unverified bytes.
 */
public final class VerifiedArtifact {
  private final String name;
  private static final Logger LOG = LoggerFactory.getLogger(VerifiedArtifact.class);
  private final SortedMap<String, VerifiedFile> files;
  private final VerifiedFile.Admission admission;

  VerifiedArtifact(String name, Map<String, VerifiedFile> files, List<ModelVerificationException.Failure> violations) {
    this(name, files, new VerifiedFile.Admission(violations, false));
  }

  private VerifiedArtifact(String name, Map<String, VerifiedFile> files, VerifiedFile.Admission admission) {
    this.name = Objects.requireNonNull(name, "name");
    this.admission = admission;
    SortedMap<String, VerifiedFile> admitted = new TreeMap<>();
    files.forEach((n, f) -> admitted.put(n, f.withAdmission(admission)));
    this.files = Collections.unmodifiableSortedMap(admitted);
  }

  /** How the model was admitted; see {@link VerifiedModel#status()}. */
  public VerificationStatus status() {
    return admission.status();
  }

  /**
   * This artifact, loadable although AUDIT mode admitted it despite policy violations: the explicit
   * decision of a caller that wants to load such a model anyway (a shadow deployment, say). Logged
   * as a WARN with the violations. A {@link VerificationStatus#VERIFIED} artifact is returned as is.
   */
  public VerifiedArtifact acceptViolations() {
    if (admission.violations().isEmpty() || admission.accepted()) {
      return this;
    }
    LOG.warn("loading {} although it was admitted with policy violations, as the caller accepted: {}",
        name, admission.violations());
    return new VerifiedArtifact(name, files, new VerifiedFile.Admission(admission.violations(), true));
  }

  /**
   * Refuses a model admitted with violations that nobody accepted (see {@link
   * VerifiedFile#requireLoadable()}); loaders call it before they use the bytes.
   */
  public void requireLoadable() throws ModelVerificationException {
    admission.require(name);
  }

  /**
   * The model's name: for a single file, its file name without the last extension; for a
   * directory, the directory's name.
   */
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

  /** The name without its last extension, as DJL names a model after its file. */
  static String baseName(String fileName) {
    String base = fileName;
    int slash = base.lastIndexOf('/');
    if (slash >= 0) {
      base = base.substring(slash + 1);
    }
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    return base.isEmpty() ? "model" : base;
  }

  @Override
  public String toString() {
    return "VerifiedArtifact[" + name + ": " + files.keySet() + "]";
  }
}
