import * as fs from 'node:fs';
import type * as WebTreeSitter from 'web-tree-sitter';
import { AtomicError, errorMessage } from '../errors';
import type { AssetLocator } from './grammarLocator';
import { languageById, type LanguageSpec } from './languages';

export interface LoadedLanguage {
  spec: LanguageSpec;
  language: Language;
  query: Query;
}

// require, not import: web-tree-sitter is an ES module with a CommonJS build, and a bundler
// following `import` would pick the ES build, which locates its files through import.meta.url.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser, Query } = require('web-tree-sitter') as typeof WebTreeSitter;
type Language = WebTreeSitter.Language;
type Parser = WebTreeSitter.Parser;
type Query = WebTreeSitter.Query;

let runtime: Promise<void> | undefined;

/** Initialises web-tree-sitter once per process (or worker). */
function initRuntime(locate: AssetLocator): Promise<void> {
  runtime ??= Parser.init({ locateFile: () => locate('tree-sitter.wasm') }).catch((err: unknown) => {
    runtime = undefined;
    throw new AtomicError('configuration', `Could not start tree-sitter: ${errorMessage(err)}`);
  });
  return runtime;
}

/** Loads grammars and their queries lazily, each once, and hands out one reusable parser. */
export class TreeSitterLoader {
  private readonly loaded = new Map<string, Promise<LoadedLanguage>>();
  private parserInstance: Parser | undefined;

  constructor(private readonly locate: AssetLocator) {}

  async parser(): Promise<Parser> {
    await initRuntime(this.locate);
    this.parserInstance ??= new Parser();
    return this.parserInstance;
  }

  language(id: string): Promise<LoadedLanguage> {
    let entry = this.loaded.get(id);
    if (!entry) {
      entry = this.load(id);
      entry.catch(() => this.loaded.delete(id));
      this.loaded.set(id, entry);
    }
    return entry;
  }

  private async load(id: string): Promise<LoadedLanguage> {
    const spec = languageById(id);
    if (!spec) throw new AtomicError('configuration', `No grammar for language "${id}".`);
    await initRuntime(this.locate);
    const language = await Language.load(this.locate(spec.grammar));
    const source = spec.queries.map((name) => fs.readFileSync(this.locate(`queries/${name}`), 'utf8')).join('\n');
    try {
      return { spec, language, query: new Query(language, source) };
    } catch (err) {
      throw new AtomicError('configuration', `Query for ${id} does not compile: ${errorMessage(err)}`);
    }
  }

  dispose(): void {
    this.parserInstance?.delete();
    this.parserInstance = undefined;
    for (const entry of this.loaded.values()) entry.then((l) => l.query.delete(), () => undefined);
    this.loaded.clear();
  }
}
