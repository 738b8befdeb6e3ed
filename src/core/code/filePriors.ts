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

export function isTestPath(path: string): boolean {
  return testFolder.test(path) || testFile.test(path);
}

export function filePrior(record: FileRecord): number {
  const p = record.path;
  if (isTestPath(p)) return 0.55;
  if (docFile.test(p) || docFolder.test(p)) return 0.45;
  if (exampleFolder.test(p)) return 0.7;
  if (!record.language) return 0.75;
  return 1;
}
