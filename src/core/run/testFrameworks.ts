import * as fs from 'node:fs';
import * as path from 'node:path';
import { AtomicError } from '../errors';
import { readRegularFileSync } from '../regularFile';

export type TestFrameworkId = 'jest' | 'vitest' | 'mocha' | 'node:test' | 'pytest' | 'unittest' | 'go' | 'cargo' | 'maven' | 'gradle';

export interface TestFramework {
  id: TestFrameworkId;
  language: 'javascript' | 'python' | 'go' | 'rust' | 'java';
  /** Absolute folder of the project file it was found in (package.json, go.mod, …). */
  root: string;
  /** Why: "devDependencies has jest", "pyproject.toml has [tool.pytest…]". */
  evidence: string;
}

/** The files that mark a project root, per language, in the order they are looked for. */
const projectFiles: Array<{ file: string; language: TestFramework['language'] }> = [
  { file: 'package.json', language: 'javascript' },
  { file: 'pyproject.toml', language: 'python' },
  { file: 'setup.cfg', language: 'python' },
  { file: 'setup.py', language: 'python' },
  { file: 'tox.ini', language: 'python' },
  { file: 'pytest.ini', language: 'python' },
  { file: 'go.mod', language: 'go' },
  { file: 'Cargo.toml', language: 'rust' },
  { file: 'pom.xml', language: 'java' },
  { file: 'build.gradle', language: 'java' },
  { file: 'build.gradle.kts', language: 'java' },
];

const languageOfFile: Record<string, TestFramework['language']> = {
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript', '.ts': 'javascript', '.tsx': 'javascript', '.mts': 'javascript', '.cts': 'javascript',
  '.py': 'python', '.go': 'go', '.rs': 'rust', '.java': 'java', '.kt': 'java',
};

/** A manifest's text; undefined when missing, not a regular file (a FIFO) or over 1 MiB. */
const read = (file: string) => {
  try {
    return readRegularFileSync(file, { maxBytes: 1 << 20 }).toString('utf8');
  } catch {
    return undefined;
  }
};

function detectJavaScript(root: string): TestFramework {
  let pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; scripts?: Record<string, string> } = {};
  try {
    pkg = JSON.parse(read(path.join(root, 'package.json')) ?? '{}');
  } catch {
    // unreadable package.json: the defaults below
  }
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const script = pkg.scripts?.test ?? '';
  const found = (id: TestFrameworkId, evidence: string): TestFramework => ({ id, language: 'javascript', root, evidence });
  for (const id of ['vitest', 'jest', 'mocha'] as const) {
    if (deps[id]) return found(id, `package.json depends on ${id}`);
    if (new RegExp(`\\b${id}\\b`).test(script)) return found(id, `the test script runs ${id}`);
  }
  if (deps['ts-jest'] || deps['babel-jest']) return found('jest', 'package.json depends on a jest transformer');
  if (/\bnode\b[^&|;]*--test\b/.test(script)) return found('node:test', 'the test script runs node --test');
  return found('node:test', 'no test framework in package.json: Node.js built-in test runner');
}

function detectPython(root: string): TestFramework {
  const found = (id: TestFrameworkId, evidence: string): TestFramework => ({ id, language: 'python', root, evidence });
  if (/\[tool\.pytest/.test(read(path.join(root, 'pyproject.toml')) ?? '')) return found('pytest', 'pyproject.toml configures pytest');
  if (fs.existsSync(path.join(root, 'pytest.ini'))) return found('pytest', 'pytest.ini');
  if (/\[tool:pytest\]/.test(read(path.join(root, 'setup.cfg')) ?? '')) return found('pytest', 'setup.cfg configures pytest');
  if (/\[pytest\]|\bpytest\b/.test(read(path.join(root, 'tox.ini')) ?? '')) return found('pytest', 'tox.ini runs pytest');
  if (fs.existsSync(path.join(root, 'conftest.py'))) return found('pytest', 'conftest.py');
  for (const req of ['requirements-dev.txt', 'requirements-test.txt', 'dev-requirements.txt', 'test-requirements.txt', 'requirements.txt']) {
    if (/^\s*pytest\b/m.test(read(path.join(root, req)) ?? '')) return found('pytest', `${req} lists pytest`);
  }
  if (/\bpytest\b/.test(read(path.join(root, 'pyproject.toml')) ?? '')) return found('pytest', 'pyproject.toml mentions pytest');
  return found('unittest', 'no pytest configuration: the standard library unittest');
}

function detectAt(root: string, language: TestFramework['language'], file: string): TestFramework {
  switch (language) {
    case 'javascript':
      return detectJavaScript(root);
    case 'python':
      return detectPython(root);
    case 'go':
      return { id: 'go', language, root, evidence: 'go.mod' };
    case 'rust':
      return { id: 'cargo', language, root, evidence: 'Cargo.toml' };
    case 'java':
      return file === 'pom.xml' ? { id: 'maven', language, root, evidence: 'pom.xml' } : { id: 'gradle', language, root, evidence: file };
  }
}

/**
 * The test framework of the project a file belongs to (the nearest folder up to the workspace
 * root with a project file of the file's language), or of the workspace root when no file is
 * given. Undefined when nothing marks a project.
 */
export function detectTestFramework(workspaceRoot: string, forFile?: string): TestFramework | undefined {
  const root = path.resolve(workspaceRoot);
  const wanted = forFile ? languageOfFile[path.extname(forFile).toLowerCase()] : undefined;
  let dir = forFile ? path.dirname(path.resolve(root, forFile)) : root;
  for (;;) {
    for (const { file, language } of projectFiles) {
      if ((!wanted || wanted === language) && fs.existsSync(path.join(dir, file))) return detectAt(dir, language, file);
    }
    if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) return undefined;
    dir = path.dirname(dir);
  }
}

