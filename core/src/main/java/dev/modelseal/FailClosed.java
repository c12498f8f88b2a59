package dev.modelseal;

/**
 * The boundary of every public entry point that reads untrusted input: only {@link
 * ModelVerificationException} leaves it. A stack overflow becomes a refusal of the input being read
 * (hostile input can nest deep enough to cause one), any other unexpected runtime exception {@link
 * Reason#INTERNAL_ERROR}: a bug of ModelSeal's, never mislabelled as a fault of the evidence. Other
 * JVM errors (out of memory, a broken class path) are not ModelSeal's to hide and pass through;
 * inputs are bounded so that untrusted sizes cannot cause them. Argument checks (null, a policy a
 * method cannot apply) run before the boundary and keep their documented exceptions.
 */
final class FailClosed {
  /** The work done inside the boundary. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws ModelVerificationException;
  }

  private FailClosed() {}

  /**
   * Runs {@code body}; {@code subject} names the input in messages, {@code tooDeep} is the reason
   * for a stack overflow while reading it.
   */
  static <T> T run(Object subject, Reason tooDeep, Body<T> body) throws ModelVerificationException {
    try {
      return body.run();
    } catch (StackOverflowError e) {
      throw new ModelVerificationException(tooDeep, subject + ": nested too deeply to be read (stack"
          + " overflow); refused", e);
    } catch (RuntimeException e) {
      throw internalError(subject, e);
    }
  }

  /**
   * The refusal of {@code subject} after an unexpected runtime exception: every input problem is a
   * checked refusal with its own reason, so this one is a bug.
   */
  static ModelVerificationException internalError(Object subject, RuntimeException e) {
    return new ModelVerificationException(Reason.INTERNAL_ERROR, subject + ": refused after an internal"
        + " error in ModelSeal (" + e + "); this is a bug, please report it", e);
  }
}
