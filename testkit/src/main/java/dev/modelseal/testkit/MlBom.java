package dev.modelseal.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A CycloneDX ML-BOM (JSON, spec 1.6 by default) describing one model: a {@code
 * machine-learning-model} component with its SHA-256 and model card, the datasets it was trained
 * on as {@code data} components with licenses and hashes, and the libraries it needs.
 *
 * <p>Immutable; build one with {@link #builder} or {@link #typical}, change a copy with {@link
 * #toBuilder}. The model is the first entry of {@code components} (bom-ref {@code model}); its
 * model card refers to the datasets by bom-ref. Spec 1.4 has no ML types: there the model is a
 * {@code file} component with its hashes, and datasets and the model card are left out, so the
 * document still validates as 1.4.
 */
public final class MlBom {
  /** The CycloneDX spec versions the BOM can be written as. */
  public enum SpecVersion {
    V1_4("1.4"),
    V1_5("1.5"),
    V1_6("1.6");

    private final String text;

    SpecVersion(String text) {
      this.text = text;
    }

    /** Returns the {@code specVersion} value, e.g. {@code "1.6"}. */
    public String text() {
      return text;
    }
  }

  /**
   * A license: an SPDX identifier ({@code {"license":{"id":..}}}) or a free name ({@code
   * {"license":{"name":..}}}).
   */
  public record License(String value, boolean spdxId) {
    public License {
      Objects.requireNonNull(value, "value");
    }

    /** An SPDX license identifier, e.g. {@code CC-BY-4.0}; the schema only accepts listed ones. */
    public static License id(String spdxId) {
      return new License(spdxId, true);
    }

    /** A license by name, for licenses without an SPDX identifier. */
    public static License name(String name) {
      return new License(name, false);
    }
  }

  /** A training or evaluation dataset, written as a {@code data} component. */
  public record Dataset(String name, Optional<License> license, String sha256Hex) {
    public Dataset {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(license, "license");
      requireSha256Hex(sha256Hex);
    }

    /** A dataset whose hash is the SHA-256 of its name (stands in for the data). */
    public static Dataset of(String name, License license) {
      return new Dataset(name, Optional.of(license), hexSha256(name));
    }

    public Dataset withLicense(License newLicense) {
      return new Dataset(name, Optional.of(newLicense), sha256Hex);
    }

    public Dataset withoutLicense() {
      return new Dataset(name, Optional.empty(), sha256Hex);
    }
  }

  /** A model card performance metric; CycloneDX carries the value as a string. */
  public record Metric(String type, String value) {
    public Metric {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A library component the model needs at run time. */
  public record Library(String name, String version, Optional<String> purl) {
    public Library {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(purl, "purl");
    }
  }

  static final String MODEL_REF = "model";

  private final SpecVersion specVersion;
  private final UUID serialNumber;
  private final Instant timestamp;
  private final String modelName;
  private final String modelVersion;
  private final String modelSha256Hex;
  private final String approach;
  private final String task;
  private final String architectureFamily;
  private final String modelArchitecture;
  private final List<Dataset> datasets;
  private final boolean datasetLicenses;
  private final List<Metric> metrics;
  private final List<Library> libraries;

  private MlBom(Builder b) {
    this.specVersion = b.specVersion;
    this.serialNumber = b.serialNumber;
    this.timestamp = b.timestamp.truncatedTo(ChronoUnit.SECONDS);
    this.modelName = b.modelName;
    this.modelVersion = b.modelVersion;
    this.modelSha256Hex = b.modelSha256Hex;
    this.approach = b.approach;
    this.task = b.task;
    this.architectureFamily = b.architectureFamily;
    this.modelArchitecture = b.modelArchitecture;
    this.datasets = List.copyOf(b.datasets);
    this.datasetLicenses = b.datasetLicenses;
    this.metrics = List.copyOf(b.metrics);
    this.libraries = List.copyOf(b.libraries);
  }

  /**
   * Returns a builder for a BOM of the model {@code modelName} (e.g. its file name) with the given
   * SHA-256, a supervised-classification model card and no datasets, metrics or libraries.
   */
  public static Builder builder(String modelName, String modelSha256Hex) {
    return new Builder(modelName, modelSha256Hex);
  }

  /**
   * Returns a builder pre-filled as a realistic ML-BOM of {@code model} (name = file name, hash =
   * its SHA-256): two datasets licensed {@code CC-BY-4.0} and {@code CDLA-Permissive-2.0}, accuracy
   * 0.91, and onnxruntime as library.
   */
  public static Builder typical(Path model) {
    return typical(model.getFileName().toString(), HexFormat.of().formatHex(Sha256.ofFile(model)));
  }

  /** Like {@link #typical(Path)} for a model known by name and SHA-256. */
  public static Builder typical(String modelName, String modelSha256Hex) {
    return builder(modelName, modelSha256Hex)
        .dataset(Dataset.of("modelseal-train-2026-10", License.id("CC-BY-4.0")))
        .dataset(Dataset.of("modelseal-eval-2026-10", License.id("CDLA-Permissive-2.0")))
        .performanceMetric("accuracy", "0.91")
        .library("onnxruntime", "1.20.0", "pkg:maven/com.microsoft.onnxruntime/onnxruntime@1.20.0");
  }

  /** Returns a builder holding this BOM's content (serial number included). */
  public Builder toBuilder() {
    Builder b = new Builder(modelName, modelSha256Hex);
    b.specVersion = specVersion;
    b.serialNumber = serialNumber;
    b.timestamp = timestamp;
    b.modelVersion = modelVersion;
    b.approach = approach;
    b.task = task;
    b.architectureFamily = architectureFamily;
    b.modelArchitecture = modelArchitecture;
    b.datasets.addAll(datasets);
    b.datasetLicenses = datasetLicenses;
    b.metrics.addAll(metrics);
    b.libraries.addAll(libraries);
    return b;
  }

  public SpecVersion specVersion() {
    return specVersion;
  }

  public String modelName() {
    return modelName;
  }

  /** The SHA-256 the BOM states for the model, lowercase hex. */
  public String modelSha256Hex() {
    return modelSha256Hex;
  }

  public List<Dataset> datasets() {
    return datasets;
  }

  /** Whether dataset licenses are written (false after {@link Builder#withoutDatasetLicenses()}). */
  public boolean datasetLicenses() {
    return datasetLicenses;
  }

  public List<Metric> performanceMetrics() {
    return metrics;
  }

  public List<Library> libraries() {
    return libraries;
  }

  /** Returns the BOM as indented CycloneDX JSON. */
  public String json() {
    return JsonText.print(tree());
  }

  /** Returns {@link #json()} as UTF-8. */
  public byte[] jsonBytes() {
    return json().getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode tree() {
    boolean ml = specVersion != SpecVersion.V1_4;
    ObjectNode bom = JsonText.object();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", specVersion.text());
    bom.put("serialNumber", "urn:uuid:" + serialNumber);
    bom.put("version", 1);
    bom.putObject("metadata").put("timestamp", timestamp.toString());
    ArrayNode components = bom.putArray("components");

    ObjectNode model = components.addObject();
    model.put("type", ml ? "machine-learning-model" : "file");
    model.put("bom-ref", MODEL_REF);
    model.put("name", modelName);
    model.put("version", modelVersion);
    addSha256(model, modelSha256Hex);
    if (ml) {
      ObjectNode card = model.putObject("modelCard");
      ObjectNode parameters = card.putObject("modelParameters");
      parameters.putObject("approach").put("type", approach);
      parameters.put("task", task);
      parameters.put("architectureFamily", architectureFamily);
      parameters.put("modelArchitecture", modelArchitecture);
      if (!datasets.isEmpty()) {
        ArrayNode refs = parameters.putArray("datasets");
        datasets.forEach(dataset -> refs.addObject().put("ref", datasetRef(dataset)));
      }
      if (!metrics.isEmpty()) {
        ArrayNode performance = card.putObject("quantitativeAnalysis").putArray("performanceMetrics");
        metrics.forEach(metric -> performance.addObject().put("type", metric.type()).put("value", metric.value()));
      }
      for (Dataset dataset : datasets) {
        ObjectNode data = components.addObject();
        data.put("type", "data");
        data.put("bom-ref", datasetRef(dataset));
        data.put("name", dataset.name());
        dataset.license().filter(license -> datasetLicenses).ifPresent(license -> data.putArray("licenses")
            .addObject().putObject("license").put(license.spdxId() ? "id" : "name", license.value()));
        addSha256(data, dataset.sha256Hex());
        data.putArray("data").addObject().put("type", "dataset").put("name", dataset.name());
      }
    }
    for (Library library : libraries) {
      ObjectNode component = components.addObject();
      component.put("type", "library");
      component.put("bom-ref", libraryRef(library));
      component.put("name", library.name());
      component.put("version", library.version());
      library.purl().ifPresent(purl -> component.put("purl", purl));
    }
    if (!libraries.isEmpty()) {
      ArrayNode dependsOn = bom.putArray("dependencies").addObject().put("ref", MODEL_REF).putArray("dependsOn");
      libraries.forEach(library -> dependsOn.add(libraryRef(library)));
    }
    return bom;
  }

  private static void addSha256(ObjectNode component, String hex) {
    component.putArray("hashes").addObject().put("alg", "SHA-256").put("content", hex);
  }

  private static String datasetRef(Dataset dataset) {
    return "dataset:" + dataset.name();
  }

  private static String libraryRef(Library library) {
    return "library:" + library.name() + "@" + library.version();
  }

  static String hexSha256(String text) {
    return HexFormat.of().formatHex(Sha256.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String requireSha256Hex(String hex) {
    Objects.requireNonNull(hex, "sha256Hex");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a SHA-256 is 64 lowercase hex digits, got " + hex);
    }
    return hex;
  }

  /** Collects an {@link MlBom}'s content; {@link #build()} validates and does no I/O. */
  public static final class Builder {
    private SpecVersion specVersion = SpecVersion.V1_6;
    private UUID serialNumber = UUID.randomUUID();
    private Instant timestamp = Instant.now();
    private final String modelName;
    private String modelVersion = "1.0.0";
    private String modelSha256Hex;
    private String approach = "supervised";
    private String task = "classification";
    private String architectureFamily = "linear";
    private String modelArchitecture = "MatMul+Add";
    private final List<Dataset> datasets = new ArrayList<>();
    private boolean datasetLicenses = true;
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Library> libraries = new ArrayList<>();

    private Builder(String modelName, String modelSha256Hex) {
      this.modelName = Objects.requireNonNull(modelName, "modelName");
      this.modelSha256Hex = requireSha256Hex(modelSha256Hex);
    }

    /** Sets the spec version (default 1.6). */
    public Builder specVersion(SpecVersion version) {
      this.specVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder serialNumber(UUID uuid) {
      this.serialNumber = Objects.requireNonNull(uuid, "uuid");
      return this;
    }

    /** Sets {@code metadata.timestamp} (default: when the builder was made), kept to seconds. */
    public Builder timestamp(Instant time) {
      this.timestamp = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Sets the model component's version (default {@code 1.0.0}). */
    public Builder modelVersion(String version) {
      this.modelVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Replaces the SHA-256 the BOM states for the model (64 lowercase hex digits). */
    public Builder modelSha256Hex(String hex) {
      this.modelSha256Hex = requireSha256Hex(hex);
      return this;
    }

    /** Sets {@code modelParameters.approach.type} (default {@code supervised}; the schema has an enum). */
    public Builder approach(String type) {
      this.approach = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Sets {@code modelParameters.task} (default {@code classification}). */
    public Builder task(String value) {
      this.task = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Sets {@code modelParameters.architectureFamily} (default {@code linear}). */
    public Builder architectureFamily(String value) {
      this.architectureFamily = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Sets {@code modelParameters.modelArchitecture} (default {@code MatMul+Add}). */
    public Builder modelArchitecture(String value) {
      this.modelArchitecture = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Adds a dataset: a {@code data} component and a reference from the model card. */
    public Builder dataset(Dataset dataset) {
      datasets.add(Objects.requireNonNull(dataset, "dataset"));
      return this;
    }

    /** Adds a dataset named {@code name} under the SPDX license {@code spdxLicenseId}. */
    public Builder dataset(String name, String spdxLicenseId) {
      return dataset(Dataset.of(name, License.id(spdxLicenseId)));
    }

    /** Replaces all datasets. */
    public Builder datasets(List<Dataset> replacement) {
      datasets.clear();
      replacement.forEach(this::dataset);
      return this;
    }

    /** Leaves every dataset's {@code licenses} out of the JSON (the datasets stay). */
    public Builder withoutDatasetLicenses() {
      this.datasetLicenses = false;
      return this;
    }

    /** Adds a {@code quantitativeAnalysis.performanceMetrics} entry. */
    public Builder performanceMetric(String type, String value) {
      metrics.add(new Metric(type, value));
      return this;
    }

    public Builder clearPerformanceMetrics() {
      metrics.clear();
      return this;
    }

    /** Adds a library component the model depends on. */
    public Builder library(String name, String version, String purl) {
      libraries.add(new Library(name, version, Optional.ofNullable(purl)));
      return this;
    }

    public Builder clearLibraries() {
      libraries.clear();
      return this;
    }

    /** Returns the BOM; dataset names and library name@version pairs must be unique (they make the bom-refs). */
    public MlBom build() {
      if (datasets.stream().map(MlBom::datasetRef).distinct().count() != datasets.size()
          || libraries.stream().map(MlBom::libraryRef).distinct().count() != libraries.size()) {
        throw new IllegalStateException("datasets and libraries must be unique, they make the bom-refs");
      }
      return new MlBom(this);
    }
  }
}
