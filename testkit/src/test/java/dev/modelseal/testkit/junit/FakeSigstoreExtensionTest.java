package dev.modelseal.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelseal.testkit.FakeSigstore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeSigstoreExtension.class)
class FakeSigstoreExtensionTest {
  private static final Set<FakeSigstore> SEEN = ConcurrentHashMap.newKeySet();

  private FakeSigstore fromBeforeEach;

  @BeforeEach
  void setUp(FakeSigstore sigstore) {
    fromBeforeEach = sigstore;
  }

  @Test
  void testAndBeforeEachShareOneInstance(FakeSigstore sigstore) {
    assertThat(sigstore).isNotNull().isSameAs(fromBeforeEach);
  }

  @RepeatedTest(3)
  void everyTestGetsAFreshInstance(FakeSigstore sigstore) {
    assertThat(SEEN.add(sigstore)).isTrue();
  }
}
