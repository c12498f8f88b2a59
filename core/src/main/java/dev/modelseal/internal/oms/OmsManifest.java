package dev.modelseal.internal.oms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.Bytes;
import dev.modelseal.internal.Sha256;
import dev.modelseal.internal.dsse.Statement;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signed manifest of an OpenSSF Model Signing (model_signing) statement: which files (or file
 * shards) the model consists of and their digests. Parsing refuses everything a verifier could
 * misread (wrong types, bad or wrongly sized digests, duplicate or unsafe names, shards that do not
 * tile a file) before a byte of the model is read; {@link #checkRootDigest()} binds the resource
 * list to the signed subject digest.
 *
 * <p>Two predicate types are read: {@value #PREDICATE_V1} (one subject whose sha256 digest is the
 * root digest; resources in the predicate) and the legacy {@value #PREDICATE_LEGACY} of
 * model_signing 0.2 (one subject per file, sha256, no root digest, symlinks refused).
 *
 * @param legacy true for the legacy predicate
 * @param subjectName the subject's name (the model's base name; informative only), empty for legacy
 * @param rootDigest the subject's sha256 digest, lower-case hex; empty for legacy
 * @param method files or shards
 * @param hashType the content hash of every resource
 * @param allowSymlinks whether the signer followed symlinks
 * @param shardSize the shard size in bytes in shards mode, 0 in files mode
 * @param ignorePaths the signed ignore paths as relative names (see {@link OmsPaths#ignored}); those
 *     that can ignore nothing inside the model are dropped
 * @param resources the resources in the order listed (the order the root digest is over)
 */
public record OmsManifest(boolean legacy, String subjectName, Optional<String> rootDigest, Method method,
    OmsHash hashType, boolean allowSymlinks, long shardSize, List<String> ignorePaths, List<Resource> resources) {
  public static final String PREDICATE_V1 = "https://model_signing/signature/v1.0";
  public static final String PREDICATE_LEGACY = "https://model_signing/Digests/v0.1";
  /** Most resources a manifest may list. */
  public static final int MAX_RESOURCES = 100_000;
  /** Most ignore paths a manifest may list. */
  public static final int MAX_IGNORE_PATHS = 10_000;

  /** How model_signing cut the model into resources. */
  public enum Method {
    /** One resource per file, named by its relative path ({@code "."} for a single-file model). */
    FILES,
    /** One resource per shard, named {@code path:start:end}; empty files are not listed. */
    SHARDS
  }

  /**
   * One listed resource.
   *
   * @param name the name as signed
   * @param path the file it is (part of): the name in files mode, the part before {@code :start:end}
   *     in shards mode; {@code "."} is the single file of a single-file model
   * @param start first byte of the shard, 0 in files mode
   * @param end end of the shard (exclusive), -1 in files mode (the whole file)
   * @param algorithm the signed algorithm name ({@code sha256}, {@code sha256-sharded-8}, …)
   * @param digest the signed digest
   */
  public record Resource(String name, String path, long start, long end, String algorithm, Bytes digest) {
    /** True for a shard ({@code path:start:end}), false for a whole file. */
    public boolean shard() {
      return end >= 0;
    }
  }

  public OmsManifest {
    ignorePaths = List.copyOf(ignorePaths);
    resources = List.copyOf(resources);
  }

  /** Reads the manifest of {@code s}; {@code source} names the statement in messages. */
  public static OmsManifest parse(Statement s, String source) throws ModelVerificationException {
    if (PREDICATE_LEGACY.equals(s.predicateType())) {
      return legacy(s, source);
    }
    if (!PREDICATE_V1.equals(s.predicateType())) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, source + ": predicate type "
          + s.predicateType() + " is not an OpenSSF Model Signing manifest (expected " + PREDICATE_V1
          + " or " + PREDICATE_LEGACY + ")");
    }
    if (s.subjects().size() != 1) {
      throw malformed(source, "a model_signing v1.0 statement has exactly one subject (the model), found "
          + s.subjects().size());
    }
    Statement.Subject subject = s.subjects().get(0);
    String root = sha256Hex(subject, source, "the subject");
    JsonNode p = s.predicate();
    if (p == null || !p.isObject()) {
      throw malformed(source, "the predicate must be an object");
    }
    Obj predicate = StrictJson.at((ObjectNode) p, "predicate", source, Reason.MALFORMED_BUNDLE);
    Obj serialization = predicate.object("serialization");
    String methodName = serialization.string("method");
    Method method;
    switch (methodName) {
      case "files":
        method = Method.FILES;
        break;
      case "shards":
        method = Method.SHARDS;
        break;
      default:
        throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, source
            + ": serialization method \"" + methodName + "\" is not supported (files or shards)");
    }
    String hashName = serialization.string("hash_type");
    OmsHash hash = OmsHash.byName(hashName);
    if (hash == null) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, source + ": hash_type \"" + hashName
          + "\" is not supported (sha256, blake2b or blake3)");
    }
    JsonNode symlinks = serialization.node().get("allow_symlinks");
    if (symlinks == null || !symlinks.isBoolean()) {
      throw malformed(source, "predicate.serialization.allow_symlinks must be a boolean");
    }
    long shardSize = method == Method.SHARDS ? shardSize(serialization.node().get("shard_size"), source) : 0;
    List<String> ignore = ignorePaths(serialization, source);
    JsonNode listed = predicate.node().get("resources");
    if (listed == null || !listed.isArray()) {
      throw malformed(source, "predicate.resources must be an array");
    }
    if (listed.size() > MAX_RESOURCES) {
      throw malformed(source, "the manifest lists " + listed.size() + " resources, more than the limit of "
          + MAX_RESOURCES);
    }
    String algorithm = method == Method.FILES ? hash.omsName() : hash.omsName() + "-sharded-" + shardSize;
    List<Resource> resources = new ArrayList<>(listed.size());
    for (Obj r : predicate.objects("resources")) {
      String name = r.string("name");
      String alg = r.string("algorithm");
      if (!alg.equals(algorithm)) {
        throw malformed(source, "resource \"" + name + "\" has algorithm \"" + alg + "\" but the serialization"
            + " (" + methodName + ", " + hashName + ") gives \"" + algorithm + "\"");
      }
      Bytes digest = hex(r.string("digest"), hash.length(), source, "resource \"" + name + "\"");
      resources.add(method == Method.FILES ? new Resource(name, name, 0, -1, alg, digest)
          : shard(name, alg, digest, source));
    }
    OmsManifest m = new OmsManifest(false, subject.name() == null ? "" : subject.name(), Optional.of(root),
        method, hash, symlinks.booleanValue(), shardSize, ignore, resources);
    m.validateNames(source);
    return m;
  }

  private static OmsManifest legacy(Statement s, String source) throws ModelVerificationException {
    List<Resource> resources = new ArrayList<>(s.subjects().size());
    for (Statement.Subject subject : s.subjects()) {
      if (subject.name() == null) {
        throw malformed(source, "every subject of a " + PREDICATE_LEGACY + " statement names a file");
      }
      String hex = sha256Hex(subject, source, "subject \"" + subject.name() + "\"");
      resources.add(new Resource(subject.name(), subject.name(), 0, -1, OmsHash.SHA256.omsName(),
          Bytes.fromHex(hex)));
    }
    OmsManifest m = new OmsManifest(true, "", Optional.empty(), Method.FILES, OmsHash.SHA256, false, 0,
        List.of(), resources);
    m.validateNames(source);
    return m;
  }

  /**
   * Checks that the subject's digest is the SHA-256 over the raw resource digests in the order
   * listed: this binds the signed subject to the resource list. Nothing to check for legacy.
   */
  public void checkRootDigest() throws ModelVerificationException {
    if (legacy) {
      return;
    }
    List<Bytes> digests = new ArrayList<>(resources.size());
    for (Resource r : resources) {
      digests.add(r.digest());
    }
    String computed = rootOf(digests).hex();
    if (!computed.equals(rootDigest.orElseThrow())) {
      throw new ModelVerificationException(Reason.DIGEST_MISMATCH, "the manifest's subject digest is sha256:"
          + rootDigest.orElseThrow() + " but its resources hash to sha256:" + computed
          + "; the resource list is not the one that was signed");
    }
  }

  /**
   * The digest that names this model, lower-case hex SHA-256: the signed subject digest, or for a
   * legacy manifest (which has none) the same root computed from its resources, so attestations can
   * bind to either in the same way.
   */
  public String modelDigest() {
    if (rootDigest.isPresent()) {
      return rootDigest.get();
    }
    List<Bytes> digests = new ArrayList<>(resources.size());
    for (Resource r : resources) {
      digests.add(r.digest());
    }
    return rootOf(digests).hex();
  }

  /** SHA-256 over the concatenated raw digests, in order (the model_signing root digest). */
  static Bytes rootOf(List<Bytes> digests) {
    MessageDigest md = Sha256.newDigest();
    for (Bytes d : digests) {
      md.update(d.toArray());
    }
    return Bytes.wrap(md.digest());
  }

  private void validateNames(String source) throws ModelVerificationException {
    Set<String> names = new HashSet<>();
    Map<String, List<Resource>> byPath = new LinkedHashMap<>();
    for (Resource r : resources) {
      if (!names.add(r.name())) {
        throw malformed(source, "resource \"" + r.name() + "\" is listed twice");
      }
      byPath.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r);
    }
    boolean single = byPath.containsKey(".");
    if (single && byPath.size() != 1) {
      throw new ModelVerificationException(Reason.UNSAFE_PATH, source + ": resource name \".\" (a single-file"
          + " model) is only valid as the model's only file, but the manifest lists other files too");
    }
    for (String path : byPath.keySet()) {
      String why = single ? null : OmsPaths.unsafe(path);
      if (why != null) {
        throw new ModelVerificationException(Reason.UNSAFE_PATH, source + ": resource name \"" + path
            + "\" is not a safe relative path: " + why);
      }
    }
    if (method == Method.SHARDS) {
      for (List<Resource> shards : byPath.values()) {
        checkTiling(shards, source);
      }
    }
  }

  /** The shards of one file, sorted by start, must cover [0, end) without gap or overlap. */
  private void checkTiling(List<Resource> shards, String source) throws ModelVerificationException {
    List<Resource> sorted = new ArrayList<>(shards);
    sorted.sort(Comparator.comparingLong(Resource::start));
    long next = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Resource r = sorted.get(i);
      if (r.start() != next) {
        throw malformed(source, "the shards of \"" + r.path() + "\" do not tile the file: shard " + r.name()
            + (r.start() > next ? " leaves a gap after byte " + next : " overlaps the shard before it"));
      }
      long length = r.end() - r.start();
      boolean last = i == sorted.size() - 1;
      if (length <= 0 || length > shardSize || (!last && length != shardSize)) {
        throw malformed(source, "shard " + r.name() + " has " + length + " bytes; with shard_size " + shardSize
            + " every shard but a file's last has exactly that many and the last 1 to " + shardSize);
      }
      next = r.end();
    }
  }

  private static Resource shard(String name, String alg, Bytes digest, String source)
      throws ModelVerificationException {
    int second = name.lastIndexOf(':');
    int first = second <= 0 ? -1 : name.lastIndexOf(':', second - 1);
    if (first <= 0) {
      throw malformed(source, "shard resource \"" + name + "\" is not named path:start:end");
    }
    long start = offset(name.substring(first + 1, second), name, source);
    long end = offset(name.substring(second + 1), name, source);
    if (end <= start) {
      throw malformed(source, "shard resource \"" + name + "\" ends before it starts");
    }
    return new Resource(name, name.substring(0, first), start, end, alg, digest);
  }

  private static long offset(String digits, String name, String source) throws ModelVerificationException {
    boolean canonical = !digits.isEmpty() && digits.length() <= 18 && (digits.equals("0") || digits.charAt(0) != '0');
    for (int i = 0; canonical && i < digits.length(); i++) {
      canonical = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
    }
    if (!canonical) {
      throw malformed(source, "shard resource \"" + name + "\" has offset \"" + digits
          + "\"; offsets are decimal integers without sign or leading zeros");
    }
    return Long.parseLong(digits);
  }

  private static long shardSize(JsonNode n, String source) throws ModelVerificationException {
    if (n == null || !n.isNumber()) {
      throw malformed(source, "predicate.serialization.shard_size must be a number in shards mode");
    }
    BigDecimal v = n.decimalValue();
    if (v.signum() <= 0 || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw malformed(source, "predicate.serialization.shard_size must be a positive whole number of bytes, found "
          + n.asText());
    }
    return v.longValueExact();
  }

  private static List<String> ignorePaths(Obj serialization, String source) throws ModelVerificationException {
    JsonNode listed = serialization.node().get("ignore_paths");
    if (listed != null && listed.size() > MAX_IGNORE_PATHS) {
      throw malformed(source, "the manifest lists " + listed.size() + " ignore paths, more than the limit of "
          + MAX_IGNORE_PATHS);
    }
    List<String> out = new ArrayList<>();
    for (String p : serialization.strings("ignore_paths")) {
      String name = OmsPaths.ignored(p);
      if (name != null && name.isEmpty()) {
        throw malformed(source, "ignore path \"" + p + "\" names the model itself, which would leave nothing"
            + " to verify");
      }
      if (name != null) {
        out.add(name);
      }
    }
    return out;
  }

  private static String sha256Hex(Statement.Subject subject, String source, String what)
      throws ModelVerificationException {
    String hex = subject.digest().get("sha256");
    if (hex == null) {
      throw malformed(source, what + " has no sha256 digest");
    }
    return hex(hex, 32, source, what).hex();
  }

  private static Bytes hex(String hex, int length, String source, String what) throws ModelVerificationException {
    if (hex.length() != 2 * length) {
      throw malformed(source, what + " has a digest of " + hex.length() + " hex digits, expected " + 2 * length);
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        throw malformed(source, what + " has a digest that is not hex");
      }
    }
    return Bytes.fromHex(hex.toLowerCase(Locale.ROOT));
  }

  private static ModelVerificationException malformed(String source, String message) {
    return new ModelVerificationException(Reason.MALFORMED_BUNDLE, source + ": " + message);
  }
}
