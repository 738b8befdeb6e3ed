// Issue 13: commands run without a shell, so a model-written `sh -c '… | …'` is refused by name, and
// the consent prompt says that shell syntax in an argument is only text.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { cliCommandRunner } from '../../../src/cli/cliRunner';
import { splitCommandLine } from '../../../src/core/run/commandLine';
import { shellSyntaxNote, shellWrapperProblem } from '../../../src/core/run/shellWrapper';
import { parseReproductionReply } from '../../../src/core/skills/reproduce/parseReproduction';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { after } from 'node:test';

after(removeTempDirs);

const problem = (line: string) => shellWrapperProblem(splitCommandLine(line));

describe('shell wrappers in model-written commands', () => {
  it('refuses a shell given a command string, directly or behind a launcher', () => {
    for (const line of [
      "sh -c 'node r.js | tee out'",
      "bash -c 'node r.js > out'",
      "/bin/bash -ec 'node r.js && rm -rf .'",
      "bash -o pipefail -c 'a | b'",
      "zsh --command 'x'",
      "env FOO=1 sh -c 'x'",
      "timeout 5 bash -lc 'x'",
      "nice -n 5 dash -c x",
      "sudo -u root sh -c x",
      "busybox sh -c x",
      "cmd /c 'dir > x'",
      "pwsh -Command 'Get-Item'",
    ]) {
      assert.match(problem(line) ?? '', /with a command string .*commands run without a shell\. Put those commands into the script file/, line);
    }
    assert.match(problem("env -S 'sh -c x'") ?? '', /env -S/);
  });

  it('lets a shell run a script file, and any other program, pass', () => {
    for (const line of ['sh repro.sh', 'bash -e repro.sh -c', 'node repro.js', 'python3 -c "print(1)"', 'env NODE_ENV=test node r.js', 'timeout 5 node r.js', 'env python3 -S r.py', 'grep -c sh file.txt']) {
      assert.equal(problem(line), undefined, line);
    }
  });

  it('the consent note names the shell syntax that reaches the program as text', () => {
    assert.equal(shellSyntaxNote(['node', 'r.js']), undefined);
    assert.equal(shellSyntaxNote(['node', 'r.js', 'a > b']), 'No shell runs this command: ">" in its arguments reaches the program as plain text, not as a pipe, redirection or operator.');
    assert.match(shellSyntaxNote(['node', '-e', 'x && y | z']) ?? '', /"&&", "\|" in its arguments reach the program as plain text/);
  });

  it('a reproduction whose command holds ">" is read (and its command then refused by name), not lost as "no block"', () => {
    const reply = '<reproduction path="r.js" command="node r.js > out.txt">\nconsole.log(1);\n</reproduction>';
    const parsed = parseReproductionReply(reply);
    assert.equal(parsed?.command, 'node r.js > out.txt');
    assert.equal(parsed?.content, 'console.log(1);\n');
    assert.throws(() => splitCommandLine(parsed!.command), /The command uses ">", a shell feature; commands run without a shell/);
    assert.equal(parseReproductionReply("<reproduction path='a.js' command='node a.js'>\nx\n</reproduction>")?.path, 'a.js');
  });
});

describe('the CLI runner and shell syntax', () => {
  it('refuses a model-proposed shell wrapper even with --yes, before running it', async () => {
    const cwd = makeTempDir('runner');
    const run = cliCommandRunner(true, { err: () => undefined });
    await assert.rejects(
      run({ argv: ['sh', '-c', 'echo hi > owned'], cwd, timeoutMs: 5000, maxOutputBytes: 10_000 }, { purpose: 'run the reproduction script', modelProposed: true }),
      /Refusing to run the reproduction script \(sh -c 'echo hi > owned'\): The command runs sh with a command string/,
    );
  });

  it('says at the prompt that a quoted ">" is not a redirection', async () => {
    const cwd = makeTempDir('runner');
    const input = new PassThrough();
    const prompts: string[] = [];
    const stderrWrite = process.stderr.write;
    process.stderr.write = ((chunk: unknown) => (prompts.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const run = cliCommandRunner(false, { err: () => undefined, input, interactive: true });
      setTimeout(() => input.end('n\n'), 50);
      await assert.rejects(run({ argv: [process.execPath, '-e', 'console.log("a > b")'], cwd, timeoutMs: 5000, maxOutputBytes: 10_000 }, { purpose: 'run the reproduction script', modelProposed: true }), /you declined/);
    } finally {
      process.stderr.write = stderrWrite;
    }
    assert.match(prompts.join(''), /No shell runs this command: ">" in its arguments reaches the program as plain text/);
  });
});
