import type { Label } from './feedbackTypes';

/**
 * The localization's executable check, known once the change is final: did it commit to exactly
 * the files that ended up changed? Passed on an exact match; the value is the F1 of the two sets,
 * with precision and recall in the detail.
 */
export function localizationCheckLabel(committed: readonly string[], changed: readonly string[]): Label {
  const predicted = new Set(committed);
  const actual = new Set(changed);
  const hits = [...predicted].filter((p) => actual.has(p)).length;
  const precision = predicted.size ? hits / predicted.size : 0;
  const recall = actual.size ? hits / actual.size : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const exact = hits === predicted.size && hits === actual.size && hits > 0;
  return { kind: 'check', name: 'localizationMatchesChange', passed: exact, value: f1, detail: { precision, recall, committed: predicted.size, changed: actual.size } };
}
