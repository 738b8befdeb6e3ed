import type { FileRecord } from './codeTypes';

/**
 * How likely a file is to be the one a change touches, before reading the task: tests,
 * documentation and examples less than source code (a task usually changes source; tests
 * and docs follow it). Conventions from many ecosystems, not one language's.
 */

const testFolder = /(?:^|\/)(?:tests?|__tests__|testing|spec|specs|test_?utils)\//i;
const testFile = /(?:^|\/)(?:test_[^/]*|[^/]*_test\.[^/.]+|[^/]*\.(?:test|spec)\.[^/]+|[^/]*(?:Test|Tests|Spec|IT)\.(?:java|kt|cs|scala|groovy|swift)|[^/]*_spec\.rb|conftest\.py)$/;
const docFolder = /(?:^|\/)(?:docs?|documentation|doc_src)\//i;
const docFile = /\.(?:md|markdown|rst|txt|adoc|rdoc|texi)$/i;
const exampleFolder = /(?:^|\/)(?:examples?|samples?|demos?|benchmarks?|bench)\//i;
/** Code copied in from elsewhere: vendor folders, and versioned library files (jquery-3.5.1.js). */
const vendored = /(?:^|\/)(?:vendor|vendored|third[_-]?party|external|extern|bower_components)\/|[-.]v?\d+\.\d+(?:\.\d+)?(?:[-.][\w]+)?\.(?:js|css)$/i;

/** Source code in languages the index has no grammar for (searched as text only). */
const sourceWithoutGrammar = /\.(?:kt|kts|swift|scala|m|mm|lua|pl|pm|r|jl|hs|ex|exs|erl|clj|cljs|dart|fs|vb|groovy|sql|html?|vue|svelte|scss|sass|less|s|asm|f90|f|pas|zig|nim|ml|mli|elm|tf|proto|cmake|mk)$|(?:^|\/)(?:Makefile|Kconfig|Dockerfile|CMakeLists\.txt|Kbuild)$/i;

export function isTestPath(path: string): boolean {
  return testFolder.test(path) || testFile.test(path);
}

export function filePrior(record: FileRecord): number {
  const p = record.path;
  if (vendored.test(p)) return 0.15;
  if (isTestPath(p)) return 0.4;
  if (docFile.test(p) || docFolder.test(p)) return 0.3;
  if (exampleFolder.test(p)) return 0.6;
  if (!record.language) return sourceWithoutGrammar.test(p) ? 0.85 : 0.3;
  return 1;
}
