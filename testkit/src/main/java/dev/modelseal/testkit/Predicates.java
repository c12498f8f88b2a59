package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Builds predicates the way the signing tools wrap user input. */
public final class Predicates {
  private Predicates() {}

  /**
   * Returns what {@code cosign attest --type custom} makes of a predicate file: {@code
   * {"Data":"<the file's text as one string>","Timestamp":"<RFC 3339, UTC, seconds>"}}, stamped
   * with the current time. Use it with {@link PredicateTypes#COSIGN_CUSTOM}. The text is not
   * parsed: cosign wraps any file.
   */
  public static String cosignCustom(String userJson) {
    return cosignCustom(userJson, Instant.now());
  }

  /** Like {@link #cosignCustom(String)}, stamped with {@code timestamp} truncated to seconds. */
  public static String cosignCustom(String userJson, Instant timestamp) {
    ObjectNode wrapped = JsonText.object();
    wrapped.put("Data", Objects.requireNonNull(userJson, "userJson"));
    wrapped.put("Timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
    return JsonText.compact(wrapped);
  }
}
