// The detail text of VS Code's consent modal for running a command.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consentDetail } from '../../../src/core/run/consentDetail';
import { sandboxedText } from '../../../src/core/run/sandboxNotice';
import { shellSyntaxNote } from '../../../src/core/run/shellWrapper';

describe('consentDetail', () => {
  it('a model-written command with shell syntax: where, how long, re-runs, the sandbox, and the CLI prompt\'s shell-syntax note', () => {
    const argv = ['node', 'repro.js', '|', 'tee', 'out.txt'];
    const detail = consentDetail({ argv, where: 'the workspace folder', modelProposed: true, timeoutMs: 120_000 });
    assert.deepEqual(detail.split('\n'), [
      'Runs in the workspace folder, as the model wrote it, for at most 120 s.',
      'Later attempts in this run may run it again after the model rewrites the script.',
      sandboxedText,
      'No shell runs this command: "|" in its arguments reaches the program as plain text, not as a pipe, redirection or operator.',
    ]);
    assert.equal(detail.split('\n')[3], shellSyntaxNote(argv));
  });

  it('a plain command: no note; not sandboxed: the reason instead of the sandbox line', () => {
    const detail = consentDetail({ argv: ['npm', 'test'], where: 'app', modelProposed: false, timeoutMs: 30_400, notSandboxed: 'Not sandboxed (no bwrap).' });
    assert.deepEqual(detail.split('\n'), ['Runs in app, for at most 30 s.', 'Not sandboxed (no bwrap).']);
  });
});
