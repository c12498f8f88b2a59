package dev.modelseal.internal.oms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.internal.dsse.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Makes model_signing v1.0 statements for test models, hashing single-threaded and independently of
 * the engine under test, and lets a test edit the JSON before it is parsed.
 */
final class TestManifests {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestManifests() {}

  /** The regular files under {@code dir} by relative name, or {@code "."} for a file. */
  static Map<String, byte[]> contents(Path model) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    if (Files.isRegularFile(model)) {
      out.put(".", Files.readAllBytes(model));
      return out;
    }
    try (Stream<Path> walk = Files.walk(model)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(model.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  /** The statement JSON for these files: files mode when {@code shardSize} is 0, else shards. */
  static ObjectNode json(Map<String, byte[]> files, OmsHash hash, long shardSize) throws Exception {
    ObjectNode st = JSON.createObjectNode();
    st.put("_type", "https://in-toto.io/Statement/v1");
    st.put("predicateType", OmsManifest.PREDICATE_V1);
    ObjectNode predicate = st.putObject("predicate");
    ObjectNode ser = predicate.putObject("serialization");
    ser.put("method", shardSize == 0 ? "files" : "shards");
    ser.put("hash_type", hash.omsName());
    ser.put("allow_symlinks", false);
    if (shardSize > 0) {
      ser.put("shard_size", (double) shardSize);
    }
    ArrayNode resources = predicate.putArray("resources");
    java.security.MessageDigest root = java.security.MessageDigest.getInstance("SHA-256");
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      byte[] b = e.getValue();
      if (shardSize == 0) {
        byte[] d = digest(hash, b, 0, b.length);
        root.update(d);
        resources.addObject().put("name", e.getKey()).put("algorithm", hash.omsName())
            .put("digest", HexFormat.of().formatHex(d));
        continue;
      }
      for (long start = 0; start < b.length; start += shardSize) {
        int end = (int) Math.min(b.length, start + shardSize);
        byte[] d = digest(hash, b, (int) start, end);
        root.update(d);
        resources.addObject().put("name", e.getKey() + ":" + start + ":" + end)
            .put("algorithm", hash.omsName() + "-sharded-" + shardSize).put("digest", HexFormat.of().formatHex(d));
      }
    }
    ObjectNode subject = st.putArray("subject").addObject();
    subject.put("name", "model");
    subject.putObject("digest").put("sha256", HexFormat.of().formatHex(root.digest()));
    return st;
  }

  /** A single-threaded digest of {@code b[from, to)} with an engine made here, not by OmsHash. */
  static byte[] digest(OmsHash hash, byte[] b, int from, int to) throws Exception {
    switch (hash) {
      case SHA256: {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(b, from, to - from);
        return md.digest();
      }
      case BLAKE2B: {
        org.bouncycastle.crypto.digests.Blake2bDigest d = new org.bouncycastle.crypto.digests.Blake2bDigest(512);
        d.update(b, from, to - from);
        byte[] out = new byte[64];
        d.doFinal(out, 0);
        return out;
      }
      default: {
        org.bouncycastle.crypto.digests.Blake3Digest d = new org.bouncycastle.crypto.digests.Blake3Digest(256);
        d.update(b, from, to - from);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
      }
    }
  }

  static Statement statement(ObjectNode json) throws Exception {
    return Statement.parse(Statement.PAYLOAD_TYPE, JSON.writeValueAsBytes(json), "test statement");
  }

  /** The manifest of the model as it is now, edited by {@code edit} before parsing. */
  static OmsManifest manifest(Path model, long shardSize, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode json = json(contents(model), OmsHash.SHA256, shardSize);
    edit.accept(json);
    return OmsManifest.parse(statement(json), "test statement");
  }

  static OmsManifest manifest(Path model) throws Exception {
    return manifest(model, 0, j -> { });
  }

  /** Sets the subject digest to the root over the (edited) resources, as a signer would. */
  static void reroot(ObjectNode json) throws Exception {
    java.security.MessageDigest root = java.security.MessageDigest.getInstance("SHA-256");
    for (com.fasterxml.jackson.databind.JsonNode r : json.at("/predicate/resources")) {
      root.update(HexFormat.of().parseHex(r.get("digest").asText()));
    }
    ((ObjectNode) json.at("/subject/0/digest")).put("sha256", HexFormat.of().formatHex(root.digest()));
  }
}
