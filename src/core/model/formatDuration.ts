/** A duration as people read it: "850 ms", "2.5 s", "60 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 1000)} s`;
}
