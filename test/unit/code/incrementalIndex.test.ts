import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import type { IndexProgress } from '../../../src/core/code/codeTypes';
import { cacheFileFor } from '../../../src/core/code/indexCache';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeIndexes, openIndex, outline, writeTree } from './codeSupport';

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

const files = {
  'app/models.py': 'class User:\n    def name(self):\n        return "u"\n',
  'app/views.py': 'from .models import User\n\ndef show(user: User):\n    return user.name()\n',
  'web/main.ts': 'export function start(port: number): void {\n  console.log(port);\n}\n',
};

/** Moves a file's mtime forward so a size+mtime check sees a change. */
function bumpMtime(file: string): void {
  const t = new Date(Date.now() + 5000);
  fs.utimesSync(file, t, t);
}

describe('incremental index and its on-disk cache', () => {
  it('reuses every record from the cache when nothing changed, and re-reads only what did', async () => {
    const root = makeTempDir('inc');
    const cacheDir = makeTempDir('inc-cache');
    writeTree(root, files);
    const first = await openIndex(root, { cacheDir }).refresh();
    assert.equal(first.files, 3);
    assert.equal(first.analyzedFiles, 3);
    assert.ok(fs.existsSync(cacheFileFor(cacheDir, root)), 'cache written after a build');

    const reopened = openIndex(root, { cacheDir });
    assert.equal(reopened.size, 0, 'opening reads nothing');
    assert.equal(await reopened.load(), 3, 'records loaded from the cache before any scan');
    assert.equal(reopened.size, 3);
    const warm = await reopened.refresh();
    assert.deepEqual([warm.reusedFiles, warm.rehashedFiles, warm.analyzedFiles], [3, 0, 0]);

    fs.appendFileSync(path.join(root, 'app/models.py'), '\ndef helper():\n    pass\n');
    const changed = await reopened.refresh();
    assert.deepEqual([changed.reusedFiles, changed.analyzedFiles], [2, 1]);
    assert.ok(outline(reopened, 'app/models.py').includes('function helper@5-6'));
  });

  it('a new mtime with the same bytes is re-hashed, not re-parsed', async () => {
    const root = makeTempDir('touch');
    writeTree(root, files);
    const index = openIndex(root);
    await index.refresh();
    bumpMtime(path.join(root, 'web/main.ts'));
    const stats = await index.refresh();
    assert.deepEqual([stats.rehashedFiles, stats.analyzedFiles], [1, 0]);
    const again = await index.refresh();
    assert.equal(again.reusedFiles, 3, 'the new mtime was recorded');
  });

  it('drops deleted files and picks up new ones', async () => {
    const root = makeTempDir('del');
    writeTree(root, files);
    const index = openIndex(root);
    await index.refresh();
    fs.rmSync(path.join(root, 'app/views.py'));
    writeTree(root, { 'web/util.ts': 'export const twice = (n: number) => n * 2;\n' });
    const stats = await index.refresh();
    assert.equal(stats.files, 3);
    assert.equal(index.file('app/views.py'), undefined);
    assert.deepEqual(outline(index, 'web/util.ts'), ['function twice@1-1']);
  });

  it('updateFiles (the watcher path) handles changed, created, deleted and ignored paths', async () => {
    const root = makeTempDir('watch');
    writeTree(root, files);
    const index = openIndex(root);
    await index.refresh();
    const before = index.version;
    fs.writeFileSync(path.join(root, 'web/main.ts'), 'export function stop(): void {}\n');
    writeTree(root, { 'web/extra.ts': 'export class Extra {}\n', 'node_modules/pkg/index.js': 'function x() {}\n' });
    fs.rmSync(path.join(root, 'app/models.py'));
    const stats = await index.updateFiles(['web/main.ts', 'web/extra.ts', 'app/models.py', 'node_modules/pkg/index.js']);
    assert.equal(stats.analyzedFiles, 2);
    assert.deepEqual(outline(index, 'web/main.ts'), ['function stop@1-1']);
    assert.deepEqual(outline(index, 'web/extra.ts'), ['class Extra@1-1']);
    assert.equal(index.file('app/models.py'), undefined);
    assert.equal(index.file('node_modules/pkg/index.js'), undefined, 'default-excluded folder');
    assert.ok(index.version > before);
    await assert.rejects(index.updateFiles(['../outside.ts']), (e: unknown) => e instanceof AtomicError && e.reason === 'outsideWorkspace');
  });

  it('ignores a cache of another format version, fingerprint or a truncated file', async () => {
    const root = makeTempDir('stale');
    const cacheDir = makeTempDir('stale-cache');
    writeTree(root, files);
    await openIndex(root, { cacheDir }).refresh();
    const file = cacheFileFor(cacheDir, root);
    const bytes = fs.readFileSync(file);

    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 7));
    assert.equal(await openIndex(root, { cacheDir }).load(), 0, 'truncated');

    const otherVersion = Buffer.from(bytes);
    otherVersion.writeUInt32LE(otherVersion.readUInt32LE(4) + 1, 4);
    fs.writeFileSync(file, otherVersion);
    assert.equal(await openIndex(root, { cacheDir }).load(), 0, 'format version');

    fs.writeFileSync(file, bytes);
    assert.equal(await openIndex(root, { cacheDir }).load(), 3, 'intact cache is used');
    assert.equal(await openIndex(root, { cacheDir, maxFileBytes: 1234 }).load(), 0, 'a different size cap changes the fingerprint');
  });

  it('worker threads give the same records as the in-process analyser', async () => {
    const root = makeTempDir('workers');
    writeTree(root, files);
    const inProcess = openIndex(root);
    const pooled = openIndex(root, { workers: 2 });
    await Promise.all([inProcess.refresh(), pooled.refresh()]);
    for (const r of inProcess.files()) {
      const other = pooled.file(r.path)!;
      assert.deepEqual(outline(pooled, r.path), outline(inProcess, r.path));
      assert.deepEqual([...other.terms], [...r.terms]);
      assert.deepEqual([...other.refs], [...r.refs]);
    }
  });

  it('reports progress up to the total, and stops with "cancelled" when aborted', async () => {
    const root = makeTempDir('abort');
    const many: Record<string, string> = {};
    for (let i = 0; i < 40; i++) many[`m${i}.py`] = `def f${i}(x):\n    return x + ${i}\n`;
    writeTree(root, many);
    const seen: IndexProgress[] = [];
    await openIndex(root).refresh({ onProgress: (p) => seen.push(p) });
    const indexing = seen.filter((p) => p.phase === 'indexing');
    assert.ok(indexing.length >= 2);
    assert.equal(indexing[indexing.length - 1].filesDone, 40);
    assert.ok(indexing.every((p, i) => i === 0 || p.filesDone >= indexing[i - 1].filesDone));
    assert.equal(seen[seen.length - 1].phase, 'done');

    const controller = new AbortController();
    const index = openIndex(root);
    const run = index.refresh({ signal: controller.signal, onProgress: (p) => p.phase === 'indexing' && controller.abort() });
    await assert.rejects(run, (e: unknown) => e instanceof AtomicError && e.reason === 'cancelled');
    assert.ok(index.size < 40, 'stopped before the end');
  });

  it('yields to the event loop while indexing on the calling thread', async () => {
    const root = makeTempDir('yield');
    const many: Record<string, string> = {};
    for (let i = 0; i < 150; i++) many[`pkg/m${i}.py`] = `class C${i}:\n${'    def m(self):\n        return 1\n'.repeat(30)}`;
    writeTree(root, many);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await openIndex(root).refresh();
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks >= 3, `timers ran ${ticks} times during the build`);
  });

  it('keeps its totals right through loads, adds, edits, skips and removals', async () => {
    const root = makeTempDir('totals');
    const cacheDir = makeTempDir('totals-cache');
    writeTree(root, files);
    await openIndex(root, { cacheDir }).refresh();
    const index = openIndex(root, { cacheDir });
    await index.load();
    const recount = () => {
      const all = [...index.files()];
      return {
        files: all.length,
        parsedFiles: all.filter((r) => r.language).length,
        skippedFiles: all.filter((r) => r.skipped).length,
        symbols: all.reduce((n, r) => n + r.symbols.names.length, 0),
        bytes: all.reduce((n, r) => n + r.size, 0),
      };
    };
    const totals = (s: { files: number; parsedFiles: number; skippedFiles: number; symbols: number; bytes: number }) =>
      ({ files: s.files, parsedFiles: s.parsedFiles, skippedFiles: s.skippedFiles, symbols: s.symbols, bytes: s.bytes });
    assert.deepEqual(totals(index.stats()), recount(), 'after loading the cache');
    assert.equal(index.stats().symbols, 4);

    fs.appendFileSync(path.join(root, 'app/models.py'), '\ndef helper():\n    pass\n');
    fs.writeFileSync(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    let s = await index.updateFiles(['app/models.py', 'logo.png']);
    assert.deepEqual(totals(s), recount(), 'after an edit and a skipped file');
    assert.equal(s.symbols, 5);
    assert.equal(s.skippedFiles, 1);

    fs.rmSync(path.join(root, 'web/main.ts'));
    s = await index.updateFiles(['web/main.ts']);
    assert.deepEqual(totals(s), recount(), 'after a removal');
    assert.equal(s.files, 3);
    s = await index.refresh();
    assert.deepEqual(totals(s), recount(), 'after a rescan');
  });
});
