import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { parseJudgment } from '../../../src/core/skills/reproduce/reproducePrompt';
import { parseReproductionReply } from '../../../src/core/skills/reproduce/parseReproduction';
import { reproduceFeedback, runReproduce } from '../../../src/core/skills/reproduce/reproduceSkill';
import type { RunPurpose } from '../../../src/core/ports/commandRunner';
import { rejectsWithReason } from '../helpers/assertions';
import { withIsolation } from '../helpers/hostileWorkspace';
import { runningContext } from '../helpers/runningContext';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, messageTexts, startServer } from '../helpers/servers';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const issue = 'subtract(5, 3) returns 8 instead of 2.';
const script = (body: string, file = 'repro_subtract.js', command = 'node repro_subtract.js') =>
  `<reproduction path="${file}" command="${command}">\n${body}</reproduction>\n<expected_failure>AssertionError: 8 !== 2</expected_failure>`;
const passing = "const { add } = require('./src/math');\nconsole.log(add(2, 2));\n";
const failing = "const assert = require('node:assert');\nconst { subtract } = require('./src/math');\nassert.strictEqual(subtract(5, 3), 2);\n";

function project() {
  const root = path.join(makeTempDir('reproduce'), 'repo');
  fs.cpSync(path.join(fixturesDir, 'localize-js'), root, { recursive: true });
  return root;
}


