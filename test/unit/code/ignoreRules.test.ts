import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { expandBraces, globToGitignore, IgnoreRules } from '../../../src/core/code/ignoreRules';
import { walkFiles } from '../../../src/core/code/fileWalker';
import { ignoredFolders } from '../../../src/core/workspace';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { createTempRepo } from '../helpers/tempRepo';
import { closeIndexes, openIndex, writeTree } from './codeSupport';

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

async function walked(root: string, exclude: string[] = []): Promise<string[]> {
  const files = await walkFiles(root, new IgnoreRules(root, { exclude, excludedFolderNames: ignoredFolders }));
  return files.map((f) => f.path).sort();
}

describe('ignore rules', () => {
  it('follows .gitignore semantics in a git work tree: nested files, negation, anchoring, ignored folders', async () => {
    const repo = createTempRepo({
      '.gitignore': '*.log\n/artifacts/\ngenerated/\n!keep.log\n',
      'src/app.py': 'x = 1\n',
      'src/debug.log': 'noise\n',
      'keep.log': 'kept by negation\n',
      'artifacts/out.js': 'artifact\n',
      'src/artifacts/helper.py': 'anchored /artifacts/ only matches at the root\n',
      'src/generated/api.py': 'ignored folder at any depth\n',
      'pkg/.gitignore': '*.tmp\n!important.log\nsecret/\n',
      'pkg/a.tmp': 'ignored by the nested file\n',
      'pkg/important.log': 're-included by the deeper file\n',
      'pkg/secret/key.py': 'ignored folder\n',
      'pkg/mod.py': 'kept\n',
      'other/a.tmp': 'the nested rule does not apply here\n',
    });
    assert.deepEqual(await walked(repo.dir), [
      '.gitignore',
      'keep.log',
      'other/a.tmp',
      'pkg/.gitignore',
      'pkg/important.log',
      'pkg/mod.py',
      'src/app.py',
      'src/artifacts/helper.py',
    ]);
  });

  it('a folder git ignores is not entered, so a negation cannot re-include its files', async () => {
    const repo = createTempRepo({ '.gitignore': 'logs/\n!logs/keep.txt\n', 'logs/keep.txt': 'x\n', 'a.txt': 'y\n' });
    assert.deepEqual(await walked(repo.dir), ['.gitignore', 'a.txt']);
  });

  it('reads .git/info/exclude and the .gitignore files above a root inside the repository', async () => {
    const repo = createTempRepo({ '.gitignore': '*.bak\n', 'sub/a.py': '', 'sub/a.bak': '', 'sub/b.cache': '' });
    fs.writeFileSync(path.join(repo.dir, '.git', 'info', 'exclude'), '*.cache\n');
    assert.deepEqual(await walked(path.join(repo.dir, 'sub')), ['a.py']);
  });

  it('outside a git work tree .gitignore files are not read (as git and ripgrep do)', async () => {
    const root = makeTempDir('nogit');
    writeTree(root, { '.gitignore': '*\n', 'a.py': '', 'b/c.py': '' });
    assert.deepEqual(await walked(root), ['.gitignore', 'a.py', 'b/c.py']);
  });

  it('applies files.exclude globs (braces, **, root-anchored) and the default folder names', async () => {
    const root = makeTempDir('exclude');
    writeTree(root, {
      'docs/a.md': '',
      'docs/b.py': '',
      'x/docs/c.md': '',
      'src/a.gen.ts': '',
      'src/b.ts': '',
      'lib/z.snap': '',
      'node_modules/dep/index.js': '',
      '.git/config': '',
      'deep/__pycache__/m.pyc': '',
    });
    assert.deepEqual(await walked(root, ['docs/*.md', '**/*.{gen.ts,snap}']), ['docs/b.py', 'src/b.ts', 'x/docs/c.md']);
  });

  it('expands braces and turns VS Code globs into gitignore patterns', () => {
    assert.deepEqual(expandBraces('a/{b,c{d,e}}/*.ts'), ['a/b/*.ts', 'a/cd/*.ts', 'a/ce/*.ts']);
    assert.deepEqual(globToGitignore('**/dist'), ['**/dist']);
    assert.deepEqual(globToGitignore('out/{a,b}.js'), ['/out/a.js', '/out/b.js']);
  });

  it('the index honours a .gitignore change on the next refresh', async () => {
    const repo = createTempRepo({ 'a.py': 'def a(): pass\n', 'b.py': 'def b(): pass\n' });
    const index = openIndex(repo.dir);
    await index.refresh();
    assert.ok(index.file('b.py'));
    repo.write('.gitignore', 'b.py\n');
    await index.updateFiles(['.gitignore']);
    assert.equal(index.file('b.py'), undefined);
    assert.ok(index.file('a.py'));
  });
});
