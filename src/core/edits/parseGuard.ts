import type { TreeSitterLoader } from '../code/treeSitterLoader';
import { languageForPath } from '../code/languages';
import { AtomicError, errorMessage } from '../errors';
import type { ParseErrorLocation } from './editPlan';

/** Syntax errors tree-sitter finds in a text: ERROR and MISSING nodes. */
export interface ParseCheck {
  language: string;
  errorCount: number;
  /** The first errors (1-based line and column), in document order. */
  errors: ParseErrorLocation[];
}

/** Parses a file's text with its grammar; undefined when its language has none (guard skipped). */
export interface ParseChecker {
  check(path: string, text: string): Promise<ParseCheck | undefined>;
}

const keptErrors = 200;

/**
 * Languages whose grammar rejects valid files too often to judge an edit by: tree-sitter-ini
 * does not know setup.cfg-style continuation lines. Edits to them skip the guard.
 */
export const unguardedLanguages: ReadonlySet<string> = new Set(['ini']);

/**
 * tree-sitter's parse, its failures made plain: the WebAssembly runtime reports running out of
 * memory (or any internal error) as "Aborted(). Build with -sASSERTIONS for more info.".
 */
function parseOrExplain(parser: Awaited<ReturnType<TreeSitterLoader['parser']>>, text: string) {
  try {
    return parser.parse(text);
  } catch (err) {
    const aborted = /Aborted\(/.test(errorMessage(err));
    throw new AtomicError('configuration', aborted ? 'tree-sitter aborted (out of memory, or an internal error)' : `tree-sitter failed: ${errorMessage(err)}`, undefined, { cause: err });
  }
}

/** The parse checker backed by the code index's tree-sitter loader (grammars load lazily, once). */
export function treeSitterParseChecker(loader: TreeSitterLoader): ParseChecker {
  return {
    async check(path, text) {
      const spec = languageForPath(path);
      if (!spec || unguardedLanguages.has(spec.id)) return undefined;
      const [parser, lang] = await Promise.all([loader.parser(), loader.language(spec.id)]);
      parser.setLanguage(lang.language);
      const tree = parseOrExplain(parser, text.startsWith('\uFEFF') ? text.slice(1) : text);
      if (!tree) return undefined;
      try {
        const errors: ParseErrorLocation[] = [];
        let count = 0;
        const cursor = tree.walk();
        try {
          // Depth-first, entering only subtrees that contain an error.
          let descend = true;
          for (;;) {
            const node = cursor.currentNode;
            if (descend && (node.isError || node.isMissing)) {
              count++;
              if (errors.length < keptErrors) {
                const at = node.startPosition;
                errors.push({
                  line: at.row + 1,
                  column: at.column + 1,
                  message: node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 40))}`,
                });
              }
            }
            if (descend && node.hasError && !node.isMissing && cursor.gotoFirstChild()) continue;
            if (cursor.gotoNextSibling()) {
              descend = true;
              continue;
            }
            if (!cursor.gotoParent()) break;
            descend = false;
          }
        } finally {
          cursor.delete();
        }
        return { language: spec.id, errorCount: count, errors };
      } finally {
        tree.delete();
      }
    },
  };
}

/**
 * Maps a line of the new text back to the old text through the edited regions (sorted,
 * non-overlapping, in new coordinates); undefined when the line lies inside an edit.
 */
export type LineMapper = (newLine: number) => number | undefined;

/** The first error of `after` that `before` did not have (by position mapped through the edits). */
export function firstNewError(before: ParseCheck, after: ParseCheck, mapLine: LineMapper): ParseErrorLocation | undefined {
  const old = new Set(before.errors.map((e) => `${e.line}:${e.column}:${e.message}`));
  for (const e of after.errors) {
    const line = mapLine(e.line);
    if (line === undefined || !old.has(`${line}:${e.column}:${e.message}`)) return e;
  }
  return after.errors[0];
}
