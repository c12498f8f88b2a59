package dev.modelseal.internal.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** An in-toto Statement (v0.1 or v1) read from a DSSE payload: subjects, predicate type, predicate. */
public record Statement(String type, List<Subject> subjects, String predicateType, JsonNode predicate) {
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  private static final Set<String> TYPES =
      Set.of("https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1");

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
    List<Subject> subjects = new ArrayList<>();
    for (Obj s : o.objects("subject")) {
      Obj digest = s.object("digest");
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
   * {@code digests} (in-toto names) and every shared algorithm agrees.
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
}
