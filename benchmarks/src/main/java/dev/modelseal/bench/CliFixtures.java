package dev.modelseal.bench;

import dev.modelseal.testkit.FakeSigstore;
import dev.modelseal.testkit.KeylessSigner;
import dev.modelseal.testkit.MlBom;
import dev.modelseal.testkit.PredicateTypes;
import dev.modelseal.testkit.Predicates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Writes what {@code benchmarks/run-cli.sh} times the CLI on, in {@code dir}: {@code small/} (a
 * 4 KiB model with its signature, an eval attestation, an ML-BOM and {@code policy.yaml} requiring
 * all three) and one {@code big-<n>g.bin} per size in GiB given, each signed keyless, with the one
 * {@code trusted_root.json}. Usage: {@code CliFixtures dir [GiB...]}.
 */
public final class CliFixtures {
  static final String ID = "bench@example.com";
  static final String ISSUER = "https://accounts.example.com";

  private CliFixtures() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of(args[0]));
    FakeSigstore sigstore = FakeSigstore.create();
    KeylessSigner signer = sigstore.signer(ID, ISSUER);
    sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));

    Path small = Files.createDirectories(dir.resolve("small"));
    Path model = small.resolve("model.onnx");
    BenchFiles.write(model, 4096, 42);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
    signer.signBundle(model, small.resolve("model.onnx.bundle"));
    signer.attest(model, PredicateTypes.COSIGN_CUSTOM,
        Predicates.cosignCustom("{\"eval\":{\"accuracy\":0.91,\"safety_pass_rate\":0.995}}"),
        small.resolve("model.onnx.attest.bundle"));
    signer.attest(model, PredicateTypes.CYCLONEDX, MlBom.typical("model.onnx", sha256).build().json(),
        small.resolve("model.onnx.sbom.bundle"));
    Files.writeString(small.resolve("policy.yaml"), String.join("\n",
        "apiVersion: modelseal.dev/v1",
        "kind: ModelPolicy",
        "trustRoot: ../trusted_root.json",
        "identities:",
        "  - issuer: " + ISSUER,
        "    subject: " + ID,
        "attestations:",
        "  - type: custom",
        "    conditions:",
        "      - all:",
        "          - key: \"{{ eval.accuracy }}\"",
        "            operator: GreaterThanOrEquals",
        "            value: 0.85",
        "sbom:",
        "  requireModelComponent: true",
        ""));

    for (int i = 1; i < args.length; i++) {
      long gib = Long.parseLong(args[i]);
      Path big = dir.resolve("big-" + gib + "g.bin");
      BenchFiles.write(big, gib << 30, 0x9E3779B97F4A7C15L + gib);
      signer.signBundle(big, dir.resolve(big.getFileName() + ".bundle"));
    }
  }
}
