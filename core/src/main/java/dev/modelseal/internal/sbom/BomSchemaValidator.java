package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cyclonedx.Format;
import org.cyclonedx.Version;

/**
 * Validates a BOM tree against the JSON schema of the CycloneDX version it declares, offline, and
 * guarantees that only a supported, declared version (1.2 to 1.6) with zero schema errors passes.
 *
 * <p>Uses the JSON schemas bundled in cyclonedx-core-java, loaded from the classpath with their
 * {@code $ref}s mapped to classpath copies, so no network is touched. It does not use {@code
 * JsonParser.validate} or {@code getJsonSchema}: the first decodes bytes with the platform charset,
 * re-serializes and re-parses the tree, recompiles the schema on every call, and drops each error's
 * location; both build a new schema registry per call, so the SPDX and JSF schemas that every
 * version references would be compiled again for each. Here one registry serves all versions and
 * each version's schema is compiled on first use, only for the version a BOM declares; networknt
 * {@link Schema}s are thread-safe once initialized.
 */
final class BomSchemaValidator {

  /** How many schema errors the exception message lists before summarizing the rest. */
  static final int REPORTED_ERRORS = 5;

  /** Where cyclonedx-core-java's schemas say they live; mapped to its classpath copies. */
  private static final String SCHEMA_BASE = "http://cyclonedx.org/schema/";

  /**
   * Draft 7, as the bundled schemas declare, plus the annotation-only keywords CycloneDX adds:
   * {@code meta:enum} (descriptions of enum values, from 1.5) and {@code deprecated} (from 1.6; a
   * 2019-09 keyword that draft 7 lacks). Unknown to the dialect, networknt would log a WARN for
   * each at every first compilation in a JVM, in whatever logging the embedding application has.
   */
  private static final Dialect DIALECT =
      Dialect.builder(Dialects.getDraft7())
          .keyword(new AnnotationKeyword("meta:enum"))
          .keyword(new AnnotationKeyword("deprecated"))
          .build();

  /**
   * The one registry for every version: it caches what {@code $ref}s load (spdx.schema.json,
   * jsf-0.82.schema.json), so a second version compiles only its own schema. Only the dialect
   * above is known: a schema declaring another is refused instead of being read with other rules.
   * Preloading (the default) resolves every {@code $ref} while compiling, so that concurrent
   * validations never race on lazy loading.
   */
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDialect(
          DIALECT,
          builder ->
              builder.schemaIdResolvers(
                  resolvers -> resolvers.mapPrefix(SCHEMA_BASE, "classpath:")));

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

  /** The versions whose schema has been compiled in this JVM, for tests of the laziness. */
  static Set<Version> compiledVersions() {
    return Set.copyOf(SCHEMAS.keySet());
  }

  /**
   * Compiles one version at a time: versions share the registry's SPDX and JSF schemas, and a
   * schema another thread is still preloading would count as loaded (networknt marks it on entry).
   */
  private static synchronized Schema compile(Version version) {
    return REGISTRY.getSchema(SchemaLocation.of("classpath:" + schemaResource(version)));
  }

  /**
   * The bundled schema cyclonedx-core-java validates a version with: the strict variants (no
   * additional properties) for 1.2 and 1.3, which later versions made the only one.
   */
  private static String schemaResource(Version version) {
    return switch (version) {
      case VERSION_12 -> "bom-1.2-strict.schema.json";
      case VERSION_13 -> "bom-1.3-strict.schema.json";
      default -> "bom-" + version.getVersionString() + ".schema.json";
    };
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
