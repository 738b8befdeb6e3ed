/**
 * Stack-trace frames in a task text, for Python, JavaScript/TypeScript (Node and browsers),
 * Java/Kotlin, Go, Rust and compiler-style `file:line` locations. `innermost` ranks frames:
 * 0 is where the error was raised (Python prints it last; the others print it first).
 */
export interface StackFrame {
  /** The file as written (`/` separators); may be absolute or outside the repository. */
  file?: string;
  line?: number;
  /** Function or method name. */
  symbol?: string;
  /** Owner of the symbol when the trace names one (Java class, Go receiver type, Rust module). */
  owner?: string;
  language: 'python' | 'javascript' | 'java' | 'go' | 'rust' | 'generic';
  innermost: number;
}

type Raw = Omit<StackFrame, 'innermost'> & { at: number };

const python = /File "([^"\n]+)", line (\d+)(?:, in ([\w<>.]+))?/g;
const javascript = /\bat (?:async )?(?:([\w$.<>[\] ]+?) \()?((?:[A-Za-z]:)?[^\s():'"]+?\.(?:[cm]?[jt]sx?|vue|svelte)):(\d+)(?::\d+)?\)?/g;
const java = /\bat ((?:[\w$]+\.)+)([\w$<>]+)\((?:([\w$]+\.(?:java|kt|scala|groovy))(?::(\d+))?|Native Method|Unknown Source)\)/g;
const goFunction = /^\s*((?:[\w.-]+\/)*[\w.-]+)\.(?:\(\*?([\w]+)\)\.)?([\w]+)(?:\[[^\]]*\])?\(.*\)\s*$/gm;
const goLocation = /^\s+((?:[A-Za-z]:)?[^\s:]+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/gm;
const rustLocation = /(?:\bat |panicked at (?:'[^'\n]*', )?)((?:[A-Za-z]:)?[^\s:'"]+\.rs):(\d+)(?::\d+)?/g;
const rustFunction = /^\s*\d+: ((?:[\w<>]+::)+)([\w]+)(?:::h[0-9a-f]{16})?\s*$/gm;
const generic = /(?:^|[\s(['"])((?:[A-Za-z]:)?(?:[\w.-]+[/\\])*[\w.-]+\.(?:c|h|cc|cpp|cxx|hpp|hh|m|mm|swift|cs|rb|php|go|rs|py|java|kt|ts|js)):(\d+)(?::\d+)?(?=[:\s)\]'",]|$)/gm;

function add(out: Raw[], frame: Raw): void {
  if (frame.file) frame.file = frame.file.replace(/\\/g, '/');
  out.push(frame);
}

export function stackFrames(text: string): StackFrame[] {
  const py: Raw[] = [];
  const firstFirst: Raw[] = [];
  for (const m of text.matchAll(python)) add(py, { file: m[1], line: Number(m[2]), symbol: clean(m[3]), language: 'python', at: m.index ?? 0 });
  for (const m of text.matchAll(javascript)) {
    const [owner, symbol] = splitOwner(m[1]?.trim());
    add(firstFirst, { file: m[2], line: Number(m[3]), symbol, owner, language: 'javascript', at: m.index ?? 0 });
  }
  for (const m of text.matchAll(java)) {
    const cls = m[1].slice(0, -1);
    const owner = cls.slice(cls.lastIndexOf('.') + 1);
    const file = m[3] ? `${cls.slice(0, cls.lastIndexOf('.') + 1).replace(/\./g, '/')}${m[3]}` : undefined;
    add(firstFirst, { file, line: m[4] ? Number(m[4]) : undefined, symbol: clean(m[2]), owner, language: 'java', at: m.index ?? 0 });
  }
  const goFns = [...text.matchAll(goFunction)];
  for (const m of text.matchAll(goLocation)) {
    const at = m.index ?? 0;
    const fn = goFns.filter((f) => (f.index ?? 0) < at).pop();
    add(firstFirst, { file: m[1], line: Number(m[2]), symbol: fn?.[3], owner: fn?.[2], language: 'go', at });
  }
  // Rust backtraces print `N: path::to::function` with its `at file:line` on the next line.
  const rustFns = [...text.matchAll(rustFunction)].map((m) => ({ m, at: m.index ?? 0, path: m[1].slice(0, -2).split('::'), used: false }));
  for (const m of text.matchAll(rustLocation)) {
    const at = m.index ?? 0;
    const fn = m[0].startsWith('at ') ? rustFns.filter((f) => f.at < at && at - f.at < 300).pop() : undefined;
    if (fn) fn.used = true;
    add(firstFirst, { file: m[1], line: Number(m[2]), symbol: fn?.m[2], owner: fn?.path[fn.path.length - 1], language: 'rust', at: fn?.at ?? at });
  }
  for (const f of rustFns) {
    if (f.used || ['std', 'core', 'alloc'].includes(f.path[0])) continue;
    add(firstFirst, { symbol: f.m[2], owner: f.path[f.path.length - 1], language: 'rust', at: f.at });
  }
  const known = new Set([...py, ...firstFirst].filter((f) => f.file).map((f) => `${f.file}:${f.line}`));
  const rest: Raw[] = [];
  for (const m of text.matchAll(generic)) {
    const file = m[1].replace(/\\/g, '/');
    if (!known.has(`${file}:${m[2]}`)) add(rest, { file, line: Number(m[2]), language: 'generic', at: m.index ?? 0 });
  }
  // Python lists the innermost frame last; the others first. Traces in one text are ranked together.
  const ordered = [...py.sort((a, b) => b.at - a.at), ...firstFirst.sort((a, b) => a.at - b.at), ...rest.sort((a, b) => a.at - b.at)];
  return ordered.map(({ at: _at, ...f }, i) => ({ ...f, innermost: i }));
}

function clean(symbol: string | undefined): string | undefined {
  if (!symbol || symbol.startsWith('<')) return undefined; // <module>, <lambda>, <init>
  return symbol;
}

/** `Foo.bar` → ['Foo', 'bar']; `Object.<anonymous>` → ['Object', undefined]. */
function splitOwner(name: string | undefined): [string | undefined, string | undefined] {
  if (!name) return [undefined, undefined];
  const parts = name.replace(/^new /, '').split('.');
  const symbol = clean(parts.pop());
  return [parts.pop(), symbol];
}
