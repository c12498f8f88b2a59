package dev.modelseal.internal.policy;

/**
 * The result of applying one operator to a resolved key and value: passed, or failed with an
 * optional explanation of why the two could not be compared.
 *
 * @param passed whether the condition holds
 * @param problem why the operands could not be compared, or {@code null} when they could
 */
record Outcome(boolean passed, String problem) {

  private static final Outcome PASS = new Outcome(true, null);
  private static final Outcome FAIL = new Outcome(false, null);

  static Outcome of(boolean passed) {
    return passed ? PASS : FAIL;
  }

  static Outcome problem(String problem) {
    return new Outcome(false, problem);
  }
}
