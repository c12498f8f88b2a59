package dev.modelseal.internal.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.modelseal.Vectors;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every file of the CycloneDX specification's own schema tests ({@code
 * cyclonedx-spec/resources/<version>/} in the external vectors) through the path an SBOM
 * attestation takes: {@link SbomChecker#check} with validate-only rules, as {@code PolicyEvaluator}
 * calls it when the policy has no SBOM section (limits, schema of the declared specVersion, binding).
 *
 * <p>A {@code valid-*} file must be accepted and an {@code invalid-*} one refused as {@link
 * Reason#SCHEMA_INVALID}, unless a pin below records ModelSeal's deliberate other outcome. A pinned
 * file whose outcome changes fails, and so do a pin that no longer differs from what the file name
 * says and a pin that matches no file. Every {@link SbomException} becomes {@code
 * dev.modelseal.Reason.SBOM_INVALID} for the caller.
 */
class CycloneDxSpecSuiteTest {

  /** What PolicyEvaluator applies without an SBOM policy: no ML-BOM rule, default limits. */
  private static final SbomRules VALIDATE_ONLY =
      new SbomRules(false, false, List.of(), List.of(), SbomLimits.defaults());

  /**
   * The vectors describe no model; a model component's hashes then differ from this digest, which
   * is a rule violation (returned, not thrown) and not part of what this suite checks.
   */
  private static final Map<String, String> UNRELATED_MODEL_DIGEST = Map.of("SHA-256", "0".repeat(64));

  /** Pins for single files, which win over the group pins. */
  private static final Map<String, Pin> BY_FILE =
      Map.of(
          "1.2/skip_invalid-empty-component-1.2.json",
          refused(
              Reason.SCHEMA_INVALID,
              "upstream skips it (its $comment calls name and version optional), but the 1.2 schema"
                  + " requires both"),
          "1.2/skip_invalid-missing-component-type-1.2.json",
          refused(
              Reason.SCHEMA_INVALID,
              "upstream skips it (its $comment calls type optional), but the 1.2 schema requires"
                  + " it"));

  /** Encodings ModelSeal does not read, by file extension, whatever their version. */
  private static final Map<String, Pin> BY_EXTENSION =
      Map.of(
          "xml",
          refused(
              Reason.MALFORMED_JSON,
              "ModelSeal reads CycloneDX JSON only (an attestation predicate is JSON), so XML,"
                  + " including 1.0, 1.1 and ext/, is refused as not JSON"),
          "textproto",
          refused(
              Reason.MALFORMED_JSON,
              "ModelSeal reads CycloneDX JSON only, so protobuf text is refused as not JSON"));

  /** JSON files of versions ModelSeal refuses as a whole. */
  private static final Map<String, Pin> BY_VERSION =
      Map.of(
          "1.7",
          refused(
              Reason.UNSUPPORTED_SPEC_VERSION,
              "cyclonedx-core-java 12.2.0 bundles no 1.7 schema; a BOM that cannot be validated"
                  + " against its own version is refused, never checked against an older one"));

  /** Files in the vectors' copy of the specification's test resources. */
  private static final int FILES = 975;

  /** What ModelSeal does with a file: accepts it ({@code refusedFor} null) or refuses it. */
  record Outcome(Reason refusedFor) {
    static final Outcome ACCEPTED = new Outcome(null);

    @Override
    public String toString() {
      return refusedFor == null ? "accepted" : "refused (" + refusedFor + ")";
    }
  }

  /** A deliberate outcome that differs from what the file name says, and why. */
  record Pin(Outcome outcome, String why) {
    Pin {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(why, "why");
    }
  }

  private static Pin refused(Reason reason, String why) {
    return new Pin(new Outcome(Objects.requireNonNull(reason, "reason")), why);
  }

  @TestFactory
  Stream<DynamicTest> specificationTestFiles() throws IOException {
    Path resources = Vectors.dir().resolve("cyclonedx-spec").resolve("resources");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(resources)) {
      files
          .filter(Files::isRegularFile)
          .map(f -> resources.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .forEach(names::add);
    }
    assertThat(names).hasSize(FILES);

    List<DynamicTest> tests = new ArrayList<>();
    for (String name : names) {
      tests.add(DynamicTest.dynamicTest(name, () -> run(resources.resolve(name), name)));
    }
    tests.add(DynamicTest.dynamicTest("every pin matches a file", () -> pinsMatchFiles(names)));
    return tests.stream();
  }

  private static void run(Path file, String name) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Outcome actual;
    String detail;
    try {
      SbomResult result = SbomChecker.check(bytes, VALIDATE_ONLY, UNRELATED_MODEL_DIGEST);
      actual = Outcome.ACCEPTED;
      detail = "accepted as CycloneDX " + result.specVersion();
    } catch (SbomException e) {
      actual = new Outcome(e.reason());
      detail = e.getMessage();
    }

    Outcome named = fromName(name);
    Pin pin = pinFor(name);
    if (pin == null) {
      if (named == null) {
        fail(name + " is named neither valid-* nor invalid-*; decide its outcome and pin it"
            + " (ModelSeal: " + detail + ")");
      }
      assertThat(actual).as("%s: %s", name, detail).isEqualTo(named);
      return;
    }
    assertThat(pin.outcome())
        .as("%s is pinned to what its name already says; remove the pin", name)
        .isNotEqualTo(named);
    assertThat(actual)
        .as("%s is pinned to %s because %s, but ModelSeal now says: %s; restore the behaviour or"
            + " revisit the pin", name, pin.outcome(), pin.why(), detail)
        .isEqualTo(pin.outcome());
  }

  /** The outcome the specification's harness expects from the file name, or null if it has none. */
  private static Outcome fromName(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1);
    if (file.startsWith("valid-")) {
      return Outcome.ACCEPTED;
    }
    if (file.startsWith("invalid-")) {
      return new Outcome(Reason.SCHEMA_INVALID);
    }
    return null;
  }

  private static Pin pinFor(String name) {
    Pin pin = BY_FILE.get(name);
    if (pin == null) {
      pin = BY_EXTENSION.get(extension(name));
    }
    if (pin == null) {
      pin = BY_VERSION.get(directory(name));
    }
    return pin;
  }

  private static void pinsMatchFiles(List<String> names) {
    assertThat(names).as("files pinned one by one").containsAll(BY_FILE.keySet());
    assertThat(names.stream().map(CycloneDxSpecSuiteTest::extension))
        .as("extensions pinned")
        .containsAll(BY_EXTENSION.keySet());
    assertThat(names.stream().filter(n -> n.endsWith(".json")).map(CycloneDxSpecSuiteTest::directory))
        .as("versions pinned, among JSON files")
        .containsAll(BY_VERSION.keySet());
  }

  private static String extension(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static String directory(String name) {
    int slash = name.indexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }
}
