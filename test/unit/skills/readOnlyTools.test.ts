import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import type { ToolCall } from '../../../src/core/model/types';
import { readOnlyToolSpecs, runReadOnlyTool } from '../../../src/core/skills/readOnlyTools';
import { rejectsWithReason } from '../helpers/assertions';
import { makeTempDir, removeTempDirs } from '../helpers/paths';

after(removeTempDirs);

let root: string;
let outside: string;
let ws: FsWorkspace;

function write(rel: string, content: string | Buffer) {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), content);
}

before(() => {
  outside = makeTempDir('outside');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'TOP SECRET needle\n');
  root = makeTempDir('tools');
  write('src/math.js', "'use strict';\n\nfunction add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n");
  write('src/util/strings.js', 'exports.pad = (s) => s.padStart(4); // needle\n');
  write('src/crlf.txt', 'one\r\ntwo\r\nthree\r\n');
  write('src/empty.txt', '');
  write('long.txt', Array.from({ length: 450 }, (_, i) => `row ${i + 1}`).join('\n') + '\n');
  write('many.txt', Array.from({ length: 70 }, () => 'needle').join('\n') + '\n');
  write('node_modules/dep/index.js', 'needle in a dependency\n');
  write('dist/bundle.js', 'needle in a build\n');
  write('.git/config', 'needle in git\n');
  write('image.bin', Buffer.from('needle\u0000binary', 'latin1'));
  write('huge.txt', 'needle\n' + 'x'.repeat(2_100_000));
  write('bundle.min.js', 'var a=1;' + 'x'.repeat(1_900_000) + '\nvar b=2;\n');
  write('wide.txt', Array.from({ length: 300 }, (_, i) => `${i + 1}:` + 'w'.repeat(400)).join('\n') + '\n');
  write('latin1.txt', Buffer.from('caf\u00e9\n', 'latin1'));
  fs.mkdirSync(path.join(root, 'emptydir'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'leak.txt'));
  ws = new FsWorkspace(root);
});

let ids = 0;
function run(name: string, args: Record<string, unknown>, signal = new AbortController().signal): Promise<string> {
  const call: ToolCall = { id: `call_${++ids}`, name, arguments: args };
  return runReadOnlyTool(ws, call, signal);
}

describe('read-only tool specs', () => {
  it('declares read_file, search_text and list_directory with verb-first descriptions saying when to use them', () => {
    assert.deepEqual(readOnlyToolSpecs.map((t) => t.name), ['read_file', 'search_text', 'list_directory']);
    for (const t of readOnlyToolSpecs) {
      assert.match(t.description, /^(Read|Search|List) /);
      assert.match(t.description, /Use it to/);
      assert.equal((t.parameters as { type: string }).type, 'object');
    }
  });
});

