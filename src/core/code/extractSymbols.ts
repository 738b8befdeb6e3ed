import type { Node, Tree } from 'web-tree-sitter';
import { symbolKinds, type SymbolKind, type SymbolTable } from './codeTypes';
import type { LoadedLanguage } from './treeSitterLoader';

/**
 * Runs a language's query over a parse tree. Query captures (see queries/*.scm):
 * `@definition.<kind>` the defining node, `@name` its name, `@body` a body elided in skeletons,
 * `@members` a body kept in skeletons (classes), `@container` an explicit owner (C++ `A::f`,
 * Go receivers), `@reference.<kind>` a referenced name.
 */
export interface Extraction {
  symbols: SymbolTable;
  references: Set<string>;
}

interface Definition {
  kind: SymbolKind;
  name: string;
  container?: string;
  startIndex: number;
  endIndex: number;
  startRow: number;
  endRow: number;
  signature: string;
  elideFrom: number;
  elideTo: number;
}

const kindCodes = new Map<string, number>(symbolKinds.map((k, i) => [k, i]));
const typeLikeKinds = new Set<SymbolKind>(['class', 'interface', 'struct', 'enum', 'trait', 'impl']);
/** Kinds whose ranges never enclose other definitions (a C typedef wraps its struct; that is no owner). */
const leafKinds = new Set<SymbolKind>(['type', 'macro', 'property', 'selector', 'section']);
const maxSignature = 200;

export function extractSymbols(tree: Tree, text: string, lang: LoadedLanguage): Extraction {
  const references = new Set<string>();
  const defs: Definition[] = [];
  const seen = new Set<string>();
  for (const match of lang.query.matches(tree.rootNode)) {
    let def: Node | undefined;
    let kind: string | undefined;
    let name: Node | undefined;
    let body: Node | undefined;
    let members: Node | undefined;
    let container: Node | undefined;
    for (const capture of match.captures) {
      const c = capture.name;
      if (c.startsWith('reference')) references.add(capture.node.text);
      else if (c.startsWith('definition.')) (def = capture.node), (kind = c.slice(11));
      else if (c === 'name') name = capture.node;
      else if (c === 'body') body = capture.node;
      else if (c === 'members') members = capture.node;
      else if (c === 'container') container = capture.node;
    }
    if (!def || !name || !kind || !kindCodes.has(kind)) continue;
    const key = `${def.startIndex}:${kind}:${name.startIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    defs.push(definition(def, kind as SymbolKind, name, body, members, container, text));
  }
  return { symbols: toTable(nest(defs)), references };
}

function definition(def: Node, kind: SymbolKind, name: Node, body: Node | undefined, members: Node | undefined, container: Node | undefined, text: string): Definition {
  const startRow = def.startPosition.row;
  const endIndex = def.endIndex;
  const endPosition = def.endPosition;
  const headerEnd = (body ?? members)?.startIndex ?? lineEnd(text, def.startIndex, endIndex);
  let signatureEnd = headerEnd;
  while (signatureEnd > def.startIndex && isSpace(text.charCodeAt(signatureEnd - 1))) signatureEnd--;
  const signatureEndRow = rowOf(text, def.startIndex, startRow, signatureEnd);
  let elideFrom = 0;
  let elideTo = 0;
  if (body) {
    const bodyStart = body.startPosition.row;
    const bodyEnd = body.endPosition.row;
    if (text.charCodeAt(body.startIndex) === 123 /* { */) {
      elideFrom = bodyStart + 1;
      elideTo = bodyEnd - 1;
    } else {
      elideFrom = Math.max(bodyStart, signatureEndRow + 1);
      elideTo = bodyEnd;
    }
  }
  return {
    kind,
    name: nameText(name.text),
    container: container ? nameText(container.text) : undefined,
    startIndex: def.startIndex,
    endIndex,
    startRow,
    endRow: endPosition.column === 0 && endPosition.row > startRow ? endPosition.row - 1 : endPosition.row,
    signature: signatureText(text.slice(def.startIndex, headerEnd)),
    // rows are 0-based, stored lines 1-based with 0 = nothing to elide; one-line bodies stay
    elideFrom: elideTo > elideFrom ? elideFrom + 1 : 0,
    elideTo: elideTo > elideFrom ? elideTo + 1 : 0,
  };
}

/** `Matrix<T>` → `Matrix`; multi-line names (CSS selector lists) → one line. */
function nameText(raw: string): string {
  const lt = raw.indexOf('<');
  const base = lt > 0 ? raw.slice(0, lt) : raw;
  return base.replace(/\s+/g, ' ').trim();
}

function signatureText(header: string): string {
  let s = header.replace(/\s+/g, ' ').trim();
  if (s.endsWith(':') || s.endsWith('{')) s = s.slice(0, -1).trimEnd();
  return s.length > maxSignature ? `${s.slice(0, maxSignature - 1)}…` : s;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function lineEnd(text: string, from: number, limit: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 || nl > limit ? limit : nl;
}

function rowOf(text: string, from: number, fromRow: number, to: number): number {
  let row = fromRow;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) row++;
  return row;
}

interface Nested extends Definition {
  parent: number;
}

/** Orders definitions by position, links each to its enclosing one, and turns functions in types into methods. */
function nest(defs: Definition[]): Nested[] {
  defs.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  const out: Nested[] = [];
  const stack: number[] = [];
  for (const d of defs) {
    while (stack.length > 0 && out[stack[stack.length - 1]].endIndex <= d.startIndex) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1] : -1;
    const owner = parent >= 0 ? out[parent] : undefined;
    const kind = d.kind === 'function' && owner && typeLikeKinds.has(owner.kind) ? 'method' : d.kind;
    out.push({ ...d, kind, container: d.container ?? owner?.name, parent });
    if (!leafKinds.has(kind)) stack.push(out.length - 1);
  }
  return out;
}

function toTable(defs: Nested[]): SymbolTable {
  const n = defs.length;
  const table: SymbolTable = {
    names: new Array<string>(n),
    kinds: new Uint8Array(n),
    lines: new Uint32Array(n * 4),
    parents: new Int32Array(n),
    containers: new Array<string>(n),
    signatures: defs.map((d) => d.signature).join('\n'),
  };
  defs.forEach((d, i) => {
    table.names[i] = d.name;
    table.kinds[i] = kindCodes.get(d.kind)!;
    table.lines[i * 4] = d.startRow + 1;
    table.lines[i * 4 + 1] = d.endRow + 1;
    table.lines[i * 4 + 2] = d.elideFrom;
    table.lines[i * 4 + 3] = d.elideTo;
    table.parents[i] = d.parent;
    table.containers[i] = d.container ?? '';
  });
  return table;
}