describe('runReproduce', () => {
  it('sends a passing script back, then reproduces with a failing one the judge accepts; nothing is left on disk', async () => {
    const root = project();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You judge a bug reproduction' }, content: '<judgment>YES</judgment><reason>subtract adds: 8 instead of 2.</reason>', times: 1 },
        { when: { lastUserIncludes: 'exited with status 0' }, content: script(failing), times: 1 },
        { when: { systemIncludes: 'You reproduce reported bugs' }, content: script(passing), times: 1 },
      ],
    });
    const ran: RunPurpose[] = [];
    const { result } = await runReproduce({ issue }, runningContext(root, server.url, ran));
    assert.equal(result.reproduced, true, JSON.stringify(result.runs));
    assert.equal(result.runs.length, 2);
    assert.equal(result.runs[0].exitCode, 0);
    assert.notEqual(result.runs[1].exitCode, 0);
    assert.match(result.runs[1].output, /AssertionError/);
    assert.deepEqual(result.command, ['node', 'repro_subtract.js']);
    assert.equal(result.script?.content, failing);
    assert.equal(fs.existsSync(path.join(root, 'repro_subtract.js')), false);
    assert.ok(ran.every((r) => r.modelProposed && r.purpose === 'run the reproduction script'));
    assert.deepEqual(ran[0].fileArgumentIndexes, [1]);
    const judge = messageTexts(server.chatRequests().find((r) => JSON.stringify(r.body).includes('You judge'))!.body).join('\n');
    assert.match(judge, /AssertionError/);
    assert.deepEqual(reproduceFeedback(result).labels, [{ kind: 'check', name: 'failsBefore', passed: true, detail: { runs: 2 } }]);
  });

  it('a failure the judge does not recognise is not a reproduction; a shell command is refused before anything runs', async () => {
    const root = project();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You judge a bug reproduction' }, content: '<judgment>NO</judgment><reason>The script fails on a missing module.</reason>', times: Infinity },
        { when: { lastUserIncludes: 'cannot run' }, content: script("require('./nope');\n"), times: Infinity },
        { when: { lastUserIncludes: 'not the way the issue describes' }, content: script("require('./still-nope');\n"), times: Infinity },
        { when: { systemIncludes: 'You reproduce reported bugs' }, content: script(failing, 'r.js', 'node r.js && rm -rf .'), times: 1 },
      ],
    });
    const ran: RunPurpose[] = [];
    const { result } = await runReproduce({ issue }, runningContext(root, server.url, ran));
    assert.equal(result.reproduced, false);
    assert.match(result.runs[0].problem ?? '', /shell/);
    assert.equal(ran.length, 2, 'the shell command never ran; the two later attempts did');
    assert.equal(result.runs[1].judgment?.matches, false);
    assert.match(result.failure ?? '', /^Not reproduced after 3 attempts\. The last one: The script fails on a missing module\.$/);
  });

  it('refuses a shell given a command string (sh -c \'… | …\') before it runs, and tells the model to use the script file', async () => {
    const root = project();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You judge a bug reproduction' }, content: '<judgment>YES</judgment><reason>subtract adds.</reason>', times: Infinity },
        { when: { lastUserIncludes: 'into the script file' }, content: script(failing), times: 1 },
        { when: { systemIncludes: 'You reproduce reported bugs' }, content: script(failing, 'r.js', "sh -c 'node r.js | tee ../outside.txt'"), times: 1 },
      ],
    });
    const ran: RunPurpose[] = [];
    const { result } = await runReproduce({ issue }, runningContext(root, server.url, ran));
    assert.match(result.runs[0].problem ?? '', /runs sh with a command string/);
    assert.equal(ran.length, 1, 'only the second, plain command ran');
    assert.equal(result.reproduced, true);
    assert.equal(fs.existsSync(path.join(root, '..', 'outside.txt')), false);
  });

  it('refuses script paths outside the workspace', async () => {
    const root = project();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You judge' }, content: '<judgment>YES</judgment><reason>ok</reason>', times: Infinity },
        { when: { lastUserIncludes: 'not allowed' }, content: script(failing), times: 1 },
        { when: { systemIncludes: 'You reproduce reported bugs' }, content: script(failing, '../escape.js', 'node ../escape.js'), times: 1 },
      ],
    });
    const { result } = await runReproduce({ issue }, runningContext(root, server.url, []));
    assert.match(result.runs[0].problem ?? '', /outside the workspace/);
    assert.equal(result.reproduced, true);
    assert.equal(fs.existsSync(path.join(root, '..', 'escape.js')), false);
  });

  it('a script path that cannot be created goes back to the model with the real reason', async () => {
    const root = project();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You judge' }, content: '<judgment>YES</judgment><reason>ok</reason>', times: Infinity },
        { when: { lastUserIncludes: 'ENOTDIR' }, content: script(failing), times: 1 },
        { when: { systemIncludes: 'You reproduce reported bugs' }, content: script(failing, 'src/math.js/repro.js', 'node src/math.js/repro.js'), times: 1 },
      ],
    });
    const { result } = await runReproduce({ issue }, runningContext(root, server.url, []));
    assert.match(result.runs[0].problem ?? '', /^Cannot create src\/math\.js\/repro\.js: ENOTDIR: not a directory.* Choose another path for the script\.$/);
    assert.doesNotMatch(result.runs[0].problem ?? '', /already exists/);
    assert.equal(result.reproduced, true);
    assert.ok(fs.statSync(path.join(root, 'src/math.js')).isFile());
  });

  it('in snapshot mode (the script runs in the real workspace, journaled), a journal that cannot be written stops the run with the reason, not a retry', async () => {
    const root = project();
    const server = await startServer({
      replies: [{ when: { systemIncludes: 'You reproduce reported bugs' }, content: script(failing), times: Infinity }],
    });
    const blocked = path.join(root, '..', 'journal-is-a-file');
    fs.writeFileSync(blocked, '');
    const ctx = { ...runningContext(root, server.url, []), journal: new MutationJournal(blocked) };
    await withIsolation('snapshot', () => rejectsWithReason(runReproduce({ issue }, ctx), 'configuration', /Cannot write the mutation journal in .*journal-is-a-file/));
    assert.equal(fs.existsSync(path.join(root, 'repro_subtract.js')), false);
  });
});

describe('reproduction replies', () => {
  it('reads path, command, script and expected failure; tolerates fences and single quotes', () => {
    assert.deepEqual(parseReproductionReply(`<reproduction path='t.py' command='python3 t.py'>\n\`\`\`python\nraise SystemExit(1)\n\`\`\`\n</reproduction>`), {
      path: 't.py',
      command: 'python3 t.py',
      content: 'raise SystemExit(1)\n',
    });
    assert.equal(parseReproductionReply('<reproduction path="a.js">x</reproduction>'), undefined, 'a command is required');
  });

  it('reads the judgment', () => {
    assert.deepEqual(parseJudgment('<judgment>no</judgment> <reason>Import error.</reason>'), { matches: false, reason: 'Import error.' });
    assert.equal(parseJudgment('maybe'), undefined);
  });
});
