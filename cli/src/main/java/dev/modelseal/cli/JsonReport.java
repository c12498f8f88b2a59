package dev.modelseal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.Check;
import dev.modelseal.CheckedFile;
import dev.modelseal.EnforcementMode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Signer;
import dev.modelseal.Verification;
import dev.modelseal.VerifiedAttestation;
import java.nio.file.Path;

/**
 * The machine-readable report of {@code modelseal verify --format json}: version 1, documented in
 * docs/report-format.md. Fields are only ever added, never renamed or removed, within a version.
 */
final class JsonReport {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String verified(Verification v, EnforcementMode mode) {
    ObjectNode root = header(v.path(), true, mode);
    root.put("verdict", v.status().name());
    root.putObject("digest").put("sha256", v.digests().sha256());
    root.put("size", v.size());
    ArrayNode files = root.putArray("files");
    for (CheckedFile f : v.files().values()) {
      ObjectNode o = files.addObject().put("name", f.name()).put("size", f.size());
      f.digest().ifPresentOrElse(d -> o.put("digest", d), () -> o.putNull("digest"));
    }
    signer(root.putObject("signer"), v.signer());
    // A signature without a log entry or timestamp (OMS key, certificate) has no verified time: null.
    root.put("signingTime", v.signingTime().map(Object::toString).orElse(null));
    v.logIndex().ifPresentOrElse(i -> root.put("logIndex", i), () -> root.putNull("logIndex"));
    ArrayNode atts = root.putArray("attestations");
    for (VerifiedAttestation a : v.attestations()) {
      ObjectNode o = atts.addObject();
      o.put("predicateType", a.predicateType());
      o.put("bundle", a.source());
      signer(o.putObject("signer"), a.signer());
    }
    root.put("sbom", v.sbom().isPresent());
    ArrayNode checks = root.putArray("checks");
    for (Check c : v.report().checks()) {
      checks.addObject().put("name", c.name()).put("status", c.status().name()).put("detail", c.detail());
    }
    ArrayNode violations = root.putArray("violations");
    for (ModelVerificationException.Failure f : v.violations()) {
      violations.addObject().put("name", "policy (" + f.reason() + ")").put("reason", f.reason().name())
          .put("detail", f.message());
    }
    return write(root);
  }

  static String rejected(Path model, EnforcementMode mode, ModelVerificationException e) {
    ObjectNode root = header(model, false, mode);
    root.put("verdict", Main.refused(e) == Main.REJECTED ? "REJECTED" : "ERROR");
    root.put("reason", e.reason().name());
    ArrayNode failures = root.putArray("failures");
    for (ModelVerificationException.Failure f : e.failures()) {
      failures.addObject().put("reason", f.reason().name()).put("message", f.message());
    }
    return write(root);
  }

  private static ObjectNode header(Path model, boolean verified, EnforcementMode mode) {
    ObjectNode root = JSON.createObjectNode();
    root.put("reportVersion", VERSION);
    root.putObject("tool").put("name", "modelseal").put("version", Main.Version.VERSION);
    root.put("model", model.toString());
    root.put("verified", verified);
    root.put("mode", mode == null ? null : mode.name());
    return root;
  }

  private static void signer(ObjectNode o, Signer s) {
    o.put("keyless", s.isKeyless());
    o.put("subject", s.subject());
    o.put("issuer", s.issuer());
    o.put("keyId", s.keyId());
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }
}
