package dev.modelseal.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.modelseal.testkit.TinyOnnx;

/** x (3 floats) in, y (2 floats) out, for {@link TinyOnnx}. */
final class TinyTranslator implements NoBatchifyTranslator<float[], float[]> {
  @Override
  public NDList processInput(TranslatorContext ctx, float[] x) {
    NDArray array = ctx.getNDManager().create(new float[][] {x});
    array.setName(TinyOnnx.INPUT);
    return new NDList(array);
  }

  @Override
  public float[] processOutput(TranslatorContext ctx, NDList list) {
    return list.singletonOrThrow().toFloatArray();
  }
}
