import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyPlan } from '../../../src/core/edits/applyPlan';
import { classifyEditPath, type PathSafety } from '../../../src/core/edits/pathSafety';
import { workspaceEditFiles } from '../../../src/core/edits/workspaceFiles';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { block } from './editSupport';

after(removeTempDirs);

let root: string;
let outside: string;

before(() => {
  const base = makeTempDir('pathsafety');
  root = path.join(base, 'ws');
  outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'src', 'a.py'), 'x = 1\n');
  fs.writeFileSync(path.join(root, '.git', 'config'), '[core]\n');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
  fs.symlinkSync(outside, path.join(root, 'linkout'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'src', 'secret-link.txt'));
  fs.symlinkSync(path.join(outside, 'not-yet.txt'), path.join(root, 'dangling.txt'));
  fs.symlinkSync(path.join(root, '.git'), path.join(root, 'gitlink'));
  fs.symlinkSync(path.join(root, 'src'), path.join(root, 'srclink'));
});

const reasons = async (p: string) => (await classifyEditPath(root, p)).reasons;

describe('classifyEditPath', () => {
  it('allows ordinary files, new files in new folders, and symlinks that stay inside', async () => {
    assert.deepEqual(await reasons('src/a.py'), []);
    assert.deepEqual(await reasons('./src/new/deep/file.ts'), []);
    assert.deepEqual(await reasons('srclink/a.py'), []);
    assert.deepEqual(await reasons(path.join(root, 'src', 'a.py')), []);
    assert.equal((await classifyEditPath(root, path.join(root, 'src', 'a.py'))).path, 'src/a.py');
  });

  it('flags paths outside the workspace, relative or absolute', async () => {
    assert.deepEqual(await reasons('../outside/secret.txt'), ['outsideWorkspace']);
    assert.deepEqual(await reasons('src/../../x.txt'), ['outsideWorkspace']);
    assert.deepEqual(await reasons(path.join(outside, 'secret.txt')), ['outsideWorkspace']);
    const s = await classifyEditPath(root, '../outside/secret.txt');
    assert.equal(s.path, path.join(outside, 'secret.txt'));
    assert.match(s.message ?? '', /outside the workspace/);
  });

  it('flags symlinks that lead out: a linked folder, a linked file, a dangling link', async () => {
    assert.deepEqual(await reasons('linkout/secret.txt'), ['symlinkEscape']);
    assert.deepEqual(await reasons('linkout/new.txt'), ['symlinkEscape']);
    assert.deepEqual(await reasons('src/secret-link.txt'), ['symlinkEscape']);
    assert.deepEqual(await reasons('dangling.txt'), ['symlinkEscape']);
  });

  it('flags .git anywhere, in any case, and symlinks into it', async () => {
    assert.deepEqual(await reasons('.git/config'), ['gitInternals']);
    assert.deepEqual(await reasons('vendor/lib/.git/hooks/pre-commit'), ['gitInternals']);
    assert.deepEqual(await reasons('.GIT/config'), ['gitInternals']);
    assert.deepEqual(await reasons('gitlink/config'), ['gitInternals']);
    assert.deepEqual(await reasons('.gitignore'), []);
  });

  it('flags editor settings: .vscode/* and *.code-workspace', async () => {
    for (const p of ['.vscode/settings.json', '.vscode/tasks.json', '.vscode/launch.json', 'sub/.vscode/mcp.json', 'team.code-workspace']) {
      assert.deepEqual(await reasons(p), ['editorSettings'], p);
    }
  });
});

describe('applyPlan and unsafe paths', () => {
  const plan = {
    edits: [
      { kind: 'replace' as const, path: 'linkout/secret.txt', blocks: [{ search: 'secret\n', replace: 'leaked\n' }] },
      { kind: 'replace' as const, path: 'linkout/secret.txt', blocks: [{ search: 'leaked\n', replace: 'again\n' }] },
      { kind: 'replace' as const, path: 'src/a.py', blocks: [{ search: 'x = 1\n', replace: 'x = 2\n' }] },
    ],
  };
  const read = async (p: string) => {
    try {
      return fs.readFileSync(path.resolve(root, p), 'utf8');
    } catch {
      return undefined;
    }
  };

  it('refuses unsafe paths without asking anyone, never reading them, and still applies the safe ones', async () => {
    const reads: string[] = [];
    const result = await applyPlan(plan, { root, read: async (p) => (reads.push(p), read(p)) });
    assert.equal(result.ok, false);
    assert.equal(block(result, 'linkout/secret.txt', 0).failure, 'unsafePath');
    assert.match(block(result, 'linkout/secret.txt', 0).reason ?? '', /symbolic link/);
    assert.equal(block(result, 'src/a.py', 0).status, 'applied');
    assert.deepEqual(reads, ['src/a.py']);
  });

  it('asks once per unsafe path and applies it after a yes, marking the file unsafe', async () => {
    const asked: PathSafety[] = [];
    const result = await applyPlan(plan, { root, read }, { confirmUnsafePath: async (s) => (asked.push(s), true) });
    assert.equal(result.ok, true);
    assert.deepEqual(asked.map((s) => [s.path, s.reasons]), [['linkout/secret.txt', ['symlinkEscape']]]);
    const f = result.files.find((x) => x.path === 'linkout/secret.txt');
    assert.equal(f?.after, 'again\n');
    assert.deepEqual(f?.unsafe, ['symlinkEscape']);
  });
});

describe('workspaceEditFiles', () => {
  it('reads through the workspace port: text of a file, undefined for a missing one, errors for the rest', async () => {
    const files = workspaceEditFiles(new FsWorkspace(root));
    assert.equal(files.root, root);
    assert.equal(await files.read('src/a.py'), 'x = 1\n');
    assert.equal(await files.read('srclink/a.py'), 'x = 1\n');
    assert.equal(await files.read('src/missing.py'), undefined);
    assert.equal(await files.read('no/such/folder/x.py'), undefined);
    await assert.rejects(files.read('linkout/secret.txt'), /outside the workspace/);
  });
});
