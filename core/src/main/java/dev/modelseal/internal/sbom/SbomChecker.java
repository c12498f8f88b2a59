package dev.modelseal.internal.sbom;

import dev.modelseal.internal.sbom.SbomException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;

/**
 * Checks an untrusted CycloneDX JSON BOM against {@link SbomRules}, and guarantees that rules are only
 * ever applied to a BOM that is within limits, well-formed, of a supported version and valid against
 * that version's schema; anything else is an {@link SbomException}.
 *
 * <p>Steps, in order: size limit; one streaming pass for depth, component count, duplicate keys and
 * the declared {@code specVersion} ({@link BomJsonReader}); offline schema validation of the tree
 * against the declared version ({@link BomSchemaValidator}); binding to the cyclonedx-core-java model
 * (which does not validate, hence last); then the rules.
 *
 * <p>Rules read the cyclonedx model where it exposes the data (component type, bom-ref, hashes,
 * {@code modelCard.modelParameters.datasets}) and the Jackson tree where that is what the document
 * states most directly (licenses, services, dotted model-card paths, JSON pointers for messages);
 * each rule's Javadoc says which. Stateless and thread-safe.
 */
public final class SbomChecker {

  /** cyclonedx-core-java's parser; its only state is a thread-safe ObjectMapper. */
  private static final JsonParser PARSER = new JsonParser();

  private SbomChecker() {}

  /**
   * Parses and validates a CycloneDX JSON BOM against the schema of its declared specVersion
   * (offline, cyclonedx-core-java's bundled schemas), then applies the rules.
   *
   * <p>The binding of the BOM to the model ({@link ModelDigestRule}) is applied whatever the rules
   * say. When an ML rule is enabled (model component, dataset licenses, model card fields) and the BOM
   * is older than 1.6, that is a violation, and the remaining rules are still applied.
   *
   * @param bomJson the BOM document, UTF-8 JSON
   * @param rules the rules and input limits
   * @param modelDigests the model's verified digests, hex by JCA algorithm name ({@code SHA-256},
   *     {@code SHA-384}, {@code SHA-512}): every algorithm the model was hashed with, since each hash
   *     the BOM lists for the model is checked in its own algorithm
   * @return the parsed BOM and every rule violation (empty if it satisfies the rules)
   * @throws SbomException for input that is not a usable BOM: malformed JSON, over a limit,
   *     unknown or unsupported specVersion, or schema violations (with the JSON location of the
   *     first few)
   * @throws IllegalArgumentException if {@code modelDigests} is empty, names another algorithm or
   *     holds a digest that is not hex of its algorithm's length
   */
  public static SbomResult check(byte[] bomJson, SbomRules rules, Map<String, String> modelDigests)
      throws SbomException {
    return check(bomJson, rules, modelDigests, Map.of());
  }

  /**
   * Like {@link #check(byte[], SbomRules, Map)}, for a directory model: the BOM's {@code file}
   * components must also agree with {@code signedFiles}, the model's signed files by relative name
   * ({@link FileDigestRule}); empty for a single-file model.
   */
  public static SbomResult check(byte[] bomJson, SbomRules rules, Map<String, String> modelDigests,
      Map<String, SignedFileDigest> signedFiles) throws SbomException {
    Objects.requireNonNull(bomJson, "bomJson");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(modelDigests, "modelDigests");
    List<BomRule> applied = rulesFor(rules, modelDigests);
    if (!signedFiles.isEmpty()) {
      applied.add(new FileDigestRule(signedFiles));
    }

    BomDocument document = BomJsonReader.read(bomJson, rules.limits());
    Version version = BomSchemaValidator.validate(document.tree(), document.declaredSpecVersion());
    Bom bom = bind(bomJson);
    ParsedBom parsed = new ParsedBom(version, BomComponents.of(document.tree(), bom));

    List<String> violations = new ArrayList<>();
    for (BomRule rule : applied) {
      rule.check(parsed, violations);
    }
    return new SbomResult(bom, version.getVersionString(), violations);
  }

  private static List<BomRule> rulesFor(SbomRules rules, Map<String, String> modelDigests) {
    List<BomRule> applied = new ArrayList<>();
    if (rules.hasMlRules()) {
      applied.add(new SpecVersionRule());
    }
    if (rules.requireModelComponent()) {
      applied.add(new ModelComponentRule());
    }
    applied.add(new ModelDigestRule(modelDigests));
    if (rules.requireDatasetLicenses()) {
      applied.add(new DatasetLicenseRule());
    }
    if (!rules.deniedLicenses().isEmpty()) {
      applied.add(new DeniedLicenseRule(rules.deniedLicenses()));
    }
    if (!rules.requiredModelCardFields().isEmpty()) {
      applied.add(new ModelCardFieldRule(rules.requiredModelCardFields()));
    }
    return applied;
  }

  /** Binds the (already schema-valid, limit-checked) bytes to cyclonedx-core-java's model. */
  private static Bom bind(byte[] bomJson) throws SbomException {
    try {
      return PARSER.parse(bomJson);
    } catch (ParseException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new SbomException(
          Reason.UNPARSEABLE,
          "cyclonedx-core-java could not bind the schema-valid BOM: " + cause.getMessage(), e);
    }
  }
}
