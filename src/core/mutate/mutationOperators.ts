import type { Node, Tree } from 'web-tree-sitter';
import type { Mutant, MutationOperator } from './mutantTypes';

/** Parent node types that hold a binary operator token, across the grammars the index ships. */
const binaryParents = new Set(['binary_expression', 'comparison_operator', 'boolean_operator', 'binary_operator', 'binary']);

const binarySwaps: Record<string, Array<[string, MutationOperator]>> = {
  '<': [['<=', 'boundary'], ['>=', 'comparison']],
  '<=': [['<', 'boundary'], ['>', 'comparison']],
  '>': [['>=', 'boundary'], ['<=', 'comparison']],
  '>=': [['>', 'boundary'], ['<', 'comparison']],
  '==': [['!=', 'comparison']],
  '!=': [['==', 'comparison']],
  '===': [['!==', 'comparison']],
  '!==': [['===', 'comparison']],
  '&&': [['||', 'boolean']],
  '||': [['&&', 'boolean']],
  and: [['or', 'boolean']],
  or: [['and', 'boolean']],
  '+': [['-', 'arithmetic']],
  '-': [['+', 'arithmetic']],
  '*': [['/', 'arithmetic']],
  '/': [['*', 'arithmetic']],
  '%': [['*', 'arithmetic']],
  '//': [['*', 'arithmetic']],
  '**': [['*', 'arithmetic']],
};

/** Compound assignments and increments: `+=` to `-=`, `++` to `--`. */
const assignmentParents = new Set(['augmented_assignment_expression', 'augmented_assignment', 'compound_assignment_expr', 'assignment_expression', 'assignment_statement', 'update_expression', 'inc_statement', 'dec_statement']);
const assignmentSwaps: Record<string, string> = { '+=': '-=', '-=': '+=', '*=': '/=', '/=': '*=', '++': '--', '--': '++' };

const integerTypes = new Set(['number', 'integer', 'int_literal', 'integer_literal', 'decimal_integer_literal', 'number_literal']);
const booleanFlip: Record<string, string> = { true: 'false', false: 'true', True: 'False', False: 'True' };
/** What `return x` becomes, per language; languages with static return types are left out. */
const emptyReturn: Record<string, string> = { javascript: 'undefined', typescript: 'undefined', tsx: 'undefined', python: 'None', ruby: 'nil', php: 'null' };
const statementTypes = new Set(['expression_statement']);
/** How a removed statement is written where a block may not be empty. */
const emptyStatement: Record<string, string> = { python: 'pass' };

export interface MutantSource {
  tree: Tree;
  text: string;
  language: string;
  /** Only nodes inside [start, end) are mutated (a function or class); the whole file by default. */
  range?: { start: number; end: number };
}

/**
 * Every syntax-tree mutant of a file (or of a range in it): flipped comparisons and boundaries
 * (`<` to `<=`, an off-by-one in ranges), swapped boolean and arithmetic operators, removed
 * negations, changed integer and boolean constants, emptied return values and removed
 * statements. Mutants are in document order; the caller checks that they still parse.
 */
export function generateMutants(source: MutantSource): Mutant[] {
  const { text, language } = source;
  const start = source.range?.start ?? 0;
  const end = source.range?.end ?? text.length;
  const found: Array<Omit<Mutant, 'id' | 'line' | 'column' | 'description'>> = [];
  const add = (node: Node, replacement: string, operator: MutationOperator) => {
    if (node.startIndex < start || node.endIndex > end || replacement === node.text) return;
    found.push({ operator, start: node.startIndex, end: node.endIndex, original: node.text, replacement });
  };

  const visit = (node: Node) => {
    if (node.endIndex <= start || node.startIndex >= end) return;
    const parent = node.parent;
    if (!node.isNamed && parent && binaryParents.has(parent.type)) {
      for (const [swap, op] of binarySwaps[node.type] ?? []) add(node, swap, op);
    }
    if (!node.isNamed && parent && assignmentParents.has(parent.type) && assignmentSwaps[node.type]) add(node, assignmentSwaps[node.type], 'arithmetic');
    if (integerTypes.has(node.type) && /^\d+$/.test(node.text)) {
      const value = Number(node.text);
      add(node, value === 1 ? '0' : String(value + 1), 'constant');
    }
    if (booleanFlip[node.text] !== undefined && (node.type === 'true' || node.type === 'false' || node.type === 'boolean_literal' || node.type === 'boolean')) {
      add(node, booleanFlip[node.text], 'constant');
    }
    if (node.type === 'unary_expression' && node.child(0)?.type === '!' && node.child(1)) add(node, node.child(1)!.text, 'negation');
    if (node.type === 'not_operator' && node.childForFieldName('argument')) add(node, node.childForFieldName('argument')!.text, 'negation');
    if (node.type === 'return_statement' && emptyReturn[language] && node.namedChildCount > 0) {
      const value = node.namedChild(0)!;
      if (value.text !== emptyReturn[language]) add(value, emptyReturn[language], 'return');
    }
    if (statementTypes.has(node.type) && !isDocstringOrDirective(node)) add(node, emptyStatement[language] ?? ';', 'statement');
    for (let i = 0; i < node.childCount; i++) visit(node.child(i)!);
  };
  visit(source.tree.rootNode);

  return found.map((m, id) => {
    const { line, column } = position(text, m.start);
    return { id, ...m, line, column, description: `line ${line}: ${describe(m.original, m.replacement)}` };
  });
}

function isDocstringOrDirective(node: Node): boolean {
  const only = node.namedChildCount === 1 ? node.namedChild(0) : undefined;
  return only?.type === 'string' || only?.type === 'string_literal';
}

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function describe(original: string, replacement: string): string {
  const short = (s: string) => {
    const one = s.replace(/\s+/g, ' ').trim();
    return one.length > 60 ? `${one.slice(0, 57)}…` : one;
  };
  return replacement === ';' || replacement === 'pass' ? `removed \`${short(original)}\`` : `\`${short(original)}\` → \`${short(replacement)}\``;
}

/** The file's text with one mutant applied. */
export function applyMutant(text: string, mutant: Pick<Mutant, 'start' | 'end' | 'replacement'>): string {
  return text.slice(0, mutant.start) + mutant.replacement + text.slice(mutant.end);
}

/**
 * Up to `count` mutants spread over operators and over the code: operators take turns, and
 * within one operator the picks are evenly spaced through the file. Deterministic.
 */
export function sampleMutants(mutants: readonly Mutant[], count: number): Mutant[] {
  if (mutants.length <= count) return [...mutants];
  const byOperator = new Map<string, Mutant[]>();
  for (const m of mutants) byOperator.set(m.operator, [...(byOperator.get(m.operator) ?? []), m]);
  const queues = [...byOperator.values()].map((list) => spread(list));
  const picked: Mutant[] = [];
  while (picked.length < count) {
    for (const q of queues) if (q.length && picked.length < count) picked.push(q.shift()!);
  }
  return picked.sort((a, b) => a.start - b.start || a.id - b.id);
}

/** A list reordered so that any prefix is spread evenly over it (bisection order). */
function spread<T>(list: readonly T[]): T[] {
  const out: T[] = [];
  const seen = new Set<number>();
  for (let step = list.length; step >= 1; step = Math.floor(step / 2)) {
    for (let i = Math.floor(step / 2); i < list.length; i += step) {
      if (!seen.has(i)) {
        seen.add(i);
        out.push(list[i]);
      }
    }
    if (step === 1) break;
  }
  for (let i = 0; i < list.length; i++) if (!seen.has(i)) out.push(list[i]);
  return out;
}
