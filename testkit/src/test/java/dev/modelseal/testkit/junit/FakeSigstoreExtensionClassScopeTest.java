package dev.modelseal.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.testkit.FakeSigstore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeSigstoreExtension.class)
class FakeSigstoreExtensionClassScopeTest {
  private static FakeSigstore fromBeforeAll;

  @BeforeAll
  static void setUp(FakeSigstore sigstore) {
    fromBeforeAll = sigstore;
  }

  @RepeatedTest(2)
  void testsShareTheInstanceABeforeAllCreated(FakeSigstore sigstore) {
    assertThat(sigstore).isNotNull().isSameAs(fromBeforeAll);
  }
}
