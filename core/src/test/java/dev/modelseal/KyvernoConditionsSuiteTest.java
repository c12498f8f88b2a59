package dev.modelseal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.policy.Conditions;
import dev.modelseal.testkit.FakeSigstore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@code kyverno-conditions/} (conditions, operators and any/all blocks from Kyverno's
 * own Go tests) run through a ModelSeal policy file: the condition is read as a policy's {@code
 * attestations[].conditions} and evaluated against a predicate the way {@link PolicyEvaluator} does.
 * Each case matches Kyverno's outcome or is pinned in {@link #PINNED} to ModelSeal's deliberate
 * outcome; a pinned case whose outcome changes fails, so a pin cannot outlive its reason.
 */
class KyvernoConditionsSuiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a case comes to: a condition passes or fails, an operator name is accepted, or refused. */
  enum Outcome { PASS, FAIL, ACCEPTED, REFUSED }

  /** ModelSeal's deliberate outcome for a case where it differs from Kyverno, and why. */
  record Pin(Outcome outcome, String reason) {}

  /** Every case where ModelSeal deliberately differs from Kyverno (docs/policy-file.md says why). */
  static final Map<String, Pin> PINNED = pins(
      pin(Outcome.REFUSED, "Duration* operators are deprecated in Kyverno and refused; GreaterThan,"
              + " LessThan and their OrEquals forms compare durations",
          "duration_test.go:23", "duration_test.go:29", "duration_test.go:35",
          "duration_test.go:41", "duration_test.go:47", "duration_test.go:54",
          "duration_test.go:60", "duration_test.go:66", "duration_test.go:72",
          "duration_test.go:79", "duration_test.go:85", "duration_test.go:91",
          "duration_test.go:98", "duration_test.go:124", "duration_test.go:130",
          "duration_test.go:136", "duration_test.go:142", "duration_test.go:168",
          "duration_test.go:174", "duration_test.go:180", "duration_test.go:186",
          "duration_test.go:212", "duration_test.go:218", "duration_test.go:224",
          "duration_test.go:230", "duration_test.go:259", "duration_test.go:265",
          "duration_test.go:271", "duration_test.go:277", "duration_test.go:283",
          "duration_test.go:289", "duration_test.go:318", "duration_test.go:324",
          "duration_test.go:330", "duration_test.go:336", "duration_test.go:342",
          "duration_test.go:348", "duration_test.go:377", "duration_test.go:383",
          "duration_test.go:389", "duration_test.go:395", "duration_test.go:401",
          "duration_test.go:407", "duration_test.go:413", "operator_test.go:156#name",
          "operator_test.go:160#name", "operator_test.go:164#name", "operator_test.go:168#name"),
      pin(Outcome.REFUSED, "Equal/NotEqual are engine-only aliases that Kyverno's policy schema"
              + " rejects, so ModelSeal refuses them too; Equals/NotEquals are the names",
          "operator_test.go:21#name", "operator_test.go:48#name", "evaluate_test.go:417#block",
          "evaluate_test.go:448#block", "evaluate_test.go:492#block", "evaluate_test.go:499#block",
          "evaluate_test.go:508#block", "evaluate_test.go:516#block"));

  @TempDir static Path dir;

  private static Map<String, Pin> pin(Outcome outcome, String reason, String... ids) {
    Map<String, Pin> pins = new LinkedHashMap<>();
    for (String id : ids) {
      pins.put(id, new Pin(outcome, reason));
    }
    return pins;
  }

  @SafeVarargs
  private static Map<String, Pin> pins(Map<String, Pin>... groups) {
    Map<String, Pin> all = new LinkedHashMap<>();
    for (Map<String, Pin> group : groups) {
      group.forEach((id, p) -> {
        if (all.put(id, p) != null) {
          throw new IllegalStateException("pinned twice: " + id);
        }
      });
    }
    return Map.copyOf(all);
  }

  @BeforeAll
  static void trustedRoot() throws Exception {
    FakeSigstore.create().writeTrustedRoot(dir.resolve("trusted_root.json"));
  }

  @TestFactory
  Stream<DynamicTest> everyCase() throws IOException {
    JsonNode suite = JSON.readTree(
        Vectors.dir().resolve("kyverno-conditions").resolve("kyverno-cases.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode c : suite.get("cases")) {
      String id = c.get("id").textValue();
      ids.add(id);
      tests.add(DynamicTest.dynamicTest(id, () -> check(id, c.get("scope").textValue(),
          expected(c), actual(c))));
    }
    for (JsonNode b : suite.get("blocks")) {
      String id = b.get("id").textValue();
      ids.add(id);
      tests.add(DynamicTest.dynamicTest(id, () -> check(id, b.get("scope").textValue(),
          b.get("expected").booleanValue() ? Outcome.PASS : Outcome.FAIL,
          evaluate((ArrayNode) b.get("conditions"), b.get("predicates")))));
    }
    assertThat(tests).hasSize(605);
    assertThat(ids).as("unique case ids").hasSize(605).containsAll(PINNED.keySet());
    assertThat(PINNED).hasSize(56);
    return tests.stream();
  }

  private static void check(String id, String scope, Outcome kyverno, Outcome modelSeal) {
    Pin pin = PINNED.get(id);
    if (pin == null) {
      assertThat(modelSeal).as("%s (%s): Kyverno's outcome", id, scope).isEqualTo(kyverno);
      return;
    }
    assertThat(pin.outcome()).as("%s: a pin must differ from Kyverno", id).isNotEqualTo(kyverno);
    assertThat(modelSeal).as("%s (%s) is pinned: %s", id, scope, pin.reason())
        .isEqualTo(pin.outcome());
  }

  /** Kyverno's outcome: for an operator name, whether it has a handler; else the condition's. */
  private static Outcome expected(JsonNode c) {
    boolean expected = c.get("expected").booleanValue();
    if (c.get("level").textValue().equals("operator-name")) {
      return expected ? Outcome.ACCEPTED : Outcome.REFUSED;
    }
    return expected ? Outcome.PASS : Outcome.FAIL;
  }

  private static Outcome actual(JsonNode c) throws IOException {
    String operator = c.get("operator").textValue();
    if (c.get("level").textValue().equals("operator-name")) {
      // Operands every operator takes, so only the name decides.
      Outcome parsed = evaluate(block(condition("1", operator, "1")), JSON.createArrayNode());
      return parsed == Outcome.REFUSED ? Outcome.REFUSED : Outcome.ACCEPTED;
    }
    ObjectNode condition = JSON.createObjectNode();
    condition.set("key", c.get("key"));
    condition.put("operator", operator);
    condition.set("value", c.get("value"));
    return evaluate(block(condition), JSON.createArrayNode().add(JSON.createObjectNode()));
  }

  private static ObjectNode condition(String key, String operator, String value) {
    ObjectNode condition = JSON.createObjectNode();
    condition.put("key", key);
    condition.put("operator", operator);
    condition.put("value", value);
    return condition;
  }

  private static ArrayNode block(ObjectNode condition) {
    ArrayNode blocks = JSON.createArrayNode();
    blocks.addObject().putArray("all").add(condition);
    return blocks;
  }

  /**
   * Reads {@code conditions} as a policy file's attestation conditions and evaluates them against
   * each predicate: PASS when every predicate satisfies them, as every attestation of a required
   * type must; REFUSED when the policy is refused.
   */
  private static Outcome evaluate(ArrayNode conditions, JsonNode predicates) throws IOException {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("apiVersion", "modelseal.dev/v1");
    policy.put("kind", "ModelPolicy");
    policy.put("trustRoot", "trusted_root.json");
    policy.putArray("identities").addObject()
        .put("issuer", PolicyFilesTest.ISSUER).put("subject", PolicyFilesTest.SUBJECT);
    policy.putArray("attestations").addObject().put("type", "custom").set("conditions", conditions);
    AttestationRequirement requirement;
    try {
      requirement = PolicyFiles.fromJsonOrYaml(JSON.writeValueAsString(policy), dir)
          .attestations().get(0);
    } catch (ModelVerificationException e) {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.INVALID_POLICY);
      return Outcome.REFUSED;
    }
    for (JsonNode predicate : predicates) {
      if (!Conditions.evaluate(requirement.conditions(), predicate).isEmpty()) {
        return Outcome.FAIL;
      }
    }
    return Outcome.PASS;
  }
}
