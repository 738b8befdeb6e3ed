import { diffArrays } from 'diff';

/** When an accepted edit is measured again, in seconds after acceptance. */
export const survivalCheckpoints = [30, 120, 600, 900] as const;

function meaningfulLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l.length > 0);
}

/**
 * Share (0..1) of the accepted text's non-blank lines still present, in order, in the current
 * text (whitespace changes, inside lines too, do not count as removal). 1 when nothing meaningful was accepted.
 */
export function survivalShare(acceptedText: string, currentText: string): number {
  const accepted = meaningfulLines(acceptedText);
  if (accepted.length === 0) return 1;
  const current = meaningfulLines(currentText);
  let kept = 0;
  for (const change of diffArrays(accepted, current)) {
    if (!change.added && !change.removed) kept += change.count ?? change.value.length;
  }
  return kept / accepted.length;
}
