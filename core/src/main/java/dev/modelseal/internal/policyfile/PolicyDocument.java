package dev.modelseal.internal.policyfile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a policy file (YAML or JSON) into a JSON tree under hard bounds: at most
 * {@value #MAX_BYTES} bytes of UTF-8, at most {@value #MAX_DEPTH} levels of nesting, one document,
 * no duplicate keys, no YAML aliases and no YAML tags beyond the core schema, so that what the
 * operator reads in the file is exactly what the verifier enforces.
 *
 * <p>Text whose first character is <code>{</code> is read as strict JSON first (SnakeYAML
 * implements YAML 1.1, which is not quite a JSON superset: it rejects the JSON escape
 * {@code \/}); when that fails it is read as YAML (a flow mapping), and if that fails too the JSON
 * error is reported. Everything else is read as YAML.
 *
 * @param root the document's root value
 * @param source the name of the file in messages
 * @param baseDir the directory relative paths in the policy resolve against
 */
public record PolicyDocument(JsonNode root, String source, Path baseDir) {
  /** Largest policy file accepted: policies are kilobytes; this bounds memory and parse time. */
  public static final int MAX_BYTES = 1024 * 1024;
  /** Deepest nesting of objects and lists accepted (the root object is level 1). */
  public static final int MAX_DEPTH = 64;

  /** The YAML core-schema tags, which only restate what the plain scalar would be. */
  private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq")
      .stream().map(t -> "tag:yaml.org,2002:" + t).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_DEPTH)
      .maxStringLength(MAX_BYTES)
      .maxNumberLength(64)
      .maxNameLength(4096)
      .build();
  private static final YAMLFactory YAML = yamlFactory();
  private static final ObjectMapper YAML_MAPPER = new ObjectMapper(YAML);
  private static final JsonMapper JSON_MAPPER = jsonMapper();

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    // Above MAX_DEPTH so that Jackson's limit, with its clearer message, is the one that applies.
    options.setNestingDepthLimit(2 * MAX_DEPTH);
    options.setCodePointLimit(2 * MAX_BYTES);
    YAMLFactory factory = YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(LIMITS)
        .build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return factory;
  }

  private static JsonMapper jsonMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
    mapper.getFactory().setStreamReadConstraints(LIMITS);
    return mapper;
  }

  /** Reads and parses {@code file}; relative paths in it resolve against its directory. */
  public static PolicyDocument read(Path file) throws ModelVerificationException {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": is a directory, not a policy file");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw tooLarge(source, size);
      }
      try (InputStream in = Files.newInputStream(file)) {
        // Read one byte past the limit: the file may have grown since it was measured.
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": policy file not found");
    } catch (IOException e) {
      throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": cannot read policy file: " + e, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(source, bytes.length);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": not UTF-8 text", e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, source, dir);
  }

  /** Parses policy {@code text}; {@code source} names it in messages. */
  public static PolicyDocument parse(String text, String source, Path baseDir)
      throws ModelVerificationException {
    // A char is at least one UTF-8 byte, so longer text is over the limit without encoding it.
    long size = text.length() > MAX_BYTES ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_BYTES) {
      throw tooLarge(source, size);
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    JsonNode root;
    if (body.stripLeading().startsWith("{")) {
      try {
        root = readJson(body);
      } catch (JsonProcessingException jsonError) {
        if (jsonError instanceof StreamConstraintsException) {
          throw failure(source, jsonError);
        }
        try {
          root = readYaml(body, source);
        } catch (JsonProcessingException yamlError) {
          throw failure(source, jsonError);
        }
      }
    } else {
      try {
        root = readYaml(body, source);
      } catch (JsonProcessingException e) {
        throw failure(source, e);
      }
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": the policy file is empty");
    }
    if (!root.isObject()) {
      throw new ModelVerificationException(Reason.INVALID_POLICY,
          source + ": expected a mapping at the top level, found " + PolicyNode.typeName(root));
    }
    return new PolicyDocument(root, source, baseDir);
  }

  private static JsonNode readJson(String body) throws JsonProcessingException {
    try (JsonParser parser = JSON_MAPPER.getFactory().createParser(body)) {
      JsonNode node = JSON_MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(parser, "trailing content after the JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading a String cannot fail with I/O", e);
    }
  }

  private static JsonNode readYaml(String body, String source)
      throws JsonProcessingException, ModelVerificationException {
    scanYaml(body, source);
    try (JsonParser parser = YAML.createParser(body)) {
      JsonNode node = YAML_MAPPER.readTree(parser);
      if (parser.nextToken() != null) {
        throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": "
            + where(parser.currentLocation()) + "more than one YAML document; a policy file holds one");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading a String cannot fail with I/O", e);
    }
  }

  /**
   * Refuses aliases and non-core tags before a tree is built: Jackson turns an alias into the
   * anchor's name as a string and drops unknown tags, so either would silently change the policy.
   */
  private static void scanYaml(String body, String source)
      throws JsonProcessingException, ModelVerificationException {
    try (YAMLParser parser = YAML.createParser(body)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": "
              + where(parser.currentTokenLocation()) + "YAML aliases (*" + parser.getText()
              + ") are not supported; write the value out");
        }
        String tag = parser.getTypeId();
        if (tag != null && !CORE_TAGS.contains(tag)) {
          throw new ModelVerificationException(Reason.INVALID_POLICY, source + ": "
              + where(parser.currentTokenLocation()) + "YAML tag " + shorthand(tag) + " is not supported");
        }
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading a String cannot fail with I/O", e);
    }
  }

  /** The tag as it is usually written: {@code !!binary}, {@code !custom}. */
  private static String shorthand(String tag) {
    String core = "tag:yaml.org,2002:";
    if (tag.startsWith(core)) {
      return "!!" + tag.substring(core.length());
    }
    return tag.startsWith("!") || tag.contains(":") ? tag : "!" + tag;
  }

  private static ModelVerificationException failure(String source, JsonProcessingException e) {
    String message;
    if (e instanceof StreamConstraintsException && e.getOriginalMessage().contains("nesting depth")) {
      message = "nested deeper than " + MAX_DEPTH + " levels";
    } else {
      message = firstLine(e.getOriginalMessage());
    }
    return new ModelVerificationException(Reason.INVALID_POLICY,
        source + ": " + where(e.getLocation()) + "not valid YAML or JSON: " + message, e);
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() <= 0) {
      return "";
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static ModelVerificationException tooLarge(String source, long size) {
    return new ModelVerificationException(Reason.INVALID_POLICY,
        source + ": " + size + " bytes is larger than the limit of " + MAX_BYTES + " bytes for a policy file");
  }
}
