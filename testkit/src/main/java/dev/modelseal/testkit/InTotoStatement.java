package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Writes in-toto Statements with one subject, the payload of every attestation the testkit signs.
 * The JSON is compact UTF-8 with non-ASCII characters unescaped, so DSSE length fields are tested
 * on multi-byte text.
 */
public final class InTotoStatement {
  private InTotoStatement() {}

  /**
   * Returns {@code {"_type":<type>,"subject":[{"name":..,"digest":{"sha256":<hex>}}],
   * "predicateType":..,"predicate":<predicateJson>}}.
   *
   * @param subjectName informational name of the subject (the model's file name)
   * @param sha256Hex the subject digest, 64 hex digits (lower-cased)
   * @param predicateJson a JSON object; its numbers are kept as written
   * @throws IllegalArgumentException if the digest is not 32 bytes of hex or the predicate is not a JSON object
   */
  public static String json(
      StatementType type, String subjectName, String sha256Hex, String predicateType, String predicateJson) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subjectName, "subjectName");
    Objects.requireNonNull(predicateType, "predicateType");
    byte[] digest = HexFormat.of().parseHex(Objects.requireNonNull(sha256Hex, "sha256Hex"));
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 has 64 hex digits, got " + sha256Hex.length());
    }
    ObjectNode predicate = JsonText.parseObject(Objects.requireNonNull(predicateJson, "predicateJson"), "predicate");
    ObjectNode statement = JsonText.object();
    statement.put("_type", type.uri());
    ObjectNode subject = statement.putArray("subject").addObject();
    subject.put("name", subjectName);
    subject.putObject("digest").put("sha256", HexFormat.of().formatHex(digest));
    statement.put("predicateType", predicateType);
    statement.set("predicate", predicate);
    return JsonText.compact(statement);
  }

  static String json(StatementType type, String subjectName, byte[] sha256, String predicateType, String predicateJson) {
    return json(type, subjectName, HexFormat.of().formatHex(sha256), predicateType, predicateJson);
  }
}
