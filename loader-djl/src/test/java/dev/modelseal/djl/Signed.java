package dev.modelseal.djl;

import dev.modelseal.LoadOptions;
import dev.modelseal.Policy;
import dev.modelseal.TrustRoot;
import dev.modelseal.VerifiedModel;
import dev.modelseal.testkit.DeliveryUnit;
import dev.modelseal.testkit.FakeSigstore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Signs bytes with a fake Sigstore and verifies them through core's public API, as a user would. */
final class Signed {
  private static final FakeSigstore SIGSTORE = FakeSigstore.create();

  private Signed() {}

  /** Writes {@code content} to {@code dir/fileName}, signs it, and verifies it (content kept in memory). */
  static VerifiedModel model(Path dir, String fileName, byte[] content) throws Exception {
    return model(dir, fileName, content, LoadOptions.defaults());
  }

  static VerifiedModel model(Path dir, String fileName, byte[] content, LoadOptions options) throws Exception {
    Files.createDirectories(dir);
    Path model = Files.write(dir.resolve(fileName), content);
    SIGSTORE.signer(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER).signBundle(model);
    return VerifiedModel.load(model, policy(dir), options);
  }

  static Policy policy(Path dir) throws Exception {
    Path root = dir.resolve(DeliveryUnit.TRUSTED_ROOT_FILE);
    if (!Files.exists(root)) {
      SIGSTORE.writeTrustedRoot(root);
    }
    return Policy.builder()
        .trustRoot(TrustRoot.fromJson(root))
        .allowIdentity(DeliveryUnit.IDENTITY, DeliveryUnit.ISSUER)
        .build();
  }

  /** The policy a {@link DeliveryUnit} expects: its trusted root and its signer. */
  static Policy policyFor(DeliveryUnit unit) throws Exception {
    return Policy.builder()
        .trustRoot(TrustRoot.fromJson(unit.trustedRoot().orElseThrow()))
        .allowIdentity(unit.identity().orElseThrow(), unit.issuer().orElseThrow())
        .build();
  }

  static FakeSigstore sigstore() {
    return SIGSTORE;
  }
}
