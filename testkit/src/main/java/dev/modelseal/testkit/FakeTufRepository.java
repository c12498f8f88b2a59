package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A TUF repository (TUF specification 1.0: root, timestamp, snapshot and targets metadata) whose
 * metadata is properly signed, served over HTTP on a free loopback port, with a Sigstore {@code
 * trusted_root.json} among its targets: a stand-in for the Sigstore public-good TUF repository, or
 * a private deployment's, for testing TUF clients (its metadata is checked against sigstore-java's)
 * without a network.
 *
 * <p>It can publish new versions ({@link #publishTarget}, {@link #publishTrustedRoot}, {@link
 * #rotateKeys}) and turn hostile in the ways a correct client must refuse: {@link
 * #expireTimestamp() an expired timestamp}, {@link #rollBack() a rolled-back version}, {@link
 * #corruptSignature a bad signature}, {@link #tamperTarget a target that does not match its hash}
 * and {@link #serveRaw answers that are not metadata at all}.
 *
 * <p>The layout is TUF's with consistent snapshots, below {@link #uri()}: {@code N.root.json} for
 * every root version, {@code timestamp.json}, {@code N.snapshot.json}, {@code N.targets.json} and
 * {@code targets/<sha256>.<name>}; {@code root.json}, {@code snapshot.json} and {@code
 * targets.json} also serve the newest version. Metadata is signed over its TUF canonical JSON;
 * each role has one key of the chosen {@link TufKeyType} and threshold 1; keys are generated in
 * memory for each instance and never leave it. By the given clock, root, targets and snapshot
 * metadata expire a year after they are published, the timestamp a day after.
 *
 * <p>Instances are thread-safe. {@link #close()} stops the server; a client then finds the
 * repository unreachable.
 */
public final class FakeTufRepository implements AutoCloseable {
  /** The target name under which Sigstore TUF repositories publish the trusted root. */
  public static final String TRUSTED_ROOT_TARGET = "trusted_root.json";

  private static final String SPEC_VERSION = "1.0";
  private static final Duration LIFETIME = Duration.ofDays(365);
  private static final Duration TIMESTAMP_LIFETIME = Duration.ofDays(1);
  private static final Duration EXPIRED_FOR = Duration.ofHours(1);
  private static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final Clock clock;
  private final TufKeyType keyType;
  private final TufServer server = new TufServer();
  private final Map<TufRole, TufKey> keys = new EnumMap<>(TufRole.class);
  private final Map<TufRole, Integer> versions = new EnumMap<>(TufRole.class);
  private final Map<String, byte[]> targets = new TreeMap<>();
  /** Every timestamp.json published, oldest first, and the index of the one being served. */
  private final List<byte[]> timestamps = new ArrayList<>();
  private int servedTimestamp = -1;
  private final String initialRoot;
  private byte[] firstRootFile;
  private byte[] snapshotFile;
  private byte[] targetsFile;

  private FakeTufRepository(Builder b) {
    this.clock = b.clock;
    this.keyType = b.keyType;
    for (TufRole role : TufRole.values()) {
      keys.put(role, TufKey.generate(keyType));
      versions.put(role, 0);
    }
    targets.putAll(b.targets);
    try {
      publishRoot(List.of(keys.get(TufRole.ROOT)), false);
      initialRoot = new String(firstRootFile, StandardCharsets.UTF_8);
      publishTargets(false);
      publishSnapshot(false);
      publishTimestamp(defaultTimestampExpiry(), false);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Starts a repository whose one target is {@code sigstore}'s {@code trusted_root.json}, signed
   * with ECDSA P-256 keys (as the public-good repository is), timed by the system clock.
   */
  public static FakeTufRepository start(FakeSigstore sigstore) {
    return builder().trustedRoot(sigstore).start();
  }

  /** Returns a builder for a repository with chosen targets, key type and clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures and starts a {@link FakeTufRepository}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private TufKeyType keyType = TufKeyType.ECDSA_P256;
    private final Map<String, byte[]> targets = new TreeMap<>();

    private Builder() {}

    /** The clock that sets the metadata's expiry times (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The type of every role's key (default {@link TufKeyType#ECDSA_P256}). */
    public Builder keyType(TufKeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      return this;
    }

    /** Publishes {@code sigstore}'s {@code trusted_root.json} as the {@value #TRUSTED_ROOT_TARGET} target. */
    public Builder trustedRoot(FakeSigstore sigstore) {
      return trustedRootJson(Objects.requireNonNull(sigstore, "sigstore").trustedRootJson());
    }

    /** Publishes {@code json} as the {@value #TRUSTED_ROOT_TARGET} target. */
    public Builder trustedRootJson(String json) {
      return target(TRUSTED_ROOT_TARGET, Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes {@code content} as target {@code name} (a relative path, e.g. {@code keys/a.pem}). */
    public Builder target(String name, byte[] content) {
      targets.put(checkTargetName(name), Objects.requireNonNull(content, "content").clone());
      return this;
    }

    /** Generates the keys, signs version 1 of every role and starts serving it. */
    public FakeTufRepository start() {
      return new FakeTufRepository(this);
    }
  }

  /**
   * The repository's base URI ({@code http://127.0.0.1:PORT/}, ending in {@code /}): the metadata
   * is right below it, the targets below {@code targets/}.
   */
  public URI uri() {
    return server.uri();
  }

  /**
   * The version 1 root metadata ({@code 1.root.json}): what a client is given, out of band, to
   * trust this repository, as sigstore-java ships the public-good root.
   */
  public String initialRootJson() {
    return initialRoot;
  }

  /** Writes {@link #initialRootJson()} to {@code file} and returns {@code file}. */
  public Path writeInitialRoot(Path file) {
    return OutputFile.write(file, initialRoot);
  }

  /** The newest valid version published of {@code role}'s metadata. */
  public synchronized int version(TufRole role) {
    return versions.get(Objects.requireNonNull(role, "role"));
  }

  /** The paths requested from the server so far, in order, without the leading {@code /}. */
  public List<String> requests() {
    return server.requests();
  }

  /** Publishes {@code json} as a new version of the {@value #TRUSTED_ROOT_TARGET} target. */
  public void publishTrustedRoot(String json) {
    publishTarget(TRUSTED_ROOT_TARGET, Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Adds or replaces target {@code name} and publishes new versions of the targets, snapshot and
   * timestamp metadata that list it.
   */
  public synchronized void publishTarget(String name, byte[] content) {
    targets.put(checkTargetName(name), Objects.requireNonNull(content, "content").clone());
    publishTargets(false);
    publishSnapshot(false);
    publishTimestamp(defaultTimestampExpiry(), false);
  }

  /**
   * Replaces every role's key: publishes the next root version, signed by the old and the new root
   * key as TUF §5.3.4 requires, then targets, snapshot and timestamp signed with the new keys.
   */
  public synchronized void rotateKeys() {
    TufKey oldRoot = keys.get(TufRole.ROOT);
    for (TufRole role : TufRole.values()) {
      keys.put(role, TufKey.generate(keyType));
    }
    publishRoot(List.of(oldRoot, keys.get(TufRole.ROOT)), false);
    publishTargets(false);
    publishSnapshot(false);
    publishTimestamp(defaultTimestampExpiry(), false);
  }

  /**
   * Publishes a new, correctly signed timestamp version that expired an hour ago (by the clock):
   * a client must refuse it (TUF §5.4.4), whether or not it trusted an older one. The next
   * publish supersedes it.
   */
  public synchronized void expireTimestamp() {
    publishTimestamp(clock.instant().minus(EXPIRED_FOR), false);
  }

  /**
   * Serves the timestamp of the previous version again, as an attacker replaying old metadata
   * would: a client that has seen a newer one must refuse it (TUF §5.4.3). Each call steps one
   * version further back; the next publish serves a new, higher version.
   *
   * @throws IllegalStateException when no older timestamp has been published
   */
  public synchronized void rollBack() {
    if (servedTimestamp == 0) {
      throw new IllegalStateException("no older timestamp to roll back to");
    }
    servedTimestamp--;
    server.put("timestamp.json", timestamps.get(servedTimestamp));
  }

  /**
   * Publishes a new version of {@code role}'s metadata whose signature does not verify (one bit
   * flipped), with the metadata that refers to it correctly signed: a client must refuse it (TUF
   * §5.3.4, §5.4.2, §5.5.3, §5.6.3). For {@link TufRole#ROOT} that is the next {@code N.root.json},
   * which stays broken until {@link #rotateKeys()} publishes a valid one; for the other roles, the
   * next publish supersedes it.
   */
  public synchronized void corruptSignature(TufRole role) {
    switch (Objects.requireNonNull(role, "role")) {
      case ROOT -> publishRoot(List.of(keys.get(TufRole.ROOT)), true);
      case TARGETS -> {
        publishTargets(true);
        publishSnapshot(false);
        publishTimestamp(defaultTimestampExpiry(), false);
      }
      case SNAPSHOT -> {
        publishSnapshot(true);
        publishTimestamp(defaultTimestampExpiry(), false);
      }
      case TIMESTAMP -> publishTimestamp(defaultTimestampExpiry(), true);
    }
  }

  /**
   * Serves {@code content} at {@code path} (relative to {@link #uri()}, e.g. {@code
   * timestamp.json}) instead of what the repository published there, until the next publish of that
   * file: for testing that a client refuses an answer that is not metadata at all (malformed or
   * truncated JSON, an empty file) rather than mistaking it for an unreachable repository.
   */
  public void serveRaw(String path, byte[] content) {
    server.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(content, "content"));
  }

  /**
   * Serves {@code content} where target {@code name} is published, without changing the targets
   * metadata, whose length and hash then no longer match what is served: a client must refuse it
   * (TUF §5.7.3).
   */
  public synchronized void tamperTarget(String name, byte[] content) {
    byte[] published = targets.get(Objects.requireNonNull(name, "name"));
    if (published == null) {
      throw new IllegalArgumentException("no target " + name + " is published");
    }
    server.put("targets/" + hashPrefixed(name, HEX.formatHex(Sha256.of(published))), content);
  }

  /** Stops the server; afterwards the repository is unreachable. */
  @Override
  public void close() {
    server.close();
  }

  // --- metadata -----------------------------------------------------------------------------

  /**
   * Writes the next root version. A corrupt one is served as {@code N+1.root.json} but not counted
   * as published, so the next valid root takes its number.
   */
  private void publishRoot(List<TufKey> signers, boolean corrupt) {
    int version = versions.get(TufRole.ROOT) + 1;
    ObjectNode signed = header(TufRole.ROOT, version, clock.instant().plus(LIFETIME));
    signed.put("consistent_snapshot", true);
    ObjectNode keyObjects = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    for (TufRole role : TufRole.values()) {
      TufKey key = keys.get(role);
      keyObjects.set(key.keyId(), key.keyObject());
      ObjectNode r = roles.putObject(role.roleName());
      r.putArray("keyids").add(key.keyId());
      r.put("threshold", 1);
    }
    byte[] file = envelope(signed, signers, corrupt);
    server.put(version + ".root.json", file);
    if (!corrupt) {
      versions.put(TufRole.ROOT, version);
      server.put("root.json", file);
      if (version == 1) {
        firstRootFile = file;
      }
    }
  }

  private void publishTargets(boolean corrupt) {
    int version = next(TufRole.TARGETS);
    ObjectNode signed = header(TufRole.TARGETS, version, clock.instant().plus(LIFETIME));
    ObjectNode list = signed.putObject("targets");
    for (Map.Entry<String, byte[]> target : targets.entrySet()) {
      byte[] content = target.getValue();
      String sha256 = HEX.formatHex(Sha256.of(content));
      ObjectNode t = list.putObject(target.getKey());
      t.put("length", content.length);
      t.putObject("hashes").put("sha256", sha256);
      server.put("targets/" + hashPrefixed(target.getKey(), sha256), content);
    }
    targetsFile = envelope(signed, List.of(keys.get(TufRole.TARGETS)), corrupt);
    server.put(version + ".targets.json", targetsFile);
    server.put("targets.json", targetsFile);
  }

  private void publishSnapshot(boolean corrupt) {
    int version = next(TufRole.SNAPSHOT);
    ObjectNode signed = header(TufRole.SNAPSHOT, version, clock.instant().plus(LIFETIME));
    signed.putObject("meta").set("targets.json", fileMeta(targetsFile, versions.get(TufRole.TARGETS)));
    snapshotFile = envelope(signed, List.of(keys.get(TufRole.SNAPSHOT)), corrupt);
    server.put(version + ".snapshot.json", snapshotFile);
    server.put("snapshot.json", snapshotFile);
  }

  private void publishTimestamp(Instant expires, boolean corrupt) {
    int version = next(TufRole.TIMESTAMP);
    ObjectNode signed = header(TufRole.TIMESTAMP, version, expires);
    signed.putObject("meta").set("snapshot.json", fileMeta(snapshotFile, versions.get(TufRole.SNAPSHOT)));
    byte[] file = envelope(signed, List.of(keys.get(TufRole.TIMESTAMP)), corrupt);
    timestamps.add(file);
    servedTimestamp = timestamps.size() - 1;
    server.put("timestamp.json", file);
  }

  private int next(TufRole role) {
    int version = versions.get(role) + 1;
    versions.put(role, version);
    return version;
  }

  private Instant defaultTimestampExpiry() {
    return clock.instant().plus(TIMESTAMP_LIFETIME);
  }

  private static ObjectNode header(TufRole role, int version, Instant expires) {
    ObjectNode signed = JsonText.object();
    signed.put("_type", role.roleName());
    signed.put("spec_version", SPEC_VERSION);
    signed.put("version", version);
    signed.put("expires", EXPIRES.format(expires));
    return signed;
  }

  /** The METAFILES entry for a metadata file (TUF §4.4): its version, length and SHA-256. */
  private static ObjectNode fileMeta(byte[] file, int version) {
    ObjectNode meta = JsonText.object();
    meta.put("version", version);
    meta.put("length", file.length);
    meta.putObject("hashes").put("sha256", HEX.formatHex(Sha256.of(file)));
    return meta;
  }

  /** Signs the canonical JSON of {@code signed} with each key and returns the metadata file. */
  private static byte[] envelope(ObjectNode signed, List<TufKey> signers, boolean corrupt) {
    byte[] canonical = TufCanonicalJson.encode(signed);
    ObjectNode file = JsonText.object();
    ArrayNode signatures = file.putArray("signatures");
    for (TufKey key : signers) {
      String sig = key.sign(canonical);
      signatures.addObject().put("keyid", key.keyId()).put("sig", corrupt ? flipLastBit(sig) : sig);
    }
    file.set("signed", signed);
    return JsonText.print(file).getBytes(StandardCharsets.UTF_8);
  }

  /** Flips the lowest bit of the last byte: still well-formed (DER stays DER), no longer valid. */
  private static String flipLastBit(String hex) {
    byte[] sig = HEX.parseHex(hex);
    sig[sig.length - 1] ^= 1;
    return HEX.formatHex(sig);
  }

  /** {@code dir/name} becomes {@code dir/<sha256>.name} (TUF §5.7.3, consistent snapshots). */
  private static String hashPrefixed(String name, String sha256) {
    int slash = name.lastIndexOf('/');
    return name.substring(0, slash + 1) + sha256 + "." + name.substring(slash + 1);
  }

  private static String checkTargetName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("..")) {
      throw new IllegalArgumentException("a target name is a relative path without '..', got \"" + name + "\"");
    }
    return name;
  }
}
