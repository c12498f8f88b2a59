/**
 * Jazzer fuzz targets, one per parser of untrusted input, plus one end to end. The property each
 * checks: for any input the parser returns or throws its documented exception
 * ({@code ModelVerificationException}, or the checked or {@code IllegalArgumentException} its
 * Javadoc names), within the per-input timeout; any other throwable (a runtime exception, {@code
 * StackOverflowError}, {@code OutOfMemoryError} under a small heap) is a finding.
 *
 * <p>Under {@code mvn test} they run as regression tests over their committed seeds ({@code
 * <Class>Inputs/<method>/} in test resources) and the generated corpus ({@code .cifuzz-corpus/},
 * git-ignored, filled by {@code fuzz/run} from the testkit and {@code ../shared/vectors}); {@code
 * fuzz/run} fuzzes them.
 */
package dev.modelseal.fuzz;