describe('read_file', () => {
  it('returns every line of a small file, numbered from 1', async () => {
    assert.equal(
      await run('read_file', { path: 'src/math.js' }),
      "src/math.js lines 1-7:\n1: 'use strict';\n2: \n3: function add(a, b) {\n4:   return a + b;\n5: }\n6: \n7: module.exports = { add };",
    );
  });

  it('returns the requested range and says how to read on', async () => {
    assert.equal(await run('read_file', { path: 'src/math.js', startLine: 3, endLine: 5 }), 'src/math.js lines 3-5:\n3: function add(a, b) {\n4:   return a + b;\n5: }\n(7 lines in all; read on with startLine 6)');
  });

  it('accepts line numbers sent as strings', async () => {
    assert.equal(await run('read_file', { path: 'src/math.js', startLine: '4', endLine: '4' }), 'src/math.js lines 4-4:\n4:   return a + b;\n(7 lines in all; read on with startLine 5)');
  });

  it('reads at most 400 lines a call', async () => {
    const text = await run('read_file', { path: 'long.txt' });
    assert.ok(text.startsWith('long.txt lines 1-400:\n1: row 1\n'), text.slice(0, 40));
    assert.ok(text.endsWith('\n400: row 400\n(450 lines in all; read on with startLine 401)'), text.slice(-80));
    const rest = await run('read_file', { path: 'long.txt', startLine: 401, endLine: 1000 });
    assert.ok(rest.startsWith('long.txt lines 401-450:\n401: row 401\n'));
    assert.ok(rest.endsWith('450: row 450'));
  });

  it('clamps a start past the end of the file to its last line', async () => {
    assert.equal(await run('read_file', { path: 'src/math.js', startLine: 99 }), 'src/math.js lines 7-7:\n7: module.exports = { add };');
  });

  it('splits CRLF lines without keeping the carriage returns', async () => {
    assert.equal(await run('read_file', { path: 'src/crlf.txt' }), 'src/crlf.txt lines 1-3:\n1: one\n2: two\n3: three');
  });

  it('answers bad arguments with an error text the model can act on', async () => {
    assert.equal(await run('read_file', {}), 'Error: read_file: argument "path" must be a string.');
    assert.equal(await run('read_file', { path: 42 }), 'Error: read_file: argument "path" must be a string.');
    assert.equal(await run('read_file', { path: 'src/math.js', startLine: 0 }), 'Error: read_file: argument "startLine" must be a positive integer.');
    assert.equal(await run('read_file', { path: 'src/math.js', endLine: 'ten' }), 'Error: read_file: argument "endLine" must be a positive integer.');
    assert.match(await run('read_file', { path: 'src/math.js', startLine: 5, endLine: 2 }), /^Error: read_file: .*endLine.*startLine/);
  });

  it('answers missing files, folders and too large files with an error text', async () => {
    assert.equal(await run('read_file', { path: 'src/nope.js' }), 'Error: No such file or folder: src/nope.js');
    assert.equal(await run('read_file', { path: 'src' }), 'Error: src is a folder, not a file.');
    assert.match(await run('read_file', { path: 'huge.txt' }), /^Error: huge\.txt is \d+ bytes, over the 2000000-byte limit\.$/);
  });

  it('cuts a line over 1000 characters and says so, so a minified file cannot flood the result', async () => {
    const text = await run('read_file', { path: 'bundle.min.js' });
    assert.ok(text.length < 2_000, `result is ${text.length} characters`);
    const lines = text.split('\n');
    assert.equal(lines[0], 'bundle.min.js lines 1-2:');
    assert.equal(lines[1], `1: var a=1;${'x'.repeat(992)} [… ${1_900_008 - 1000} more characters cut]`);
    assert.equal(lines[2], '2: var b=2;');
    assert.equal(lines[3], '(1 line over 1000 characters cut; the file may be minified or generated)');
  });

  it('stops before 40000 characters and says where to read on', async () => {
    const text = await run('read_file', { path: 'wide.txt' });
    assert.ok(text.length <= 40_300, `result is ${text.length} characters`);
    const lines = text.split('\n');
    const last = Number(/^(\d+): /.exec(lines[lines.length - 2])![1]);
    assert.ok(last > 50 && last < 300, String(last));
    assert.equal(lines[0], `wide.txt lines 1-${last}:`);
    assert.equal(lines[lines.length - 1], `(stopped after line ${last}: at most 40000 characters a call; 300 lines in all; read on with startLine ${last + 1})`);
    const next = await run('read_file', { path: 'wide.txt', startLine: last + 1 });
    assert.ok(next.startsWith(`wide.txt lines ${last + 1}-`), next.slice(0, 40));
    assert.ok(next.includes(`\n${last + 1}: ${last + 1}:www`));
  });

  it('refuses binary and non-UTF-8 files with an error text instead of their bytes', async () => {
    assert.equal(await run('read_file', { path: 'image.bin' }), 'Error: image.bin is a binary file (it holds NUL bytes); Atomic Skills reads text files only.');
    assert.equal(await run('read_file', { path: 'latin1.txt' }), 'Error: latin1.txt is not UTF-8 text; Atomic Skills edits UTF-8 files only.');
  });

  it('refuses paths leaving the workspace (.., absolute, symlink) with an error text, not a throw', async () => {
    const escapes = [`../${path.basename(outside)}/secret.txt`, path.join(outside, 'secret.txt'), 'leak.txt', 'src/../../x'];
    for (const p of escapes) {
      const text = await run('read_file', { path: p });
      assert.match(text, /^Error: .*(leaves the workspace|outside the workspace)/, p);
      assert.doesNotMatch(text, /TOP SECRET/);
    }
  });

  it('reads absolute paths inside the workspace as relative ones', async () => {
    assert.ok((await run('read_file', { path: path.join(root, 'src', 'math.js'), endLine: 1 })).startsWith("src/math.js lines 1-1:\n1: 'use strict';"));
  });
});

