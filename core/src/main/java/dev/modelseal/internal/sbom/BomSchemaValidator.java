package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cyclonedx.Format;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;

/**
 * Validates a BOM tree against the JSON schema of the CycloneDX version it declares, offline, and
 * guarantees that only a supported, declared version (1.2 to 1.6) with zero schema errors passes.
 *
 * <p>Uses the schemas bundled in cyclonedx-core-java through {@link JsonParser#getJsonSchema}, with
 * their {@code $ref}s mapped to classpath copies, so no network is touched. It does not call {@code
 * JsonParser.validate}: that decodes bytes with the platform charset, re-serializes and re-parses
 * the tree, recompiles the schema on every call, and drops each error's location. Compiled schemas
 * are cached per version; networknt {@link Schema}s are thread-safe once initialized.
 */
final class BomSchemaValidator {

  /** How many schema errors the exception message lists before summarizing the rest. */
  static final int REPORTED_ERRORS = 5;

  private static final Map<Version, Schema> SCHEMAS = new ConcurrentHashMap<>();

  /** "supported are 1.2 to 1.6", from the versions cyclonedx-core-java has JSON schemas for. */
  private static final String SUPPORTED = supportedRange();

  private BomSchemaValidator() {}

  /**
   * Resolves the declared version and validates the tree against its schema.
   *
   * @return the declared version
   * @throws SbomException if the version is missing, unknown or below 1.2, or the tree violates the
   *     schema (the message lists the JSON pointer and error of the first {@value #REPORTED_ERRORS})
   */
  static Version validate(JsonNode tree, String declaredSpecVersion) throws SbomException {
    Version version = supportedVersion(declaredSpecVersion);
    List<Error> errors = schemaFor(version).validate(tree);
    if (!errors.isEmpty()) {
      throw new SbomException(
          Reason.SCHEMA_INVALID,
          "BOM does not conform to the CycloneDX " + version.getVersionString() + " JSON schema: "
              + describe(errors));
    }
    return version;
  }

  private static Version supportedVersion(String declared) throws SbomException {
    if (declared == null) {
      throw new SbomException(
          Reason.UNSUPPORTED_SPEC_VERSION, "BOM declares no specVersion string at '/specVersion'");
    }
    Version version = Version.fromVersionString(declared);
    if (version == null) {
      // A version cyclonedx-core-java has no schema for (1.7 and later, or no CycloneDX version at
      // all) is refused: validating it against an older schema would pass or fail it by accident.
      throw new SbomException(
          Reason.UNSUPPORTED_SPEC_VERSION,
          "BOM declares specVersion '" + declared + "', which this verifier does not support; "
              + SUPPORTED);
    }
    if (!version.getFormats().contains(Format.JSON)) {
      throw new SbomException(
          Reason.UNSUPPORTED_SPEC_VERSION,
          "BOM declares specVersion '" + declared + "', which has no JSON format; " + SUPPORTED);
    }
    return version;
  }

  /** Names the versions that have a bundled JSON schema, lowest to highest, for messages. */
  private static String supportedRange() {
    List<String> json =
        Arrays.stream(Version.values())
            .filter(v -> v.getFormats().contains(Format.JSON))
            .sorted(Comparator.comparingDouble(Version::getVersion))
            .map(Version::getVersionString)
            .toList();
    return "supported are " + json.get(0) + " to " + json.get(json.size() - 1);
  }

  private static Schema schemaFor(Version version) {
    return SCHEMAS.computeIfAbsent(version, BomSchemaValidator::compile);
  }

  private static Schema compile(Version version) {
    try {
      Schema schema = new JsonParser().getJsonSchema(version, new ObjectMapper());
      // Resolve every $ref now, so that concurrent validations never race on lazy loading.
      schema.initializeValidators();
      return schema;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "bundled CycloneDX " + version.getVersionString() + " schema could not be read", e);
    }
  }

  /** The JSON pointer of the failing value; the root's empty pointer is shown as "/" for humans. */
  private static String pointer(Error error) {
    String pointer = String.valueOf(error.getInstanceLocation());
    return pointer.isEmpty() ? "/" : pointer;
  }

  private static String describe(List<Error> errors) {
    String listed =
        errors.stream()
            .limit(REPORTED_ERRORS)
            .map(e -> "at '" + pointer(e) + "': " + e.getMessage())
            .collect(Collectors.joining("; "));
    int more = errors.size() - REPORTED_ERRORS;
    return more > 0 ? listed + " (and " + more + " more)" : listed;
  }
}
