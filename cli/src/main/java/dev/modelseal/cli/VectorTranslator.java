package dev.modelseal.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/** One float vector in (as a batch of one, under the model's input name), one float vector out. */
final class VectorTranslator implements NoBatchifyTranslator<float[], float[]> {
  private final String inputName;

  VectorTranslator(String inputName) {
    this.inputName = inputName;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, float[] x) {
    NDArray array = ctx.getNDManager().create(new float[][] {x});
    array.setName(inputName);
    return new NDList(array);
  }

  @Override
  public float[] processOutput(TranslatorContext ctx, NDList list) {
    return list.singletonOrThrow().toFloatArray();
  }
}
