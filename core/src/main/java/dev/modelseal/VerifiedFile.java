package dev.modelseal;

import dev.modelseal.internal.digest.ModelContent;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a {@link VerifiedArtifact}: its name relative to the artifact and exactly the bytes
 * that were verified for it. It has no path: the bytes come from what the verifier kept (heap or a
 * private snapshot), so what is loaded cannot differ from what was hashed, whatever happens on disk
 * afterwards. Only the verifier creates one. It lives as long as the {@link VerifiedModel} it came
 * from: close the model when done with its files.
 */
public final class VerifiedFile {
  private final CheckedFile checked;
  private final ModelContent content;
  private final Admission admission;

  /** The facts of {@code checked} with the bytes they are about. */
  VerifiedFile(CheckedFile checked, ModelContent content) {
    this(checked, content, Admission.VERIFIED);
  }

  private VerifiedFile(CheckedFile checked, ModelContent content, Admission admission) {
    this.checked = Objects.requireNonNull(checked, "checked");
    this.content = Objects.requireNonNull(content, "content");
    this.admission = admission;
  }

  /** How the model this file belongs to was admitted, and whether a caller accepted its violations. */
  record Admission(List<ModelVerificationException.Failure> violations, boolean accepted) {
    static final Admission VERIFIED = new Admission(List.of(), false);

    Admission {
      violations = List.copyOf(violations);
    }

    VerificationStatus status() {
      return violations.isEmpty() ? VerificationStatus.VERIFIED : VerificationStatus.ADMITTED_WITH_VIOLATIONS;
    }

    void require(String what) throws ModelVerificationException {
      if (!violations.isEmpty() && !accepted) {
        List<ModelVerificationException.Failure> refused = new java.util.ArrayList<>();
        for (ModelVerificationException.Failure f : violations) {
          refused.add(new ModelVerificationException.Failure(f.reason(), what + " was admitted in AUDIT mode"
              + " despite a policy violation, and is not loaded unless the caller accepts that explicitly"
              + " (VerifiedArtifact.acceptViolations()): " + f.message()));
        }
        throw new ModelVerificationException(refused);
      }
    }
  }

  VerifiedFile withAdmission(Admission admission) {
    return new VerifiedFile(checked, content, admission);
  }

  /** How the model was admitted; see {@link VerifiedModel#status()}. */
  public VerificationStatus status() {
    return admission.status();
  }

  /**
   * Refuses, with the policy violations as reasons, a file of a model that AUDIT mode admitted
   * despite them, unless the caller accepted that ({@link VerifiedArtifact#acceptViolations()}).
   * Every loader calls this before it uses the bytes.
   */
  public void requireLoadable() throws ModelVerificationException {
    admission.require(checked.name());
  }

  /** The name relative to the artifact, with {@code /} separators (for a single file: its file name). */
  public String name() {
    return checked.name();
  }

  /** The number of verified bytes. */
  public long size() {
    return content.size();
  }

  /**
   * The verified digest of the whole file as {@code algorithm:hex}, the algorithm named as in-toto
   * and OpenSSF Model Signing name it ({@code sha256}, {@code blake2b}, {@code blake3}); empty for a
   * file signed in shards, which has a digest per shard instead.
   */
  public Optional<String> digest() {
    return checked.digest();
  }

  /** A fresh stream over exactly the verified bytes. */
  public InputStream openStream() {
    return content.openStream();
  }

  /** Read-only views of the verified bytes, in order (several for files over 2 GiB). */
  public List<ByteBuffer> buffers() {
    return content.buffers();
  }

  @Override
  public String toString() {
    return name() + " (" + size() + " bytes" + digest().map(d -> ", " + d).orElse(", signed in shards") + ")";
  }
}
