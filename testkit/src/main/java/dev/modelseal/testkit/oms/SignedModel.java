package dev.modelseal.testkit.oms;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model that {@link ModelSigning} signed: where it and its signature are, what was signed, and
 * which files the manifest covers, so that {@link ModelTamper} can pick one to break.
 *
 * @param model the model directory or single file
 * @param signature the bundle file written
 * @param statementJson the in-toto statement signed (the DSSE payload)
 * @param resources the manifest, in listed order
 * @param files the relative names of the files hashed, in code point order ({@code "."} for a
 *     single file), empty files included even where shards leave them out
 */
public record SignedModel(Path model, Path signature, String statementJson, List<Resource> resources,
    List<String> files) {
  public SignedModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(statementJson, "statementJson");
    resources = List.copyOf(resources);
    files = List.copyOf(files);
  }

  /** Applies {@code tamper} to the model on disk and returns this (the signature is unchanged). */
  public SignedModel tamper(ModelTamper tamper) {
    tamper.apply(this);
    return this;
  }
}
