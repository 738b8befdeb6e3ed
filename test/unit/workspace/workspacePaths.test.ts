import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import { isGitMetadata, isWithin, toWorkspaceRelative } from '../../../src/core/workspacePaths';

const root = '/home/dev/project';

function refused(candidate: string, message: RegExp) {
  assert.throws(
    () => toWorkspaceRelative(root, candidate),
    (err: unknown) => err instanceof AtomicError && err.reason === 'outsideWorkspace' && message.test(err.message),
    candidate,
  );
}

describe('toWorkspaceRelative', () => {
  it('cleans relative paths', () => {
    const cases: Array<[string, string]> = [
      ['src/a.ts', 'src/a.ts'],
      ['./src/a.ts', 'src/a.ts'],
      ['.//src/a.ts', 'src/a.ts'],
      ['  src/a.ts  ', 'src/a.ts'],
      ['src\\sub\\a.ts', 'src/sub/a.ts'],
      ['src/./sub/../a.ts', 'src/a.ts'],
      ['src//a.ts', 'src/a.ts'],
      ['src/', 'src'],
      ['..foo/a.ts', '..foo/a.ts'],
    ];
    for (const [candidate, expected] of cases) assert.equal(toWorkspaceRelative(root, candidate), expected, candidate);
  });

  it('maps the root itself to the empty path', () => {
    for (const candidate of ['', '   ', '.', './', 'src/..', root, root + '/', '/home/dev/project/./']) {
      assert.equal(toWorkspaceRelative(root, candidate), '', JSON.stringify(candidate));
    }
  });

  it('accepts absolute paths inside the root, also when the root has a trailing slash', () => {
    assert.equal(toWorkspaceRelative(root, '/home/dev/project/src/a.ts'), 'src/a.ts');
    assert.equal(toWorkspaceRelative(root + '/', '/home/dev/project/src/a.ts'), 'src/a.ts');
    assert.equal(toWorkspaceRelative('C:\\work\\proj', 'C:\\work\\proj\\src\\a.ts'), 'src/a.ts');
  });

  it('refuses paths that climb out with ..', () => {
    for (const candidate of ['..', '../x', 'src/../../x', 'a/b/../../../etc/passwd', '..\\x', '/home/dev/project/../other/x']) {
      refused(candidate, /leaves the workspace|outside the workspace/);
    }
  });

  it('refuses absolute paths outside the root, including a sibling with the same prefix', () => {
    for (const candidate of ['/etc/passwd', '/home/dev/project-other/a.ts', '/home/dev', 'D:/x/y', '\\\\server\\share\\x']) {
      refused(candidate, /outside the workspace/);
    }
  });
});

describe('isGitMetadata', () => {
  it('is true for a .git segment in any case at any depth, false for names that only contain it', () => {
    for (const p of ['.git', '.git/config', '.GIT/HEAD', 'vendor/lib/.git', 'a/.Git/hooks/pre-commit']) assert.equal(isGitMetadata(p), true, p);
    for (const p of ['', 'src/a.ts', '.gitignore', '.github/workflows/ci.yml', 'docs/git/x.md', 'a.git', '.git-blame-ignore-revs']) assert.equal(isGitMetadata(p), false, p);
  });
});

describe('isWithin', () => {
  it('is the folder itself or anything under it, never a sibling that shares the prefix', () => {
    assert.equal(isWithin('/w/repo', '/w/repo'), true);
    assert.equal(isWithin('/w/repo', '/w/repo/src/a.js'), true);
    assert.equal(isWithin('/w/repo/', '/w/repo/a.js'), true);
    assert.equal(isWithin('/w/repo', '/w/repo-other/a.js'), false);
    assert.equal(isWithin('/w/repo', '/w'), false);
  });
});
