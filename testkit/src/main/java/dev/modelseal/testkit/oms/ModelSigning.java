package dev.modelseal.testkit.oms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.testkit.internal.CodePoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Signs a model directory or single file as OpenSSF Model Signing ({@code model_signing} 1.x)
 * does: a manifest of every file (or shard) with its digest, in an in-toto Statement v1 of
 * predicate type {@value #PREDICATE_TYPE}, signed by an {@link OmsSigner} into a Sigstore bundle
 * v0.3 ({@code model.sig}).
 *
 * <p>The statement has one subject, the model's base name with {@code digest.sha256} = SHA-256 over
 * the concatenated raw resource digests in listed order. Resources are listed in Unicode code
 * point order of their names (the OMS spec's order; model_signing's Python order differs for
 * names such as {@code a/b} and {@code a.txt}, and for shard offsets of different lengths). Files
 * named {@code .git}, {@code .gitattributes}, {@code .github} and {@code .gitignore} at the top
 * level, the signature file itself and the caller's ignore paths are left out and, as
 * model_signing 1.1 does, recorded in {@code serialization.ignore_paths} (sorted; the signature
 * only when it lies inside a model directory).
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return a changed copy. Files are read
 * in 1 MiB blocks, so models of any size can be signed. Test infrastructure only.
 */
public final class ModelSigning {
  /** The predicate type of model_signing 1.x statements. */
  public static final String PREDICATE_TYPE = "https://model_signing/signature/v1.0";
  /** The in-toto Statement type. */
  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  /** model_signing's default shard size, 1 GB (10^9 bytes). */
  public static final long DEFAULT_SHARD_SIZE = 1_000_000_000L;
  /** The signature file name model_signing writes by default. */
  public static final String DEFAULT_SIGNATURE_NAME = "model.sig";

  private static final List<String> DEFAULT_IGNORES = List.of(".git", ".gitattributes", ".github", ".gitignore");
  private static final int BLOCK_SIZE = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final boolean sharded;
  private final long shardSize;
  private final HashType hashType;
  private final boolean allowSymlinks;
  private final Set<String> ignorePaths;
  private final boolean recordIgnorePaths;

  private ModelSigning(boolean sharded, long shardSize, HashType hashType, boolean allowSymlinks,
      Set<String> ignorePaths, boolean recordIgnorePaths) {
    if (sharded && shardSize <= 0) {
      throw new IllegalArgumentException("the shard size must be positive, got " + shardSize);
    }
    if (sharded && hashType == HashType.BLAKE3) {
      throw new IllegalArgumentException(
          "model_signing never shards BLAKE3 (it hashes whole files instead): use files() with BLAKE3");
    }
    this.sharded = sharded;
    this.shardSize = shardSize;
    this.hashType = hashType;
    this.allowSymlinks = allowSymlinks;
    this.ignorePaths = Set.copyOf(ignorePaths);
    this.recordIgnorePaths = recordIgnorePaths;
  }

  /**
   * Returns the default: method {@code files}, SHA-256, symlinks refused, no ignore paths beyond
   * the default ones, ignore paths recorded.
   */
  public static ModelSigning files() {
    return new ModelSigning(false, 0, HashType.SHA256, false, Set.of(), true);
  }

  /** Returns method {@code shards} with the default 1 GB shards, otherwise as {@link #files()}. */
  public static ModelSigning shards() {
    return shards(DEFAULT_SHARD_SIZE);
  }

  /**
   * Returns method {@code shards} with {@code shardSize}-byte shards: names {@code path:start:end},
   * algorithm {@code <hash>-sharded-<shardSize>}, empty files left out, as model_signing does.
   */
  public static ModelSigning shards(long shardSize) {
    return new ModelSigning(true, shardSize, HashType.SHA256, false, Set.of(), true);
  }

  /** Returns a copy hashing with {@code type} (default {@link HashType#SHA256}). */
  public ModelSigning withHashType(HashType type) {
    return new ModelSigning(sharded, shardSize, Objects.requireNonNull(type, "type"), allowSymlinks, ignorePaths,
        recordIgnorePaths);
  }

  /**
   * Returns a copy that follows symbolic links (hashing their targets under the link's name) and
   * records {@code allow_symlinks: true} if {@code allow}; refuses them otherwise (the default).
   */
  public ModelSigning withAllowSymlinks(boolean allow) {
    return new ModelSigning(sharded, shardSize, hashType, allow, ignorePaths, recordIgnorePaths);
  }

  /**
   * Returns a copy that also leaves out {@code paths}: exact {@code /}-separated paths relative to
   * the model root, each with its subtree if it is a directory.
   *
   * @throws IllegalArgumentException if a path is empty, absolute, has {@code ..} or a glob character
   */
  public ModelSigning withIgnorePaths(String... paths) {
    Set<String> all = new TreeSet<>(ignorePaths);
    for (String path : paths) {
      all.add(canonicalIgnorePath(path));
    }
    return new ModelSigning(sharded, shardSize, hashType, allowSymlinks, all, recordIgnorePaths);
  }

  /**
   * Returns a copy that records {@code serialization.ignore_paths} if {@code record} (the default,
   * as model_signing 1.1+) or leaves it out, as model_signing 1.0 did; a verifier must then be told
   * the ignored paths. The paths are left out of the manifest either way.
   */
  public ModelSigning withIgnorePathsRecorded(boolean record) {
    return new ModelSigning(sharded, shardSize, hashType, allowSymlinks, ignorePaths, record);
  }

  /**
   * Returns where {@link #sign(Path, OmsSigner)} writes the signature: {@code model.sig} inside a
   * model directory, next to a single-file model.
   */
  public static Path defaultSignature(Path model) {
    return Files.isDirectory(model) ? model.resolve(DEFAULT_SIGNATURE_NAME) : model.resolveSibling(DEFAULT_SIGNATURE_NAME);
  }

  /** Returns the manifest of {@code model} signed with its signature at the default place. */
  public List<Resource> resources(Path model) {
    return manifest(model, defaultSignature(model)).resources();
  }

  /** Returns the statement JSON a signer would sign for {@code model} with the signature at the default place. */
  public String statement(Path model) {
    return statement(model, defaultSignature(model));
  }

  /** Returns the statement JSON a signer would sign for {@code model} with its signature at {@code signature}. */
  public String statement(Path model, Path signature) {
    return manifest(model, signature).statementJson();
  }

  /** Signs {@code model} and writes the bundle to {@link #defaultSignature(Path)}. */
  public SignedModel sign(Path model, OmsSigner signer) {
    return sign(model, signer, defaultSignature(model));
  }

  /** Signs {@code model} with {@code signer} and writes the bundle to {@code signature}. */
  public SignedModel sign(Path model, OmsSigner signer, Path signature) {
    Objects.requireNonNull(signer, "signer");
    Manifest manifest = manifest(model, signature);
    Path written = signer.sign(manifest.statementJson(), signature);
    return new SignedModel(model, written, manifest.statementJson(), manifest.resources(), manifest.files());
  }

  private record Manifest(String statementJson, List<Resource> resources, List<String> files) {}

  private Manifest manifest(Path model, Path signature) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(signature, "signature");
    Set<String> ignored = new TreeSet<>(CodePoints::compare);
    ignored.addAll(DEFAULT_IGNORES);
    ignored.addAll(ignorePaths);
    Path root = model.toAbsolutePath().normalize();
    Path sig = signature.toAbsolutePath().normalize();
    if (Files.isDirectory(model) && sig.startsWith(root) && !sig.equals(root)) {
      ignored.add(ModelFiles.name(root, sig));
    }
    List<ModelFiles.Entry> entries = new ArrayList<>(ModelFiles.list(model, ignored, allowSymlinks));
    entries.sort(Comparator.comparing(ModelFiles.Entry::name, CodePoints::compare));
    List<Resource> resources = new ArrayList<>();
    for (ModelFiles.Entry entry : entries) {
      if (sharded) {
        resources.addAll(shardResources(entry));
      } else {
        resources.add(new Resource(entry.name(), hashType.id(), hash(entry.file())));
      }
    }
    resources.sort(Comparator.comparing(Resource::name, CodePoints::compare));
    List<String> files = entries.stream().map(ModelFiles.Entry::name).toList();
    String name = root.getFileName() == null ? "" : root.getFileName().toString();
    return new Manifest(statementJson(name, resources, ignored), List.copyOf(resources), files);
  }

  private String statementJson(String modelName, List<Resource> resources, Set<String> ignored) {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("_type", STATEMENT_TYPE);
    ObjectNode subject = statement.putArray("subject").addObject();
    subject.put("name", modelName);
    subject.putObject("digest").put("sha256", rootDigest(resources));
    statement.put("predicateType", PREDICATE_TYPE);
    ObjectNode predicate = statement.putObject("predicate");
    ObjectNode serialization = predicate.putObject("serialization");
    serialization.put("method", sharded ? "shards" : "files");
    serialization.put("hash_type", hashType.id());
    serialization.put("allow_symlinks", allowSymlinks);
    if (sharded) {
      // model_signing stores it in a protobuf Struct, whose numbers are doubles: 1000000000.0.
      serialization.put("shard_size", BigDecimal.valueOf(shardSize).setScale(1));
    }
    if (recordIgnorePaths) {
      ArrayNode paths = serialization.putArray("ignore_paths");
      ignored.forEach(paths::add);
    }
    ArrayNode list = predicate.putArray("resources");
    for (Resource resource : resources) {
      ObjectNode item = list.addObject();
      item.put("algorithm", resource.algorithm());
      item.put("digest", resource.digestHex());
      item.put("name", resource.name());
    }
    try {
      return JSON.writeValueAsString(statement) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree built in memory cannot fail to print", e);
    }
  }

  /** Returns hex SHA-256 over the raw digests of {@code resources}, concatenated in order. */
  private static String rootDigest(List<Resource> resources) {
    SHA256Digest digest = new SHA256Digest();
    for (Resource resource : resources) {
      byte[] raw = HexFormat.of().parseHex(resource.digestHex());
      digest.update(raw, 0, raw.length);
    }
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }

  private String hash(Path file) {
    Digest digest = hashType.newDigest();
    byte[] block = new byte[BLOCK_SIZE];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(block)) != -1) {
        digest.update(block, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return finish(digest);
  }

  private List<Resource> shardResources(ModelFiles.Entry entry) {
    String algorithm = hashType.id() + "-sharded-" + shardSize;
    List<Resource> shards = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(entry.file(), StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer block = ByteBuffer.allocate(BLOCK_SIZE);
      for (long start = 0; start < size; start += shardSize) {
        long end = Math.min(size, start + shardSize);
        Digest digest = hashType.newDigest();
        long position = start;
        while (position < end) {
          block.clear().limit((int) Math.min(BLOCK_SIZE, end - position));
          int read = channel.read(block, position);
          if (read < 0) {
            throw new IOException(entry.file() + " shrank while it was hashed");
          }
          digest.update(block.array(), 0, read);
          position += read;
        }
        shards.add(new Resource(entry.name() + ":" + start + ":" + end, algorithm, finish(digest)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entry.file(), e);
    }
    return shards;
  }

  private static String finish(Digest digest) {
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }

  private static String canonicalIgnorePath(String path) {
    Objects.requireNonNull(path, "ignore path");
    if (path.startsWith("/") || path.contains("\\") || path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
      throw new IllegalArgumentException("an ignore path is relative, '/'-separated and has no glob characters: " + path);
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.equals("..")) {
        throw new IllegalArgumentException("an ignore path must stay inside the model: " + path);
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("an ignore path must name something inside the model: '" + path + "'");
    }
    return String.join("/", parts);
  }
}
