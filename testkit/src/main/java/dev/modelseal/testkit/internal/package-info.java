/**
 * Encodings the testkit's packages share (DSSE's pre-authentication encoding, code-point order).
 * Not part of the testkit's API: it may change in any release.
 */
package dev.modelseal.testkit.internal;
