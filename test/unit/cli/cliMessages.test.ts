// Issue 12, the CLI's rough edges: a mistyped flag or command names the one meant, paths follow one
// rule (the current folder, then inside --repo), and every named input file is checked before anything runs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { repoFile } from '../../../src/cli/commandPaths';
import { closestNames, editDistance, unknownFlagMessage } from '../../../src/cli/flagSuggestions';
import { captureStdio } from '../helpers/captureStdio';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, startServer } from '../helpers/servers';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const cli = (argv: string[]) => captureStdio(() => main(argv, { ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache') }, new AbortController().signal));

async function usageError(argv: string[]): Promise<string> {
  const run = await cli(argv);
  assert.equal(run.value, 2, `${argv.join(' ')}: ${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^atomic-skills: /);
  return run.stderr.replace(/^atomic-skills: /, '').trimEnd();
}

/** A copy of the node-test fixture (src/range.js, test/range.test.js). */
function project(): string {
  const root = path.join(makeTempDir('paths'), 'repo');
  fs.cpSync(path.join(fixturesDir, 'run', 'node-test'), root, { recursive: true });
  return root;
}

describe('flag and command suggestions', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    assert.equal(editDistance('retreival-only', 'retrieval-only'), 1);
    assert.equal(editDistance('json', 'json'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('suggests only names close enough, best first; a known prefix counts as close', () => {
    assert.deepEqual(closestNames('retreival-only', ['retrieval-only', 'repo', 'top']), ['retrieval-only']);
    assert.deepEqual(closestNames('retrieval', ['retrieval-only', 'repo']), ['retrieval-only']);
    assert.deepEqual(closestNames('verbose', ['repo', 'json', 'top']), []);
    assert.deepEqual(closestNames('rpo', ['repo', 'top']), ['repo']);
  });

  it('a misspelled flag is named with the flag meant, without the parser\'s raw text', async () => {
    const message = await usageError(['localize', '--repo', '.', '--issue', '-', '--retreival-only']);
    assert.equal(message, 'unknown flag --retreival-only for "localize"; did you mean --retrieval-only?');
    assert.equal(await usageError(['review', '--fail-on-yes']), 'unknown flag --fail-on-yes for "review"; did you mean --fail-on-no?');
    assert.equal(await usageError(['apply', '--dryrun']), 'unknown flag --dryrun for "apply"; did you mean --dry-run?');
    assert.equal(await usageError(['mutate', '--test', 'x']), 'unknown flag --test for "mutate"; did you mean --tests?');
    assert.equal(await usageError(['review', '--hepl']), 'unknown flag --hepl for "review"; did you mean --help?');
  });

  it('with nothing close, lists the command\'s flags', async () => {
    const message = await usageError(['index', '--verbose']);
    assert.equal(message, 'unknown flag --verbose for "index". Its flags: --help --repo --json.');
    assert.equal(await usageError(['index', '-q']), 'unknown flag -q for "index". Its flags: --help --repo --json.');
    assert.match(await usageError(['--verbose']), /^unknown flag --verbose\. Run atomic-skills --help/);
  });

  it('a flag of another command is refused by name, with a suggestion when one of this command\'s is close', async () => {
    assert.match(await usageError(['reproduce', '--issue', '-', '--apply']), /^reproduce does not take --apply\. Its options: --repo --issue --keep/);
    assert.match(await usageError(['localize', '--issue', '-', '--base', 'main']), /^localize does not take --base\. Did you mean --base-url\? Its options:/);
  });

  it('an unknown command names the one meant, or lists them', async () => {
    assert.equal(await usageError(['reveiw', '--repo', '.']), 'unknown command "reveiw"; did you mean review?');
    assert.equal(await usageError(['locallize']), 'unknown command "locallize"; did you mean localize?');
    assert.match(await usageError(['deploy']), /^unknown command "deploy"\. The commands: review, localize, edit, tests, reproduce, fix, run, index, apply, mutate, export/);
  });

  it('a flag without its value says so in our words', async () => {
    assert.equal(await usageError(['review', '--repo']), '--repo needs a value.');
    assert.match(await usageError(['review', '--repo', '--json']), /^--repo is followed by --json, not by its value; .* write --repo=--json\.$/);
    assert.equal(await usageError(['review', '--json=yes']), '--json takes no value (got --json=yes).');
  });

  it('the message helper words a flag with an = value by its name', () => {
    assert.equal(unknownFlagMessage('--tpo=3', 'localize', ['top', 'repo']), 'unknown flag --tpo=3 for "localize"; did you mean --top?');
  });
});

describe('paths on the command line: the current folder, then inside --repo', () => {
  it('resolves against the current folder and answers relative to the repository', () => {
    const root = project();
    assert.equal(repoFile(root, '--target', path.join(root, 'src', 'range.js')), 'src/range.js');
    assert.equal(repoFile(root, '--test-file', path.join(root, 'test', 'new', 'more.test.js'), 'new'), 'test/new/more.test.js');
    const link = path.join(makeTempDir('link'), 'repo-link');
    fs.symlinkSync(root, link);
    assert.equal(repoFile(link, '--tests', path.join(root, 'test', 'range.test.js')), 'test/range.test.js', '--repo through a link, the file by its real path');
  });

  it('refuses a path outside --repo, also through a symbolic link, and a path that is not a regular file', () => {
    const root = project();
    const outside = path.join(makeTempDir('outside'), 'x.js');
    fs.writeFileSync(outside, 'x\n');
    assert.throws(() => repoFile(root, '--target', outside), /--target .*x\.js \(.*\) is outside --repo/);
    fs.symlinkSync(outside, path.join(root, 'src', 'out.js'));
    assert.throws(() => repoFile(root, '--target', path.join(root, 'src', 'out.js')), /leads through a symbolic link out of --repo/);
    assert.throws(() => repoFile(root, '--target', path.join(root, 'src')), /--target .*src is a folder; name a file/);
    assert.throws(() => repoFile(root, '--target', root), /is a folder/);
    assert.throws(() => repoFile(root, '--test-file', path.join(root, 'test'), 'new'), /is a folder/);
  });

  it('a repository-relative path given from elsewhere is refused, naming the file that was probably meant', async () => {
    const root = project();
    const message = await usageError(['mutate', '--repo', root, '--target', 'src/range.js', '--tests', 'test/range.test.js']);
    assert.match(message, /^--target src\/range\.js: no such file \(.*\)\. Paths on the command line are relative to the current folder; did you mean .*repo\/src\/range\.js\?$/);
  });

  it('mutate --tests missing.js: no such file, exit 2, before any test runs', async () => {
    const root = project();
    const message = await usageError(['mutate', '--repo', root, '--target', path.join(root, 'src', 'range.js'), '--tests', path.join(root, 'missing.js')]);
    assert.match(message, /^--tests .*missing\.js: no such file/);
    assert.doesNotMatch(message, /do not pass/);
  });

  it('refuses a FIFO as --tests, --files, --issue or --plan instead of hanging on it', { skip: process.platform === 'win32' }, async () => {
    const root = project();
    const fifo = path.join(root, 'pipe');
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    const server = await startServer();
    assert.match(await usageError(['mutate', '--repo', root, '--target', path.join(root, 'src', 'range.js'), '--tests', fifo]), /--tests .*pipe is a FIFO \(named pipe\); name a file\./);
    assert.match(await usageError(['edit', '--repo', root, '--instruction', 'x', '--files', fifo, '--base-url', server.url]), /--files .*pipe is a FIFO/);
    assert.match(await usageError(['localize', '--repo', root, '--issue', fifo, '--retrieval-only']), /--issue .*pipe is a FIFO \(named pipe\); name a file, or - for standard input\./);
    assert.match(await usageError(['apply', '--repo', root, '--plan', fifo]), /--plan .*pipe is a FIFO/);
    assert.match(await usageError(['reproduce', '--repo', root, '--issue', path.join(root, 'nope.md'), '--yes', '--base-url', server.url]), /--issue .*nope\.md: no such file/);
    assert.match(await usageError(['fix', '--repo', root, '--issue', path.join(root, 'src'), '--yes', '--base-url', server.url]), /--issue .*src is a folder/);
    assert.equal(server.requests.length, 0, 'nothing reached the model');
  });

  it('test: --target and --test-file by the same rule', async () => {
    const root = project();
    const server = await startServer();
    assert.match(await usageError(['test', '--repo', root, '--target', path.join(root, 'src', 'nope.js:range'), '--yes', '--base-url', server.url]), /^--target .*nope\.js: no such file/);
    assert.match(await usageError(['test', '--repo', root, '--target', path.join(root, 'src', 'range.js'), '--test-file', path.join(makeTempDir('elsewhere'), 't.test.js'), '--yes', '--base-url', server.url]), /^--test-file .* is outside --repo/);
    assert.match(await usageError(['test', '--repo', root, '--target', path.join(root, 'src', 'range.js'), '--test-file', path.join(root, 'test', 'range.test.js'), '--yes', '--base-url', server.url]), /^--test-file test\/range\.test\.js exists; name a new file/);
    assert.equal(server.requests.length, 0);
  });
});
