package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.sbom.SbomException.Reason;
import java.io.IOException;
import java.util.Set;

/**
 * Reads untrusted BOM bytes into a Jackson tree, and guarantees that no tree is built before the
 * size, nesting-depth and component-count limits have held over a streaming pass.
 *
 * <p>Both passes reject duplicate object keys: a BOM whose meaning depends on which duplicate a
 * reader keeps (first or last) is a parser-differential hazard, and RFC 8259 section 4 leaves it
 * undefined. Trailing content after the root object is rejected too.
 */
final class BomJsonReader {

  /**
   * Arrays whose elements count against {@link SbomLimits#maxComponents()}: every array the rules
   * walk ({@link BomComponents}), wherever it sits.
   */
  private static final Set<String> COUNTED =
      Set.of("components", "ancestors", "descendants", "variants", "services");

  private BomJsonReader() {}

  /**
   * Checks the limits with a streaming pass, then reads the tree.
   *
   * @throws SbomException if the input is over a limit or is not exactly one well-formed JSON object
   */
  static BomDocument read(byte[] bytes, SbomLimits limits) throws SbomException {
    if (bytes.length > limits.maxBytes()) {
      throw new SbomException(
          Reason.TOO_LARGE,
          "BOM is " + bytes.length + " bytes, over the limit of " + limits.maxBytes() + " bytes");
    }
    int nul = StrictJson.firstNul(bytes);
    if (nul >= 0) {
      throw new SbomException(Reason.MALFORMED_JSON, "BOM is not valid JSON: " + StrictJson.nulMessage(nul));
    }
    ObjectMapper mapper = mapperFor(limits);
    String specVersion = scan(mapper.getFactory(), bytes, limits);
    try {
      return new BomDocument(mapper.readTree(bytes), specVersion);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new SbomException(Reason.MALFORMED_JSON, "BOM could not be read: " + e.getMessage(), e);
    }
  }

  private static ObjectMapper mapperFor(SbomLimits limits) {
    // Jackson's own depth limit sits one above ours so that our clearer message always fires first;
    // it stays as a backstop for the tree pass.
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth() + 1)
                    .maxDocumentLength(limits.maxBytes())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Walks every token once, enforcing the limits, and returns the root's specVersion string. */
  private static String scan(JsonFactory factory, byte[] bytes, SbomLimits limits)
      throws SbomException {
    try (JsonParser parser = factory.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new SbomException(
            Reason.MALFORMED_JSON,
            "BOM must be a JSON object, found " + (first == null ? "no content" : first.asString()));
      }
      int depth = 1;
      int components = 0;
      String specVersion = null;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          throw new SbomException(Reason.MALFORMED_JSON, "BOM ends inside the root object");
        }
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            depth++;
            if (depth > limits.maxDepth()) {
              throw new SbomException(
                  Reason.TOO_DEEP,
                  "BOM nests deeper than the limit of " + limits.maxDepth() + " at "
                      + where(parser));
            }
            if (token == JsonToken.START_OBJECT && isComponentsElement(parser)) {
              components++;
              if (components > limits.maxComponents()) {
                throw new SbomException(
                    Reason.TOO_MANY_COMPONENTS,
                    "BOM has more components and services than the limit of "
                        + limits.maxComponents()
                        + "; the one over the limit is at " + where(parser));
              }
            }
            break;
          case END_OBJECT:
          case END_ARRAY:
            depth--;
            break;
          case VALUE_STRING:
            if (depth == 1 && "specVersion".equals(parser.currentName())) {
              specVersion = parser.getText();
            }
            break;
          default:
            break;
        }
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new SbomException(
            Reason.MALFORMED_JSON, "BOM has content after the root object at " + where(parser));
      }
      return specVersion;
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new SbomException(Reason.MALFORMED_JSON, "BOM could not be read: " + e.getMessage(), e);
    }
  }

  /** Tells whether the object just started is an element of an array under a counted key. */
  private static boolean isComponentsElement(JsonParser parser) {
    JsonStreamContext array = parser.getParsingContext().getParent();
    if (array == null || !array.inArray()) {
      return false;
    }
    JsonStreamContext owner = array.getParent();
    return owner != null && owner.inObject() && COUNTED.contains(owner.getCurrentName());
  }

  private static String where(JsonParser parser) {
    JsonLocation location = parser.currentTokenLocation();
    return "JSON pointer '" + parser.getParsingContext().pathAsPointer() + "' (line "
        + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static SbomException malformed(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String at =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return new SbomException(
        Reason.MALFORMED_JSON, "BOM is not well-formed JSON" + at + ": " + e.getOriginalMessage(), e);
  }
}
