package dev.modelseal.testkit.junit;

import dev.modelseal.testkit.FakeSigstore;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link FakeSigstore} parameters of test, constructor and lifecycle methods with a fresh
 * instance per test, so no keys or log state leak between tests.
 *
 * <p>The instance lives in the JUnit store of the resolving context: {@code @BeforeEach}, the test
 * and {@code @AfterEach} of one test share one instance, and every test gets a new one, unless a
 * {@code @BeforeAll} (or class-level constructor) parameter already created one for the whole
 * class, which the class's tests then share.
 *
 * <pre>{@code
 * @ExtendWith(FakeSigstoreExtension.class)
 * class MyTest {
 *   @Test void verifies(FakeSigstore sigstore, @TempDir Path dir) { ... }
 * }
 * }</pre>
 */
public final class FakeSigstoreExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeSigstoreExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeSigstore.class;
  }

  @Override
  public FakeSigstore resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(FakeSigstore.class, type -> FakeSigstore.create(), FakeSigstore.class);
  }
}
