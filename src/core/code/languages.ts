/**
 * The languages the index parses, by file extension: each names its tree-sitter grammar (.wasm)
 * and its query files (.scm, concatenated in order). Grammars come from @vscode/tree-sitter-wasm,
 * except C, which uses the tree-sitter-c package (same ABI; the C++ grammar mis-parses C code
 * that uses C++ keywords as identifiers). The regex grammar is not listed: it has no file type.
 */
export interface LanguageSpec {
  readonly id: string;
  readonly grammar: string;
  readonly queries: readonly string[];
  readonly extensions: readonly string[];
  readonly fileNames?: readonly string[];
}

export const languages: readonly LanguageSpec[] = [
  { id: 'python', grammar: 'tree-sitter-python.wasm', queries: ['python.scm'], extensions: ['.py', '.pyi', '.pyw'] },
  { id: 'javascript', grammar: 'tree-sitter-javascript.wasm', queries: ['ecmascript.scm', 'javascript.scm'], extensions: ['.js', '.jsx', '.mjs', '.cjs'] },
  { id: 'typescript', grammar: 'tree-sitter-typescript.wasm', queries: ['ecmascript.scm', 'typescript.scm'], extensions: ['.ts', '.mts', '.cts'] },
  { id: 'tsx', grammar: 'tree-sitter-tsx.wasm', queries: ['ecmascript.scm', 'typescript.scm'], extensions: ['.tsx'] },
  { id: 'go', grammar: 'tree-sitter-go.wasm', queries: ['go.scm'], extensions: ['.go'] },
  { id: 'java', grammar: 'tree-sitter-java.wasm', queries: ['java.scm'], extensions: ['.java'] },
  { id: 'rust', grammar: 'tree-sitter-rust.wasm', queries: ['rust.scm'], extensions: ['.rs'] },
  { id: 'c', grammar: 'tree-sitter-c.wasm', queries: ['c.scm'], extensions: ['.c', '.h'] },
  {
    id: 'cpp',
    grammar: 'tree-sitter-cpp.wasm',
    queries: ['c.scm', 'cpp.scm'],
    extensions: ['.cc', '.cpp', '.cxx', '.c++', '.hh', '.hpp', '.hxx', '.h++', '.ipp', '.tpp', '.inl', '.cu', '.cuh'],
  },
  { id: 'csharp', grammar: 'tree-sitter-c-sharp.wasm', queries: ['c-sharp.scm'], extensions: ['.cs'] },
  { id: 'ruby', grammar: 'tree-sitter-ruby.wasm', queries: ['ruby.scm'], extensions: ['.rb', '.rake', '.gemspec'], fileNames: ['Rakefile', 'Gemfile'] },
  { id: 'php', grammar: 'tree-sitter-php.wasm', queries: ['php.scm'], extensions: ['.php', '.phtml'] },
  { id: 'bash', grammar: 'tree-sitter-bash.wasm', queries: ['bash.scm'], extensions: ['.sh', '.bash', '.zsh'] },
  { id: 'css', grammar: 'tree-sitter-css.wasm', queries: ['css.scm'], extensions: ['.css'] },
  { id: 'ini', grammar: 'tree-sitter-ini.wasm', queries: ['ini.scm'], extensions: ['.ini', '.cfg', '.editorconfig'] },
  { id: 'powershell', grammar: 'tree-sitter-powershell.wasm', queries: ['powershell.scm'], extensions: ['.ps1', '.psm1', '.psd1'] },
];

const byExtension = new Map<string, LanguageSpec>();
const byFileName = new Map<string, LanguageSpec>();
for (const spec of languages) {
  for (const ext of spec.extensions) byExtension.set(ext, spec);
  for (const name of spec.fileNames ?? []) byFileName.set(name, spec);
}

/** The extension of a file name, lower-cased with its dot ('' when none; '.editorconfig' for dot files). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot).toLowerCase();
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The language of a workspace-relative path (`/` separators), or undefined when none is parsed. */
export function languageForPath(path: string): LanguageSpec | undefined {
  const name = baseName(path);
  return byFileName.get(name) ?? byExtension.get(extensionOf(name));
}

export function languageById(id: string): LanguageSpec | undefined {
  return languages.find((l) => l.id === id);
}

/** Every .wasm file the index may load, tree-sitter's runtime first. */
export function wasmFiles(): string[] {
  return ['tree-sitter.wasm', ...new Set(languages.map((l) => l.grammar))];
}

/** Every .scm file the languages use. */
export function queryFiles(): string[] {
  return [...new Set(languages.flatMap((l) => l.queries))];
}
