/** Which changes: the working tree against HEAD, the index, or a revision range. */
export type ChangeScope = { kind: 'uncommitted' } | { kind: 'staged' } | { kind: 'range'; base: string; head?: string };

/** The port to a repository's changes: the unified diff of a scope, paths relative to the root. */
export interface ChangeSource {
  readonly root: string;
  diff(scope: ChangeScope, signal: AbortSignal): Promise<string>;
}
