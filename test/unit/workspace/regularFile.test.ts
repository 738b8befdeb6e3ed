// Only regular files are read: FIFOs, sockets, devices and folders in a (hostile) workspace are
// refused promptly by every route that reads workspace files, and huge files are never read whole.
// Each test is bounded by a timeout: before the fix, a FIFO read blocked forever.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeFilesAtomically } from '../../../src/cli/atomicWriter';
import { checkedWrite } from '../../../src/cli/checkedWrites';
import { readUserInput } from '../../../src/cli/userInput';
import { InProcessAnalyzer } from '../../../src/core/code/fileAnalyzer';
import { IgnoreRules } from '../../../src/core/code/ignoreRules';
import { walkFiles } from '../../../src/core/code/fileWalker';
import { workspaceEditFiles } from '../../../src/core/edits/workspaceFiles';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { readRegularFile, readRegularFileSync } from '../../../src/core/regularFile';
import { detectTestFramework } from '../../../src/core/run/testFrameworks';
import { runReadOnlyTool } from '../../../src/core/skills/readOnlyTools';
import { loadWorkspaceWorkflows } from '../../../src/core/workflows/workflowLoader';
import { workspaceReadMaxBytes } from '../../../src/core/workspace';
import { assetDirs } from '../code/codeSupport';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

const noFifos = process.platform === 'win32' ? 'no FIFOs on Windows' : false;
const bounded = { timeout: 5000, skip: noFifos };
const refusal = /pipe is not a regular file \(a FIFO\); only regular files are read/;

let root: string;
let socketServer: net.Server | undefined;

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

before(async () => {
  root = makeTempDir('fifo-ws');
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'a.js'), 'export const a = 1;\n');
  if (noFifos) return;
  mkfifo(path.join(root, 'pipe'));
  fs.symlinkSync('/dev/zero', path.join(root, 'zero'));
  // A sparse file: 20 MiB on paper, nothing on disk; reading it whole is what must not happen.
  fs.closeSync(fs.openSync(path.join(root, 'huge.txt'), 'w'));
  fs.truncateSync(path.join(root, 'huge.txt'), 20 * 1024 * 1024);
  const sock = path.join(root, 'sock');
  socketServer = net.createServer();
  await new Promise<void>((resolve) => socketServer!.listen(sock, resolve));
});

after(async () => {
  await new Promise<void>((resolve) => (socketServer ? socketServer.close(() => resolve()) : resolve()));
  removeTempDirs();
});

