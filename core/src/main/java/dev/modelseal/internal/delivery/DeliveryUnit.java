package dev.modelseal.internal.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.internal.json.StrictJson;
import dev.modelseal.internal.json.StrictJson.Obj;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The evidence that travels with a model: signature, attestation and SBOM bundles found by name
 * next to it ({@code <model>.bundle}, {@code .attest.bundle}, {@code .sbom.bundle}, each also as
 * {@code .sigstore.json}) or named by a {@code metadata.json}. Pointers are relative and can never
 * leave the model's directory, not even through a symlink.
 */
public record DeliveryUnit(Path model, List<Path> signatures, List<Path> attestations, List<Path> sboms,
    Optional<Path> deliveryFile) {
  public static final String METADATA = "metadata.json";
  public static final String MEDIA_TYPE = "application/vnd.modelseal.delivery+json;version=1";
  private static final List<String> SIGNATURE = List.of(".bundle", ".sigstore.json");
  private static final List<String> ATTESTATION = List.of(".attest.bundle", ".attest.sigstore.json");
  private static final List<String> SBOM = List.of(".sbom.bundle", ".sbom.sigstore.json");
  /**
   * Largest {@code metadata.json} read: a delivery file is a few hundred bytes; the room above that
   * is for the unrelated metadata files model directories often hold.
   */
  public static final int MAX_METADATA_BYTES = 1024 * 1024;

  public DeliveryUnit {
    signatures = List.copyOf(signatures);
    attestations = List.copyOf(attestations);
    sboms = List.copyOf(sboms);
    Objects.requireNonNull(deliveryFile, "deliveryFile");
  }

  private DeliveryUnit(Path model, List<Path> signatures, List<Path> attestations, List<Path> sboms) {
    this(model, signatures, attestations, sboms, Optional.empty());
  }

  /**
   * Finds the evidence of {@code model}: from {@code metadata.json} in its directory when that file
   * names this model, else by the conventional names.
   */
  public static DeliveryUnit discover(Path model) throws ModelVerificationException {
    Path dir = model.toAbsolutePath().getParent();
    Path metadata = dir.resolve(METADATA);
    List<Path> signatures = existing(model, SIGNATURE);
    List<Path> attestations = existing(model, ATTESTATION);
    List<Path> sboms = existing(model, SBOM);
    if (Files.exists(metadata)) {
      DeliveryUnit named = fromMetadata(model, metadata, readMetadata(metadata));
      if (named != null) {
        // What metadata.json names comes first; files with the conventional names are still
        // verified, so a metadata file can point at evidence but never hide any.
        return new DeliveryUnit(model, union(named.signatures, signatures),
            union(named.attestations, attestations), union(named.sboms, sboms));
      }
    }
    return new DeliveryUnit(model, signatures, attestations, sboms);
  }

  /** The OpenSSF Model Signing signature's default name, inside a model directory. */
  public static final String MODEL_SIGNATURE = "model.sig";

  /**
   * Finds the evidence of the model directory {@code dir}: {@code model.sig} (its OpenSSF Model
   * Signing signature), every top-level {@code *.attest.bundle} and {@code *.sbom.bundle}, and what
   * a ModelSeal {@code metadata.json} in it names for model {@code "."}. At most {@link
   * EvidenceFiles#MAX_FILES} names are collected; more is refused when they are read.
   */
  public static DeliveryUnit discoverDirectory(Path dir) throws ModelVerificationException {
    List<Path> signatures = new ArrayList<>();
    Path sig = dir.resolve(MODEL_SIGNATURE);
    if (Files.exists(sig, LinkOption.NOFOLLOW_LINKS)) {
      signatures.add(sig);
    }
    List<Path> attestations = new ArrayList<>();
    List<Path> sboms = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
        p -> p.getFileName().toString().endsWith(ATTESTATION.get(0)) || p.getFileName().toString().endsWith(SBOM.get(0)))) {
      for (Path p : entries) {
        (p.getFileName().toString().endsWith(SBOM.get(0)) ? sboms : attestations).add(p);
        if (attestations.size() + sboms.size() > EvidenceFiles.MAX_FILES) {
          break;
        }
      }
    } catch (IOException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, dir + ": cannot list the model directory: "
          + e.getMessage(), e);
    }
    attestations.sort(null);
    sboms.sort(null);
    Path metadata = dir.resolve(METADATA);
    if (Files.exists(metadata)) {
      ObjectNode json = readDirectoryMetadata(metadata);
      if (json != null && isDeliveryFile(json)) {
        // A ModelSeal delivery file is evidence, never model content, whichever model it names.
        DeliveryUnit named = fromMetadata(dir, metadata, json);
        return named == null ? new DeliveryUnit(dir, signatures, attestations, sboms, Optional.of(metadata))
            : new DeliveryUnit(dir, union(named.signatures, signatures), union(named.attestations, attestations),
                union(named.sboms, sboms), Optional.of(metadata));
      }
    }
    return new DeliveryUnit(dir, signatures, attestations, sboms);
  }

  /**
   * A directory's {@code metadata.json} as JSON, or null when it cannot be a delivery file (not one
   * JSON object within the limits): then it is the model's own file, hashed and checked against the
   * signed manifest like any other, so nothing unsigned gets through this way.
   */
  private static ObjectNode readDirectoryMetadata(Path metadata) {
    try {
      return readMetadata(metadata);
    } catch (ModelVerificationException notDeliveryFile) {
      return null;
    }
  }

  private static ObjectNode readMetadata(Path metadata) throws ModelVerificationException {
    return StrictJson.readObject(metadata, MAX_METADATA_BYTES, Reason.MALFORMED_BUNDLE);
  }

  /** True for a ModelSeal delivery file, not some unrelated metadata.json. */
  private static boolean isDeliveryFile(ObjectNode json) {
    return json.path("mediaType").isTextual() && MEDIA_TYPE.equals(json.get("mediaType").textValue());
  }

  /** {@code first} then {@code second}, each file once (by absolute, normalized path). */
  public static List<Path> union(List<Path> first, List<Path> second) {
    java.util.Map<Path, Path> seen = new java.util.LinkedHashMap<>();
    for (Path p : first) {
      seen.putIfAbsent(p.toAbsolutePath().normalize(), p);
    }
    for (Path p : second) {
      seen.putIfAbsent(p.toAbsolutePath().normalize(), p);
    }
    return List.copyOf(seen.values());
  }

  /** The file names a missing piece could have had, for messages. */
  public static String expectedNames(Path model, String role) {
    List<String> suffixes = switch (role) {
      case "attestation" -> ATTESTATION;
      case "sbom" -> SBOM;
      default -> SIGNATURE;
    };
    String name = model.getFileName().toString();
    return String.join(" or ", suffixes.stream().map(s -> name + s).toList());
  }

  private static List<Path> existing(Path model, List<String> suffixes) {
    List<Path> out = new ArrayList<>();
    for (String s : suffixes) {
      Path p = model.resolveSibling(model.getFileName() + s);
      // Something that is there but not a regular file (a FIFO, a directory) is refused when it is
      // read, never skipped: evidence present is always verified.
      if (Files.exists(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The unit described by {@code metadata}, or null when it is not a ModelSeal delivery file (no or
   * another {@code mediaType}: model directories often hold an unrelated metadata.json) or
   * describes another model.
   */
  private static DeliveryUnit fromMetadata(Path model, Path metadata, ObjectNode json)
      throws ModelVerificationException {
    Obj o = StrictJson.at(json, "", metadata.toString(), Reason.MALFORMED_BUNDLE);
    if (!isDeliveryFile(json)) {
      return null;
    }
    Path dir = metadata.getParent();
    Path named = inside(dir, o.string("model"), metadata, "model");
    if (!sameFile(named, model)) {
      return null;
    }
    List<Path> signatures = new ArrayList<>();
    if (o.has("signature")) {
      signatures.add(required(dir, o.string("signature"), metadata, "signature"));
    }
    List<Path> attestations = new ArrayList<>();
    if (o.node().path("attestations").size() > EvidenceFiles.MAX_FILES) {
      throw o.error("attestations names " + o.node().path("attestations").size()
          + " files, more than the limit of " + EvidenceFiles.MAX_FILES);
    }
    for (String a : o.strings("attestations")) {
      attestations.add(required(dir, a, metadata, "attestations"));
    }
    List<Path> sboms = new ArrayList<>();
    if (o.has("sbom")) {
      sboms.add(required(dir, o.string("sbom"), metadata, "sbom"));
    }
    return new DeliveryUnit(model, signatures, attestations, sboms);
  }

  private static Path required(Path dir, String pointer, Path metadata, String field)
      throws ModelVerificationException {
    Path p = inside(dir, pointer, metadata, field);
    if (!Files.exists(p)) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE,
          metadata + ": " + field + " names " + pointer + ", which does not exist (" + p + ")");
    }
    return p;
  }

  /** Resolves a relative pointer and proves it stays inside {@code dir}, symlinks included. */
  static Path inside(Path dir, String pointer, Path metadata, String field)
      throws ModelVerificationException {
    if (pointer.isEmpty() || pointer.indexOf('\0') >= 0 || pointer.startsWith("/")
        || pointer.startsWith("\\") || pointer.matches("^[A-Za-z]:.*")) {
      throw unsafe(metadata, field, pointer, "must be a relative path");
    }
    Path rel;
    try {
      rel = Path.of(pointer);
    } catch (RuntimeException e) {
      throw unsafe(metadata, field, pointer, "is not a valid path");
    }
    for (Path part : rel) {
      if (part.toString().equals("..")) {
        throw unsafe(metadata, field, pointer, "must not contain '..'");
      }
    }
    Path resolved = dir.resolve(rel).normalize();
    if (!resolved.startsWith(dir.normalize())) {
      throw unsafe(metadata, field, pointer, "leaves the model's directory");
    }
    if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Path real = resolved.toRealPath();
        if (!real.startsWith(dir.toRealPath())) {
          throw unsafe(metadata, field, pointer, "is a symlink that leads outside the model's directory");
        }
      } catch (IOException e) {
        throw unsafe(metadata, field, pointer, "cannot be resolved: " + e.getMessage());
      }
    }
    return resolved;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static ModelVerificationException unsafe(Path metadata, String field, String pointer, String why) {
    return new ModelVerificationException(Reason.UNSAFE_PATH,
        metadata + ": " + field + " \"" + pointer + "\" " + why);
  }
}
