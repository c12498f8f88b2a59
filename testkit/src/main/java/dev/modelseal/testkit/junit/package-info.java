/** JUnit 5 support: {@link dev.modelseal.testkit.junit.FakeSigstoreExtension} injects a fresh fake Sigstore. */
package dev.modelseal.testkit.junit;
