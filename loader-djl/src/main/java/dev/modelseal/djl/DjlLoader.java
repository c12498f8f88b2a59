package dev.modelseal.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import ai.djl.util.Utils;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import dev.modelseal.VerifiedArtifact;
import dev.modelseal.VerifiedFile;
import dev.modelseal.VerifiedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads verified models into DJL from exactly the bytes that were verified: every method reads the
 * content a {@link VerifiedModel} (or {@link VerifiedArtifact}) kept, through {@code
 * Model.load(InputStream)}, and never opens a path, so replacing or rewriting the file after
 * verification changes nothing that is loaded. Format checks the engines skip are made first:
 *
 * <ul>
 *   <li>OnnxRuntime: a model whose tensors point at external data is refused (ONNX Runtime would
 *       read those bytes from an unverified file);
 *   <li>PyTorch: the bytes must be a TorchScript archive; DJL parameter files (which PyTorch
 *       silently ignores when the {@code DJL@} magic is missing) go through {@link #loadParameters},
 *       which checks the magic and that every parameter was loaded;
 *   <li>safetensors: the header is validated strictly ({@link SafetensorsHeader}) before any array
 *       is allocated.
 * </ul>
 *
 * <p>A directory signed with OpenSSF Model Signing verifies to a {@link VerifiedArtifact} of several
 * files: load the model file by name ({@link #load(VerifiedArtifact, String, String, Map)}, {@link
 * #zooModel(VerifiedArtifact, String, String, Map, Translator)}) and read its configuration and
 * tokenizer from {@link VerifiedArtifact#file(String)}. The methods that take a {@link
 * VerifiedModel} alone load single-file models and refuse a directory rather than guess a file.
 *
 * <p>The returned {@link Model} and {@link ZooModel} are DJL's types on purpose: they are what the
 * caller asked for. They do not depend on the {@link VerifiedModel} staying open (engines copy the
 * bytes), but {@link NDList}s from {@link #loadSafetensors} belong to the caller's manager. DJL
 * should run offline ({@code DJL_OFFLINE=true} or {@code -Dai.djl.offline=true}); a warning is
 * logged once otherwise. A model that AUDIT mode admitted despite policy violations is refused
 * with those violations as reasons, unless the caller loads {@code verified.artifact()
 * .acceptViolations()} ({@link VerifiedArtifact#acceptViolations()}). Thread-safe: no state.
 */
public final class DjlLoader {
  /** DJL's engine name for ONNX Runtime. */
  public static final String ONNX_RUNTIME = "OnnxRuntime";
  /** DJL's engine name for PyTorch (LibTorch). */
  public static final String PYTORCH = "PyTorch";

  private static final Logger LOG = LoggerFactory.getLogger(DjlLoader.class);
  private static final AtomicBoolean WARNED_ONLINE = new AtomicBoolean();
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] DJL_MAGIC = {'D', 'J', 'L', '@'};

  private DjlLoader() {}

  /**
   * Loads the verified single-file model into a new DJL model of {@code engine}, named after the
   * file.
   *
   * @throws IllegalArgumentException if the model is a directory of several files: name the one
   *     to load with {@link #load(VerifiedArtifact, String, String, Map)}
   */
  public static Model load(VerifiedModel verified, String engine) throws ModelVerificationException {
    return load(verified, engine, null);
  }

  /**
   * Loads the verified single-file model into a new DJL model of {@code engine} with
   * engine-specific {@code options} (see each engine's documentation; {@code null} for its
   * defaults).
   *
   * @throws IllegalArgumentException if the model is a directory of several files
   */
  public static Model load(VerifiedModel verified, String engine, Map<String, ?> options)
      throws ModelVerificationException {
    VerifiedFile content = onlyFile(verified);
    return load(verified.artifact(), content.name(), engine, options);
  }

  /**
   * Loads {@code file} of {@code artifact} into a new DJL model of {@code engine}, named after the
   * artifact. The engine gets exactly that file's verified bytes as a stream; it is refused before
   * the engine sees it if it fails the engine's format check, and afterwards if the engine loaded
   * no block from it.
   *
   * @throws IllegalArgumentException if no engine of that name is on the class path or the
   *     artifact has no such file
   * @throws ModelVerificationException {@link Reason#MALFORMED_MODEL} if the bytes are not a model
   *     the engine accepts, {@link Reason#UNSUPPORTED_FORMAT} if loading them would read bytes that
   *     were not verified, the policy violations' reasons if AUDIT mode admitted the model and the
   *     artifact does not come from {@link VerifiedArtifact#acceptViolations()}
   */
  public static Model load(VerifiedArtifact artifact, String file, String engine, Map<String, ?> options)
      throws ModelVerificationException {
    Objects.requireNonNull(artifact, "artifact");
    VerifiedFile content = fileOf(artifact, file);
    Objects.requireNonNull(engine, "engine");
    content.requireLoadable();
    checkFormat(engine, content); // before the engine is touched: bad bytes never reach it
    requireEngine(engine);
    Model model = Model.newInstance(artifact.name(), engine);
    boolean loaded = false;
    try {
      read(model, content, engine, options);
      if (model.getBlock() == null) {
        throw new ModelVerificationException(Reason.MALFORMED_MODEL,
            content.name() + ": engine " + engine + " loaded no block from the verified bytes");
      }
      loaded = true;
      LOG.debug("loaded {} into {} model {}", content, engine, artifact.name());
      return model;
    } finally {
      if (!loaded) {
        model.close();
      }
    }
  }

  /**
   * Loads DJL parameters ({@code Model.save} output, magic {@code DJL@}) from the verified bytes into
   * {@code block}, in a new model of {@code engine}. Refused if the magic is missing (PyTorch would
   * silently load nothing) or if the block is not fully initialized afterwards. For single-file
   * models: a directory of several files is refused with {@link IllegalArgumentException}.
   */
  public static Model loadParameters(VerifiedModel verified, String engine, Block block)
      throws ModelVerificationException {
    Objects.requireNonNull(verified, "verified");
    Objects.requireNonNull(block, "block");
    VerifiedArtifact artifact = verified.artifact();
    VerifiedFile content = onlyFile(verified);
    Objects.requireNonNull(engine, "engine");
    requireMagic(content, DJL_MAGIC, "DJL parameters (Model.save output) start with \"DJL@\"");
    requireEngine(engine);
    Model model = Model.newInstance(artifact.name(), engine);
    boolean loaded = false;
    try {
      model.setBlock(block);
      read(model, content, engine, null);
      if (!block.isInitialized()) {
        throw new ModelVerificationException(Reason.MALFORMED_MODEL, content.name()
            + ": the verified parameters did not initialize every parameter of the block");
      }
      loaded = true;
      return model;
    } finally {
      if (!loaded) {
        model.close();
      }
    }
  }

  /**
   * {@link #load(VerifiedModel, String)} wrapped with {@code translator} as a {@link ZooModel}.
   * Close only the zoo model: it closes the model, and a second close of an ONNX Runtime model
   * throws.
   */
  public static <I, O> ZooModel<I, O> zooModel(VerifiedModel verified, String engine,
      Translator<I, O> translator) throws ModelVerificationException {
    Objects.requireNonNull(translator, "translator");
    return new ZooModel<>(load(verified, engine), translator);
  }

  /** {@link #load(VerifiedArtifact, String, String, Map)} wrapped with {@code translator}. */
  public static <I, O> ZooModel<I, O> zooModel(VerifiedArtifact artifact, String file, String engine,
      Map<String, ?> options, Translator<I, O> translator) throws ModelVerificationException {
    Objects.requireNonNull(translator, "translator");
    return new ZooModel<>(load(artifact, file, engine, options), translator);
  }

  /**
   * Reads the verified bytes as a safetensors file into arrays of {@code manager}, one per tensor in
   * header order, each named after its tensor. The header is validated first ({@link
   * SafetensorsHeader#validate}); arrays are made from that validated header and the verified bytes,
   * not by a second parser.
   *
   * @throws ModelVerificationException {@link Reason#MALFORMED_MODEL} for an invalid file,
   *     {@link Reason#UNSUPPORTED_FORMAT} for a valid one with a tensor DJL or the engine cannot
   *     hold (an 8-bit or smaller float, or a single tensor over 2 GiB)
   * @throws IllegalArgumentException if the model is a directory of several files: use {@link
   *     #loadSafetensors(VerifiedFile, NDManager)} with one of them
   */
  public static NDList loadSafetensors(VerifiedModel verified, NDManager manager)
      throws ModelVerificationException {
    return loadSafetensors(onlyFile(verified), manager);
  }

  /** Like {@link #loadSafetensors(VerifiedModel, NDManager)}, for one file of an artifact. */
  public static NDList loadSafetensors(VerifiedFile file, NDManager manager)
      throws ModelVerificationException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(manager, "manager");
    file.requireLoadable();
    warnIfOnline();
    ChunkedBytes bytes = new ChunkedBytes(file.buffers());
    SafetensorsHeader header = SafetensorsHeader.validate(bytes, file.name());
    NDList arrays = new NDList(header.tensors().size());
    boolean done = false;
    try {
      for (SafetensorsHeader.Tensor t : header.tensors()) {
        arrays.add(array(t, header, bytes, manager, file.name()));
      }
      done = true;
      return arrays;
    } finally {
      if (!done) {
        arrays.close();
      }
    }
  }

  private static NDArray array(SafetensorsHeader.Tensor t, SafetensorsHeader header, ChunkedBytes bytes,
      NDManager manager, String source) throws ModelVerificationException {
    DataType type = dataType(t.dtype());
    if (type == null) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, source + ": tensor \"" + t.name()
          + "\" is " + t.dtype() + ", which DJL has no data type for");
    }
    if (t.byteLength() > Integer.MAX_VALUE - 8) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, source + ": tensor \"" + t.name()
          + "\" is " + t.byteLength() + " bytes; one DJL array holds at most 2 GiB");
    }
    // Safetensors data is little-endian (README, "Endianness"); a new buffer also detaches the
    // array from the verified content, whose lifetime the caller controls.
    ByteBuffer data = ByteBuffer.allocateDirect((int) t.byteLength()).order(ByteOrder.LITTLE_ENDIAN);
    bytes.copyTo(header.dataOffset() + t.begin(), t.byteLength(), data);
    data.flip();
    long[] dims = t.shape().stream().mapToLong(Long::longValue).toArray();
    NDArray array;
    try {
      array = manager.create(data, new Shape(dims), type);
    } catch (UnsupportedOperationException | IllegalArgumentException | EngineException e) {
      throw new ModelVerificationException(Reason.UNSUPPORTED_FORMAT, source + ": tensor \"" + t.name()
          + "\" (" + t.dtype() + ", shape " + t.shape() + ") cannot be created by " + manager.getEngine()
          .getEngineName() + ": " + e.getMessage(), e);
    }
    array.setName(t.name());
    return array;
  }

  /** DJL's type for a safetensors dtype, or null where DJL has none of the same width. */
  private static DataType dataType(SafetensorsHeader.Dtype dtype) {
    return switch (dtype) {
      case BOOL -> DataType.BOOLEAN;
      case U8 -> DataType.UINT8;
      case I8 -> DataType.INT8;
      case I16 -> DataType.INT16;
      case U16 -> DataType.UINT16;
      case F16 -> DataType.FLOAT16;
      case BF16 -> DataType.BFLOAT16;
      case I32 -> DataType.INT32;
      case U32 -> DataType.UINT32;
      case F32 -> DataType.FLOAT32;
      case F64 -> DataType.FLOAT64;
      case I64 -> DataType.INT64;
      case U64 -> DataType.UINT64;
      // DJL's COMPLEX64 is 4 bytes wide, safetensors' C64 8: not the same type.
      default -> null;
    };
  }

  /**
   * The one file of a single-file model, after refusing a model admitted with unaccepted
   * violations (so that refusal comes first, whatever the model's shape).
   */
  private static VerifiedFile onlyFile(VerifiedModel verified) throws ModelVerificationException {
    VerifiedArtifact artifact = Objects.requireNonNull(verified, "verified").artifact();
    artifact.requireLoadable();
    if (artifact.files().size() != 1) {
      throw new IllegalArgumentException(artifact + " is a directory of " + artifact.files().size()
          + " files: name the one to load (DjlLoader.load(verified.artifact(), file, engine, options)"
          + " and the other VerifiedArtifact and VerifiedFile methods)");
    }
    return artifact.files().get(artifact.files().firstKey());
  }

  private static VerifiedFile fileOf(VerifiedArtifact artifact, String file) {
    Objects.requireNonNull(file, "file");
    return artifact.file(file).orElseThrow(() -> new IllegalArgumentException(
        artifact + " has no file \"" + file + "\""));
  }

  private static void requireEngine(String engine) {
    Objects.requireNonNull(engine, "engine");
    warnIfOnline();
    if (!Engine.hasEngine(engine)) {
      throw new IllegalArgumentException("no DJL engine \"" + engine + "\" on the class path (found "
          + Engine.getAllEngines() + ")");
    }
  }

  /** The checks an engine skips when it reads a model from a stream. */
  private static void checkFormat(String engine, VerifiedFile file) throws ModelVerificationException {
    if (ONNX_RUNTIME.equals(engine)) {
      OnnxExternalData.requireNone(file);
    } else if (PYTORCH.equals(engine)) {
      requireMagic(file, ZIP_MAGIC, "a PyTorch model read from a stream must be a TorchScript archive"
          + " (a ZIP file, \"PK\\3\\4\"); for DJL parameters (\"DJL@\") use loadParameters with the block");
    }
  }

  private static void requireMagic(VerifiedFile file, byte[] magic, String expectation)
      throws ModelVerificationException {
    ChunkedBytes bytes = new ChunkedBytes(file.buffers());
    boolean matches = bytes.size() >= magic.length;
    for (int i = 0; matches && i < magic.length; i++) {
      matches = bytes.get(i) == (magic[i] & 0xff);
    }
    if (!matches) {
      StringBuilder found = new StringBuilder();
      for (int i = 0; i < Math.min(magic.length, bytes.size()); i++) {
        found.append(String.format(Locale.ROOT, "%02x", bytes.get(i)));
      }
      throw new ModelVerificationException(Reason.MALFORMED_MODEL, file.name() + ": " + expectation
          + "; found " + (found.length() == 0 ? "an empty file" : "0x" + found));
    }
  }

  private static void read(Model model, VerifiedFile content, String engine, Map<String, ?> options)
      throws ModelVerificationException {
    Map<String, ?> engineOptions = options == null || options.isEmpty() ? null : options;
    try (InputStream in = content.openStream()) {
      model.load(in, engineOptions);
    } catch (MalformedModelException | EngineException | IllegalArgumentException | IOException e) {
      // The stream is in memory, so an IOException here is the engine's parser giving up (EOF, an
      // unsupported version), like the others: the verified bytes are not a model it accepts.
      throw new ModelVerificationException(Reason.MALFORMED_MODEL, content.name() + ": engine " + engine
          + " refused the verified bytes: " + e, e);
    }
  }

  private static void warnIfOnline() {
    if (!Utils.isOfflineMode() && WARNED_ONLINE.compareAndSet(false, true)) {
      LOG.warn("DJL is not in offline mode: it may download engine libraries at run time and, unless"
          + " OPT_OUT_TRACKING=true, query EC2 instance metadata for telemetry. Set DJL_OFFLINE=true"
          + " (or -Dai.djl.offline=true) so that only verified bytes and bundled engines are used.");
    }
  }
}
