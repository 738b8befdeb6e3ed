import type { ModelIdentity, TokenUsage } from '../../model/types';

import type { ChangeScope } from '../../ports/changeSource';

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const categories = ['bug', 'security', 'tests', 'performance', 'style'] as const;
export type Severity = (typeof severities)[number];
export type Category = (typeof categories)[number];

export interface ReviewFinding {
  file: string;
  line: number;
  endLine?: number;
  severity: Severity;
  category: Category;
  message: string;
  /** Replacement text for lines line..endLine, when the reviewer proposes one. */
  suggestion?: string;
}

export interface UnanchoredFinding {
  finding: Omit<ReviewFinding, 'line'> & { line?: number };
  reason: string;
}

export interface ReviewInput {
  scope?: 'uncommitted' | 'staged' | 'range';
  /** Base revision for scope 'range'. */
  base?: string;
  /** Head revision for scope 'range' (default HEAD). */
  head?: string;
  /** What the change is meant to do (issue text, commit message). */
  intent?: string;
  /** Review focus, e.g. 'security'. */
  focus?: string;
}

export interface ReviewResult {
  judgment: 'YES' | 'NO';
  review: string;
  findings: ReviewFinding[];
  unanchoredFindings: UnanchoredFinding[];
  scope: ChangeScope;
  files: string[];
  omittedFiles: string[];
  model: ModelIdentity;
  usage: TokenUsage;
  toolCalls: number;
  repaired: boolean;
}

export function scopeFromInput(input: ReviewInput): ChangeScope {
  if (input.scope === 'range' || (input.scope === undefined && input.base)) {
    return { kind: 'range', base: input.base || 'HEAD', head: input.head || undefined };
  }
  return input.scope === 'staged' ? { kind: 'staged' } : { kind: 'uncommitted' };
}

export function describeScope(scope: ChangeScope): string {
  switch (scope.kind) {
    case 'uncommitted':
      return 'uncommitted changes';
    case 'staged':
      return 'staged changes';
    case 'range':
      return `changes ${scope.base}..${scope.head ?? 'working tree'}`;
  }
}