describe('readRegularFile', () => {
  it('reads a regular file whole', bounded, async () => {
    assert.equal((await readRegularFile(path.join(root, 'src', 'a.js'))).toString(), 'export const a = 1;\n');
    assert.equal(readRegularFileSync(path.join(root, 'src', 'a.js')).toString(), 'export const a = 1;\n');
  });

  it('refuses a FIFO at once, async and sync, without waiting for a writer', bounded, async () => {
    const started = Date.now();
    await rejectsWithReason(readRegularFile(path.join(root, 'pipe'), { display: 'pipe' }), 'notRegularFile', refusal);
    assert.throws(() => readRegularFileSync(path.join(root, 'pipe'), { display: 'pipe' }), refusal);
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });

  it('refuses a socket, a character device and a folder, naming what each is', bounded, async () => {
    await rejectsWithReason(readRegularFile(path.join(root, 'sock'), { display: 'sock' }), 'notRegularFile', /sock is not a regular file \(a socket/);
    await rejectsWithReason(readRegularFile('/dev/zero'), 'notRegularFile', /\/dev\/zero is not a regular file \(a character device\)/);
    await rejectsWithReason(readRegularFile(path.join(root, 'src'), { display: 'src' }), 'notRegularFile', /^src is a folder, not a file\.$/);
    assert.throws(() => readRegularFileSync('/dev/zero'), /a character device/);
  });

  it('refuses a file over maxBytes from its size, before reading it', bounded, async () => {
    const started = Date.now();
    await rejectsWithReason(readRegularFile(path.join(root, 'huge.txt'), { maxBytes: 1 << 20, display: 'huge.txt' }), 'fileTooLarge', /huge\.txt is 20971520 bytes, over the 1048576-byte limit/);
    assert.ok(Date.now() - started < 1000);
  });

  it('lets ENOENT through unchanged', bounded, async () => {
    await assert.rejects(readRegularFile(path.join(root, 'missing')), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
  });
});

describe('workspace reads refuse FIFOs and devices', () => {
  it('FsWorkspace.readText: FIFO refused, device symlink refused as outside, huge file over the default cap', bounded, async () => {
    const ws = new FsWorkspace(root);
    await rejectsWithReason(ws.readText('pipe'), 'notRegularFile', refusal);
    await rejectsWithReason(ws.readText('zero'), 'outsideWorkspace', /resolves outside the workspace/);
    assert.ok(20 * 1024 * 1024 > workspaceReadMaxBytes);
    await rejectsWithReason(ws.readText('huge.txt'), 'fileTooLarge', /huge\.txt is 20971520 bytes/);
  });

  it('the read_file tool answers with the refusal; search_text finishes past the FIFO', bounded, async () => {
    const ws = new FsWorkspace(root);
    const signal = new AbortController().signal;
    const read = await runReadOnlyTool(ws, { id: '1', name: 'read_file', arguments: { path: 'pipe' } }, signal);
    assert.match(read, /^Error: pipe is not a regular file \(a FIFO\); only regular files are read\.$/);
    const search = await runReadOnlyTool(ws, { id: '2', name: 'search_text', arguments: { text: 'const a' } }, signal);
    assert.match(search, /src\/a\.js:1: export const a = 1;/);
  });

  it('an edit reading a FIFO gets the refusal, never "absent, so create it"', bounded, async () => {
    const files = workspaceEditFiles(new FsWorkspace(root), { maxBytes: 1 << 20 });
    await rejectsWithReason(files.read('pipe'), 'notRegularFile', refusal);
    await rejectsWithReason(files.read('huge.txt'), 'fileTooLarge');
    assert.equal(await files.read('src/new.js'), undefined);
  });

  it('the index: walking skips the FIFO and socket; analysing a FIFO swapped in after the walk is refused', bounded, async () => {
    const walked = await walkFiles(root, new IgnoreRules(root, { useGitignore: false }));
    assert.deepEqual(walked.map((f) => f.path).sort(), ['huge.txt', 'src/a.js']);
    const analyzer = new InProcessAnalyzer(root, assetDirs);
    try {
      await rejectsWithReason(analyzer.analyze({ path: 'pipe', size: 10, mtimeMs: 0 }), 'notRegularFile', refusal);
    } finally {
      await analyzer.dispose();
    }
  });

  it('.gitignore, project manifests and workflow files that are FIFOs are passed over', bounded, async () => {
    const repo = makeTempDir('fifo-repo');
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, 'sub', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'sub', 'lib', 'x.js'), 'x\n');
    mkfifo(path.join(repo, '.gitignore'));
    mkfifo(path.join(repo, 'sub', '.gitignore'));
    mkfifo(path.join(repo, 'sub', 'package.json'));
    fs.mkdirSync(path.join(repo, 'sub', '.atomic', 'workflows'), { recursive: true });
    mkfifo(path.join(repo, 'sub', '.atomic', 'workflows', 'evil.json'));
    const sub = path.join(repo, 'sub');
    // The outer .gitignore is read by the constructor; the root's own one by the walk.
    const walked = await walkFiles(sub, new IgnoreRules(sub));
    assert.deepEqual(walked.map((f) => f.path), ['lib/x.js']);
    assert.equal(detectTestFramework(sub)?.language, 'javascript');
    const { workflows, errors } = await loadWorkspaceWorkflows(sub);
    assert.equal(workflows.length, 0);
    assert.deepEqual(errors.map((e) => e.file), ['.atomic/workflows/evil.json']);
    assert.match(errors[0].message, /not a regular file \(a FIFO\)/);
  });
});

describe('CLI writes and inputs', () => {
  it('checkedWrite refuses a FIFO where the proposed file was', bounded, () => {
    assert.throws(() => checkedWrite(root, { path: 'pipe', before: 'x', after: 'y' }, 'the run'), refusal);
  });

  it('writeFilesAtomically never replaces a FIFO, and leaves it a FIFO', bounded, async () => {
    await assert.rejects(writeFilesAtomically([{ path: path.join(root, 'pipe'), content: Buffer.from('x') }]), /is not a regular file \(a FIFO\)/);
    assert.ok(fs.lstatSync(path.join(root, 'pipe')).isFIFO());
    assert.deepEqual(fs.readdirSync(root).filter((n) => n.endsWith('.tmp')), []);
  });

  it('an input file is capped: /dev/zero stops at the limit with a clear error', bounded, async () => {
    const err = await rejectsWithReason(readUserInput('/dev/zero', '--plan', process.stdin, 1 << 20), 'usage');
    assert.equal(err.message, '--plan /dev/zero holds more than 1 MiB, the limit for an input; nothing was done. Pass a smaller file.');
    await rejectsWithReason(readUserInput(root, '--issue', process.stdin), 'usage', /Cannot read --issue .*EISDIR/);
  });
});