describe('search_text', () => {
  it('finds literal text with path and line number, skipping dependency, build and VCS folders and binary files', async () => {
    const text = await run('search_text', { text: 'return a + b' });
    assert.equal(text, 'src/math.js:4: return a + b;');
    const needles = (await run('search_text', { text: 'needle', path: 'src' })).split('\n');
    assert.deepEqual(needles, ['src/util/strings.js:1: exports.pad = (s) => s.padStart(4); // needle']);
  });

  it('never returns text from node_modules, dist, .git, binary files, files over the size limit or outside links', async () => {
    const text = await run('search_text', { text: 'needle' });
    assert.doesNotMatch(text, /node_modules|dist\/|\.git\/|image\.bin|huge\.txt|leak\.txt|TOP SECRET/);
  });

  it('is case-sensitive and says when nothing matches', async () => {
    assert.equal(await run('search_text', { text: 'RETURN A + B' }), 'No match for "RETURN A + B".');
  });

  it('stops after 60 matches and says so', async () => {
    const text = await run('search_text', { text: 'needle', path: '.' });
    const lines = text.split('\n');
    assert.equal(lines.length, 61);
    assert.equal(lines[60], '(first 60 matches shown)');
  });

  it('answers an empty text or a folder outside the workspace with an error text', async () => {
    assert.equal(await run('search_text', { text: '' }), 'Error: search_text: "text" must not be empty.');
    assert.equal(await run('search_text', {}), 'Error: search_text: argument "text" must be a string.');
    assert.match(await run('search_text', { text: 'needle', path: '..' }), /^Error: .*leaves the workspace/);
  });

  it('throws a cancellation instead of answering with text', async () => {
    const controller = new AbortController();
    controller.abort();
    await rejectsWithReason(run('search_text', { text: 'needle' }, controller.signal), 'cancelled');
  });
});

describe('list_directory', () => {
  it('lists folders first (with a slash), then files, hiding dependency and VCS folders', async () => {
    const text = await run('list_directory', {});
    const [head, ...entries] = text.split('\n');
    assert.equal(head, '.:');
    assert.deepEqual(entries.filter((e) => e.endsWith('/')), ['emptydir/', 'src/']);
    assert.deepEqual(entries.slice(0, 2), ['emptydir/', 'src/']);
    assert.ok(entries.includes('long.txt') && entries.includes('image.bin'));
    assert.ok(!entries.some((e) => /node_modules|dist|\.git/.test(e)));
  });

  it('lists a subfolder and says when a folder is empty', async () => {
    assert.equal(await run('list_directory', { path: 'src' }), 'src:\nutil/\ncrlf.txt\nempty.txt\nmath.js');
    assert.equal(await run('list_directory', { path: 'emptydir/' }), 'emptydir:\n(empty)');
  });

  it('answers a path outside the workspace or a missing folder with an error text', async () => {
    assert.match(await run('list_directory', { path: '../' }), /^Error: .*leaves the workspace/);
    assert.match(await run('list_directory', { path: outside }), /^Error: .*outside the workspace/);
    assert.equal(await run('list_directory', { path: 'nowhere' }), 'Error: No such file or folder: nowhere');
  });
});

describe('unknown tools', () => {
  it('names the tools that exist', async () => {
    assert.equal(await run('write_file', { path: 'x' }), 'Unknown tool "write_file". Available: read_file, search_text, list_directory.');
  });
});

describe('git metadata', () => {
  let repo: FsWorkspace;
  const call = (name: string, args: Record<string, unknown>) => runReadOnlyTool(repo, { id: `call_${++ids}`, name, arguments: args }, new AbortController().signal);

  before(() => {
    const dir = makeTempDir('tools-git');
    const put = (rel: string, content: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    };
    put('.git/config', '[remote "origin"]\n  url = https://user:ghp_TOKEN@github.com/o/r\n');
    put('vendor/lib/.git', 'gitdir: ../../.git/modules/lib ghp_TOKEN\n');
    put('vendor/other/.GIT/config', 'url = https://ghp_TOKEN@host\n');
    put('src/app.js', 'const remote = "ghp_TOKEN is not here"; // source\n');
    repo = new FsWorkspace(dir);
  });

  it('read_file refuses .git in any case and at any depth, however the path is spelled', async () => {
    for (const p of ['.git/config', './.git/config', 'src/../.git/config', '.GIT/config', '.Git', 'vendor/lib/.git', 'vendor/other/.GIT/config', path.join(repo.root, '.git', 'config')]) {
      const text = await call('read_file', { path: p });
      assert.match(text, /^Error: .* is git metadata, which these tools do not read/, p);
      assert.doesNotMatch(text, /user:/, p);
    }
    assert.match(await call('read_file', { path: 'src/app.js' }), /source/);
  });

  it('list_directory and search_text refuse .git and never show or search it', async () => {
    assert.match(await call('list_directory', { path: '.git' }), /^Error: .git is git metadata/);
    assert.match(await call('search_text', { text: 'url', path: 'vendor/other/.GIT' }), /^Error: vendor\/other\/\.GIT is git metadata/);
    assert.equal(await call('list_directory', { path: 'vendor/lib' }), 'vendor/lib:\n(empty)');
    assert.equal(await call('list_directory', { path: 'vendor/other' }), 'vendor/other:\n(empty)');
    assert.equal(await call('search_text', { text: 'ghp_TOKEN' }), 'src/app.js:1: const remote = "ghp_TOKEN is not here"; // source');
  });
});