/** A command that runs tests; `fileArgumentIndexes` are the arguments consent patterns generalise. */
export interface TestCommand {
  argv: string[];
  cwd: string;
  fileArgumentIndexes: number[];
}

/** The JavaScript file a package's `bin` names, found the way Node resolves packages (walking up node_modules). */
export function packageBin(fromDir: string, pkg: string, bin = pkg): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', pkg, 'package.json');
    const text = read(manifest);
    if (text) {
      const field = (JSON.parse(text) as { bin?: string | Record<string, string> }).bin;
      const rel = typeof field === 'string' ? field : field?.[bin];
      if (rel) return path.join(path.dirname(manifest), rel);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function pythonExecutable(root: string): string {
  const win = process.platform === 'win32';
  for (const venv of ['.venv', 'venv', process.env.VIRTUAL_ENV].filter((v): v is string => Boolean(v))) {
    const candidate = path.resolve(root, venv, win ? 'Scripts/python.exe' : 'bin/python');
    if (fs.existsSync(candidate)) return candidate;
  }
  return win ? 'python' : 'python3';
}

/**
 * The command that runs one test file (and one test in it, by name) with the project's own
 * framework, from the project's root. `file` is relative to the workspace root.
 */
export function testCommand(fw: TestFramework, workspaceRoot: string, file: string, testName?: string): TestCommand {
  const rel = path.relative(fw.root, path.resolve(workspaceRoot, file)).split(path.sep).join('/');
  const at = (argv: string[], fileIndex = argv.indexOf(rel)): TestCommand => ({ argv, cwd: fw.root, fileArgumentIndexes: fileIndex >= 0 ? [fileIndex] : [] });
  const jsBin = (pkg: string) => {
    const bin = packageBin(fw.root, pkg);
    if (!bin) throw new AtomicError('configuration', `${pkg} is the project's test framework (${fw.evidence}) but is not installed: run npm install in ${fw.root}.`);
    return bin;
  };
  switch (fw.id) {
    case 'jest':
      return at(['node', jsBin('jest'), '--ci', '--runTestsByPath', rel, ...(testName ? ['-t', testName] : [])]);
    case 'vitest':
      return at(['node', jsBin('vitest'), 'run', rel, ...(testName ? ['-t', testName] : [])]);
    case 'mocha':
      return at(['node', jsBin('mocha'), rel, ...(testName ? ['--grep', testName] : [])]);
    case 'node:test':
      return at(['node', '--test', ...(testName ? [`--test-name-pattern=${testName}`] : []), rel]);
    case 'pytest':
      return at([pythonExecutable(fw.root), '-m', 'pytest', '-q', '-p', 'no:cacheprovider', rel, ...(testName ? ['-k', testName] : [])]);
    case 'unittest': {
      const module = rel.replace(/\.py$/, '').split('/').join('.');
      return at([pythonExecutable(fw.root), '-m', 'unittest', module, ...(testName ? ['-k', testName] : [])], -1);
    }
    case 'go': {
      const pkg = './' + path.posix.dirname(rel);
      return at(['go', 'test', pkg === './.' ? '.' : pkg, ...(testName ? ['-run', `^${testName}$`] : [])], -1);
    }
    case 'cargo': {
      const integration = /^tests\/[^/]+\.rs$/.test(rel) ? ['--test', path.posix.basename(rel, '.rs')] : [];
      return at(['cargo', 'test', ...integration, ...(testName ? ['--', testName] : [])], -1);
    }
    case 'maven': {
      const cls = path.posix.basename(rel).replace(/\.(java|kt)$/, '');
      return at(['mvn', '-q', 'test', `-Dtest=${cls}${testName ? `#${testName}` : ''}`, '-Dsurefire.failIfNoSpecifiedTests=false'], -1);
    }
    case 'gradle': {
      const cls = path.posix.basename(rel).replace(/\.(java|kt)$/, '');
      const wrapper = fs.existsSync(path.join(fw.root, process.platform === 'win32' ? 'gradlew.bat' : 'gradlew'));
      return at([wrapper ? path.join(fw.root, process.platform === 'win32' ? 'gradlew.bat' : 'gradlew') : 'gradle', 'test', '--tests', `*${cls}${testName ? `.${testName}` : ''}`], -1);
    }
  }
}
