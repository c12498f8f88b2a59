package dev.modelseal.internal.sbom;

import java.util.List;

/** One policy rule over a schema-valid BOM; it reports every violation it finds, never throws. */
interface BomRule {

  /** Appends one message per violation to {@code violations}. */
  void check(ParsedBom bom, List<String> violations);
}
