package dev.modelseal.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.Objects;

/**
 * The simplest translator a model with one float input and one float output needs: a {@code float[]}
 * in, passed as a batch of one ({@code [1, n]}) under the model's input name, and the single output
 * tensor back as a {@code float[]}. Models with several inputs, other types or shapes need their own
 * {@link ai.djl.translate.Translator}; this one is a starting point, and what the quick start uses.
 */
public final class FloatVectorTranslator implements NoBatchifyTranslator<float[], float[]> {
  private final String inputName;

  /** {@code inputName}: the name of the model's input (ONNX: the graph input's name). */
  public FloatVectorTranslator(String inputName) {
    this.inputName = Objects.requireNonNull(inputName, "inputName");
  }

  @Override
  public NDList processInput(TranslatorContext ctx, float[] input) {
    NDArray array = ctx.getNDManager().create(new float[][] {input});
    array.setName(inputName);
    return new NDList(array);
  }

  /** The model's only output, flattened; a model with several outputs is refused. */
  @Override
  public float[] processOutput(TranslatorContext ctx, NDList list) {
    return list.singletonOrThrow().toFloatArray();
  }
}
