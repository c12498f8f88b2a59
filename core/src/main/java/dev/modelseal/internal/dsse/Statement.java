package dev.modelseal.internal.dsse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An in-toto Statement (v0.1 or v1) read from a DSSE payload: subjects, predicate type, predicate. */
public record Statement(String type, List<Subject> subjects, String predicateType, JsonNode predicate) {
  private static final JsonFactory PREDICATE_SCAN = new JsonFactory();
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  private static final Set<String> TYPES =
      Set.of("https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1");
  /** Most subjects a statement may list (sigstore-go's limit). */
  public static final int MAX_SUBJECTS = 1024;
  /** Most digests one subject may list (sigstore-go's limit). */
  public static final int MAX_DIGESTS = 32;

  /** A subject: a name and its digests by in-toto algorithm name, hex in lower case. */
  public record Subject(String name, Map<String, String> digest) {
    public Subject {
      digest = Map.copyOf(digest);
    }
  }

  public Statement {
    subjects = List.copyOf(subjects);
  }

  public static Statement parse(String payloadType, byte[] payload, String source)
      throws ModelVerificationException {
    if (!PAYLOAD_TYPE.equals(payloadType)) {
      throw new ModelVerificationException(
          Reason.UNSUPPORTED_FORMAT,
          source + ": DSSE payloadType is \"" + payloadType + "\", expected " + PAYLOAD_TYPE);
    }
    ObjectNode json = StrictJson.readObject(payload, source + " (in-toto statement)", Reason.MALFORMED_BUNDLE);
    Obj o = StrictJson.at(json, "statement", source, Reason.MALFORMED_BUNDLE);
    String type = o.string("_type");
    if (!TYPES.contains(type)) {
      throw new ModelVerificationException(
          Reason.UNSUPPORTED_FORMAT, source + ": unsupported in-toto statement type " + type);
    }
    JsonNode listed = json.get("subject");
    if (listed != null && listed.size() > MAX_SUBJECTS) {
      throw o.error("the in-toto statement lists " + listed.size() + " subjects, more than the limit of "
          + MAX_SUBJECTS);
    }
    List<Subject> subjects = new ArrayList<>();
    for (Obj s : o.objects("subject")) {
      Obj digest = s.object("digest");
      if (digest.node().size() > MAX_DIGESTS) {
        throw s.error("subject lists " + digest.node().size() + " digests, more than the limit of "
            + MAX_DIGESTS);
      }
      Map<String, String> d = new LinkedHashMap<>();
      for (Iterator<String> it = digest.node().fieldNames(); it.hasNext(); ) {
        String alg = it.next();
        if (d.put(alg.toLowerCase(Locale.ROOT), digest.string(alg).toLowerCase(Locale.ROOT)) != null) {
          throw s.error("subject digest names algorithm " + alg + " twice (in different case)");
        }
      }
      subjects.add(new Subject(s.optString("name"), d));
    }
    if (subjects.isEmpty()) {
      throw o.error("the in-toto statement has no subject");
    }
    return new Statement(type, subjects, o.string("predicateType"), json.get("predicate"));
  }

  /**
   * True when a subject names this artifact: it shares at least one digest algorithm with
   * {@code digests} (in-toto names) and every shared algorithm agrees. Callers compute every
   * algorithm a subject lists that ModelSeal knows ({@link #digestAlgorithms}), so a wrong digest
   * next to a right one is a mismatch; algorithms ModelSeal does not know are ignored, as in
   * sigstore-go.
   */
  public boolean hasSubject(Map<String, String> digests) {
    for (Subject s : subjects) {
      boolean shared = false;
      boolean agree = true;
      for (Map.Entry<String, String> e : digests.entrySet()) {
        String theirs = s.digest().get(e.getKey());
        if (theirs != null) {
          shared = true;
          agree &= theirs.equals(e.getValue());
        }
      }
      if (shared && agree) {
        return true;
      }
    }
    return false;
  }

  /** The digest algorithms (in-toto names, lower case) that the subjects list. */
  public Set<String> digestAlgorithms() {
    Set<String> algs = new java.util.TreeSet<>();
    subjects.forEach(subject -> algs.addAll(subject.digest().keySet()));
    return algs;
  }

  /**
   * The exact bytes of the top-level {@code predicate} value in {@code payload}, as the signer
   * wrote them, or null when there is none: what a predicate checker parses, so the signed bytes
   * flow through rather than a re-serialization. One streaming pass, for a payload that {@link
   * #parse} accepted (one object, no duplicate keys).
   */
  public static byte[] predicateBytes(byte[] payload) {
    try (JsonParser parser = PREDICATE_SCAN.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        if ("predicate".equals(name)) {
          long end = parser.currentLocation().getByteOffset();
          return Arrays.copyOfRange(payload, (int) start, (int) end);
        }
      }
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("a statement that parsed scans again", e);
    }
  }
}
