package dev.modelseal.internal.policy;

import java.util.List;

/**
 * One entry of Kyverno's {@code conditions:} list: every {@code all} condition must pass (AND) and,
 * when {@code any} is present, at least one {@code any} condition must pass (OR).
 *
 * <p>An explicitly empty {@code any} list never passes, as in Kyverno
 * (pkg/engine/variables/evaluate.go); {@code any == null} means the list is absent.
 *
 * @param all conditions that must all pass; empty when absent
 * @param any conditions of which one must pass, or {@code null} when absent
 */
public record ConditionBlock(List<Condition> all, List<Condition> any) {

  /** Copies both lists so the block is immutable. */
  public ConditionBlock {
    all = all == null ? List.of() : List.copyOf(all);
    any = any == null ? null : List.copyOf(any);
  }
}
