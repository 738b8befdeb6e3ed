// `atomic-skills apply` end to end: the bundled dist/cli.js run as its own process on temp folders.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ApplyJson } from '../../../src/cli/applyCommand';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { srReply } from './editSupport';

before(ensureDistCli, { timeout: 120_000 });
after(removeTempDirs);

const cli = (args: string[]) => runProcess(process.execPath, [distCli, ...args], { env: cleanEnv() });

interface Workspace {
  root: string;
  plan(text: string): string;
  read(p: string): Buffer;
}

function workspace(files: Record<string, string | Buffer>): Workspace {
  const base = makeTempDir('apply-cli');
  const root = path.join(base, 'repo');
  for (const [p, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), content);
  }
  fs.mkdirSync(root, { recursive: true });
  let n = 0;
  return {
    root,
    plan: (text) => {
      const file = path.join(base, `plan${n++}.txt`);
      fs.writeFileSync(file, text);
      return file;
    },
    read: (p) => fs.readFileSync(path.join(root, p)),
  };
}

const py = 'def f(x):\r\n    return x + 1\r\n\r\n\r\ndef g():\r\n    return 2\r\n';

describe('atomic-skills apply', () => {
  it('applies a plan to every file, keeping CRLF, and prints one line per block', async () => {
    const ws = workspace({ 'src/m.py': py, 'src/n.py': 'a = 1\n' });
    const plan = ws.plan(srReply('src/m.py', '    return x + 1\n', '    return x + 100\n') + srReply('src/n.py', 'a = 1\n', 'a = 2\n'));
    const run = await cli(['apply', '--repo', ws.root, '--plan', plan]);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /^applied  src\/m\.py block 1 \(lines 2-2\)$/m);
    assert.match(run.stdout, /Wrote src\/m\.py, src\/n\.py\./);
    assert.equal(ws.read('src/m.py').toString(), py.replace('x + 1', 'x + 100'));
    assert.equal(ws.read('src/n.py').toString(), 'a = 2\n');
  });

  it('all or nothing: one failed block leaves every file byte-identical and exits 1', async () => {
    const ws = workspace({ 'src/m.py': py, 'src/n.py': 'a = 1\n' });
    const plan = ws.plan(srReply('src/n.py', 'a = 1\n', 'a = 2\n') + srReply('src/m.py', '    return 3\n', '    return 4\n'));
    const before = [ws.read('src/m.py'), ws.read('src/n.py')];
    const run = await cli(['apply', '--repo', ws.root, '--plan', plan]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /FAILED   src\/m\.py block 1/);
    assert.match(run.stdout, /Nothing written/);
    assert.deepEqual([ws.read('src/m.py'), ws.read('src/n.py')], before);
    assert.deepEqual(fs.readdirSync(path.join(ws.root, 'src')).sort(), ['m.py', 'n.py']);
  });

  it('--partial writes the blocks that applied and still exits 1', async () => {
    const ws = workspace({ 'src/m.py': py, 'src/n.py': 'a = 1\n' });
    const plan = ws.plan(srReply('src/n.py', 'a = 1\n', 'a = 2\n') + srReply('src/m.py', '    return 3\n', '    return 4\n'));
    const run = await cli(['apply', '--repo', ws.root, '--plan', plan, '--partial', '--json']);
    assert.equal(run.code, 1);
    const json = JSON.parse(run.stdout) as ApplyJson;
    assert.equal(json.ok, false);
    assert.deepEqual(json.written, ['src/n.py']);
    assert.deepEqual(json.blocks.map((b) => [b.path, b.status]), [
      ['src/n.py', 'applied'],
      ['src/m.py', 'failed'],
    ]);
    assert.equal(ws.read('src/n.py').toString(), 'a = 2\n');
    assert.equal(ws.read('src/m.py').toString(), py);
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const ws = workspace({ 'src/n.py': 'a = 1\nb = 2\n' });
    const run = await cli(['apply', '--repo', ws.root, '--plan', ws.plan(srReply('src/n.py', 'a = 1\n', 'a = 10\n')), '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /--- a\/src\/n\.py\n\+\+\+ b\/src\/n\.py\n@@ -1,2 \+1,2 @@\n-a = 1\n\+a = 10\n b = 2/);
    assert.match(run.stdout, /Dry run: would write src\/n\.py; nothing written\./);
    assert.equal(ws.read('src/n.py').toString(), 'a = 1\nb = 2\n');
  });

  it('--json gives per-block and per-file results for a unified diff plan read from standard input', async () => {
    const ws = workspace({ 'lib/a.js': 'function a() {\n  return 1;\n}\n' });
    const diff = '--- a/lib/a.js\n+++ b/lib/a.js\n@@ -1,3 +1,3 @@\n function a() {\n-  return 1;\n+  return 2;\n }\n';
    const planFile = ws.plan(diff);
    const run = await runProcess('/bin/sh', ['-c', `"${process.execPath}" "${distCli}" apply --repo "${ws.root}" --plan - --json < "${planFile}"`], { env: cleanEnv() });
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as ApplyJson;
    assert.equal(json.ok, true);
    assert.deepEqual(json.written, ['lib/a.js']);
    const f = json.files[0];
    assert.deepEqual([f.path, f.change, f.applied, f.failed, f.eol, f.parseErrorsBefore, f.parseErrorsAfter], ['lib/a.js', 'modify', 1, 0, 'lf', 0, 0]);
    assert.equal(ws.read('lib/a.js').toString(), 'function a() {\n  return 2;\n}\n');
  });

  it('reads str_replace/create_file tool calls as JSON (OpenAI shape) and creates new files', async () => {
    const ws = workspace({ 'a.py': 'x = 1\n' });
    const calls = [
      { id: '1', type: 'function', function: { name: 'str_replace', arguments: JSON.stringify({ path: 'a.py', old_str: 'x = 1', new_str: 'x = 3' }) } },
      { id: '2', type: 'function', function: { name: 'create_file', arguments: JSON.stringify({ path: 'pkg/b.py', content: 'y = 2\n' }) } },
    ];
    const run = await cli(['apply', '--repo', ws.root, '--plan', ws.plan(JSON.stringify({ tool_calls: calls }))]);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.equal(ws.read('a.py').toString(), 'x = 3\n');
    assert.equal(ws.read('pkg/b.py').toString(), 'y = 2\n');
  });

  it('rejects a plan that breaks parsing, names the location, and leaves the file alone', async () => {
    const ws = workspace({ 'src/m.py': py });
    const run = await cli(['apply', '--repo', ws.root, '--plan', ws.plan(srReply('src/m.py', '    return 2\n', '    return [2\n'))]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /REJECTED The edited src\/m\.py no longer parses as python: .*src\/m\.py:6:\d+/);
    assert.equal(ws.read('src/m.py').toString(), py);
  });

  it('refuses unsafe paths unless --allow-unsafe-paths', async () => {
    const ws = workspace({ '.vscode/settings.json': '{\n  "a": 1\n}\n' });
    const plan = ws.plan(srReply('.vscode/settings.json', '  "a": 1\n', '  "a": 2\n'));
    const refused = await cli(['apply', '--repo', ws.root, '--plan', plan]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /FAILED   \.vscode\/settings\.json block 1: Refused: .*editor settings file/);
    assert.equal(ws.read('.vscode/settings.json').toString(), '{\n  "a": 1\n}\n');
    const allowed = await cli(['apply', '--repo', ws.root, '--plan', plan, '--allow-unsafe-paths']);
    assert.equal(allowed.code, 0, allowed.stdout);
    assert.equal(ws.read('.vscode/settings.json').toString(), '{\n  "a": 2\n}\n');
  });

  it('keeps a Latin-1 file Latin-1 and a UTF-8 BOM', async () => {
    const latin1 = Buffer.from('# caf\u00e9\nx = 1\n', 'latin1');
    const bom = Buffer.from('\uFEFFy = 1\n', 'utf8');
    const ws = workspace({ 'l.py': latin1, 'b.py': bom });
    const run = await cli(['apply', '--repo', ws.root, '--plan', ws.plan(srReply('l.py', 'x = 1\n', 'x = 2\n') + srReply('b.py', 'y = 1\n', 'y = 2\n'))]);
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(ws.read('l.py'), Buffer.from('# caf\u00e9\nx = 2\n', 'latin1'));
    assert.deepEqual(ws.read('b.py'), Buffer.from('\uFEFFy = 2\n', 'utf8'));
  });

  it('fails with exit code 1 on a plan with no edits, and 2 without --plan', async () => {
    const ws = workspace({ 'a.py': 'x\n' });
    const empty = await cli(['apply', '--repo', ws.root, '--plan', ws.plan('Nothing to change.')]);
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /no edits/);
    const usage = await cli(['apply', '--repo', ws.root]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--plan/);
  });

  it('--help documents apply', async () => {
    const run = await cli(['--help']);
    assert.match(run.stdout, /atomic-skills apply \[--repo DIR\] --plan FILE\|- \[--dry-run\] \[--partial\] \[--json\] \[--allow-unsafe-paths\]/);
  });
});
