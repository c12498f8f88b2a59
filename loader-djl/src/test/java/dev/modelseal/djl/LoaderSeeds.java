package dev.modelseal.djl;

import static dev.modelseal.djl.OnnxProto.externalTensor;
import static dev.modelseal.djl.OnnxProto.linearGraph;
import static dev.modelseal.djl.OnnxProto.message;
import static dev.modelseal.djl.OnnxProto.model;
import static dev.modelseal.djl.OnnxProto.tensor;

import dev.modelseal.testkit.TinyOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes the generated seed corpus of {@link LoaderFuzzTest}: safetensors files and ONNX models as
 * the tests' writers and the testkit make them and, when given, the {@code .safetensors} and {@code
 * .onnx} files of {@code ../shared/vectors}, into {@code <out>/<class>/<method>/} under their SHA-1.
 * Nothing it writes is committed.
 *
 * <p>Usage: {@code LoaderSeeds <out> [<vectors dir>]}; {@code fuzz/run} calls it.
 */
public final class LoaderSeeds {
  private final Path out;
  private int written;

  private LoaderSeeds(Path out) {
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: LoaderSeeds <corpus dir> [<vectors dir>]");
      System.exit(2);
    }
    LoaderSeeds seeds = new LoaderSeeds(Path.of(args[0]));
    seeds.safetensors(SafetensorsWriter.create().f32("w", new long[] {2, 2}, 1, 2, 3, 4).bytes());
    seeds.safetensors(SafetensorsWriter.create().metadata("format", "pt")
        .f32("a", new long[] {3}, 1, 2, 3).i64("b", new long[] {1, 2}, 7, 8).bytes());
    seeds.safetensors(SafetensorsWriter.file("{}", new byte[0]));
    seeds.onnx(TinyOnnx.create().bytes());
    seeds.onnx(model(linearGraph(tensor("W", new long[] {3, 2}, 1, 2, 3, 4, 5, 6))));
    seeds.onnx(model(linearGraph(externalTensor("W", new long[] {3, 2}, "weights.bin"))));
    seeds.onnx(model(message().message(1, message().string(4, "If")
        .message(5, message().string(1, "then_branch").message(6, linearGraph(tensor("W", new long[] {1}, 1)))))));
    if (args.length == 2 && Files.isDirectory(Path.of(args[1]))) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(Path.of(args[1]))) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
          seeds.safetensors(Files.readAllBytes(f));
        } else if (name.endsWith(".onnx")) {
          seeds.onnx(Files.readAllBytes(f));
        }
      }
    }
    System.out.println("seed corpus: " + seeds.written + " files in " + seeds.out);
  }

  private void safetensors(byte[] bytes) throws IOException {
    seed("safetensorsHeader", bytes);
  }

  private void onnx(byte[] bytes) throws IOException {
    seed("onnxExternalData", bytes);
  }

  private void seed(String method, byte[] bytes) throws IOException {
    Path dir = Files.createDirectories(out.resolve(LoaderFuzzTest.class.getName()).resolve(method));
    Path file = dir.resolve(sha1(bytes));
    if (!Files.exists(file)) {
      Files.write(file, bytes);
      written++;
    }
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
