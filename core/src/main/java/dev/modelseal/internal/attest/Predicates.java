package dev.modelseal.internal.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Predicate types and what the conditions see: cosign's short names resolve to their URIs, and
 * the {@code {"Data": "...", "Timestamp": ...}} wrapping of {@code cosign attest --type custom}
 * (and very old cosign CycloneDX) is unwrapped so conditions address the user's own fields.
 */
public final class Predicates {
  public static final String COSIGN_CUSTOM = "https://cosign.sigstore.dev/attestation/v1";
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";
  /** The CycloneDX type very old cosign used (with the BOM wrapped in {@code Data}). */
  public static final String CYCLONEDX_OLD = "https://cyclonedx.org/schema";

  private static final Map<String, String> ALIASES = Map.of(
      "custom", COSIGN_CUSTOM,
      "cyclonedx", CYCLONEDX,
      "slsaprovenance", "https://slsa.dev/provenance/v0.2",
      "slsaprovenance02", "https://slsa.dev/provenance/v0.2",
      "slsaprovenance1", "https://slsa.dev/provenance/v1",
      "spdx", "https://spdx.dev/Document",
      "spdxjson", "https://spdx.dev/Document",
      "link", "https://in-toto.io/Link/v1",
      "vuln", "https://cosign.sigstore.dev/attestation/vuln/v1",
      "openvex", "https://openvex.dev/ns");
  private static final Set<String> SBOM_TYPES = Set.of(CYCLONEDX, CYCLONEDX_OLD);

  private Predicates() {}

  /** The URI for a cosign short name ({@code custom}, {@code cyclonedx}, ...); URIs unchanged. */
  public static String resolveType(String typeOrAlias) {
    String alias = ALIASES.get(typeOrAlias.toLowerCase(Locale.ROOT));
    if (alias != null) {
      return alias;
    }
    if (!typeOrAlias.contains(":")) {
      throw new IllegalArgumentException("unknown predicate type \"" + typeOrAlias
          + "\": use a URI or one of " + ALIASES.keySet());
    }
    return typeOrAlias;
  }

  /** True when predicates of this type are CycloneDX BOMs. */
  public static boolean isSbom(String predicateType) {
    return SBOM_TYPES.contains(predicateType);
  }

  /** True when two types name the same thing (the two CycloneDX URIs are one). */
  public static boolean sameType(String a, String b) {
    return a.equals(b) || (isSbom(a) && isSbom(b));
  }

  /**
   * What conditions and SBOM rules see: for a {@code Data}-wrapped predicate, the wrapped text
   * parsed as JSON (or kept as a string when it is not JSON); otherwise the predicate itself.
   */
  public static JsonNode unwrap(String predicateType, JsonNode predicate, String source)
      throws ModelVerificationException {
    if (predicate != null && predicate.isObject() && predicate.has("Data")
        && (COSIGN_CUSTOM.equals(predicateType) || CYCLONEDX_OLD.equals(predicateType) || isSbom(predicateType))) {
      JsonNode data = predicate.get("Data");
      if (!data.isTextual()) {
        return data;
      }
      String text = data.textValue().strip();
      if (text.startsWith("{")) {
        return StrictJson.readObject(text.getBytes(StandardCharsets.UTF_8),
            source + " (predicate Data)", Reason.MALFORMED_BUNDLE);
      }
      return TextNode.valueOf(data.textValue());
    }
    return predicate;
  }
}
