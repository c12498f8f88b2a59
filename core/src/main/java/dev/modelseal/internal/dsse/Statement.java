package dev.modelseal.internal.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An in-toto Statement (v0.1 or v1) read from a DSSE payload: subjects, predicate type, predicate. */
public record Statement(String type, List<Subject> subjects, String predicateType, JsonNode predicate) {
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  private static final Set<String> TYPES =
      Set.of("https://in-toto.io/Statement/v0.1", "https://in-toto.io/Statement/v1");

  /** A subject: a name and its sha256 digest in lower-case hex (null when it has none). */
  public record Subject(String name, String sha256) {}

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
      String sha = digest.optString("sha256");
      subjects.add(new Subject(s.optString("name"), sha == null ? null : sha.toLowerCase(Locale.ROOT)));
    }
    if (subjects.isEmpty()) {
      throw o.error("the in-toto statement has no subject");
    }
    JsonNode predicate = json.get("predicate");
    return new Statement(type, subjects, o.string("predicateType"), predicate);
  }

  /** True when a subject's sha256 is {@code hex}. */
  public boolean hasSubjectDigest(String hex) {
    return subjects.stream().anyMatch(s -> hex.equals(s.sha256()));
  }
}
