import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { fixturesDir, makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeServers, messageTexts, startServer } from '../helpers/servers';

const repo = path.join(fixturesDir, 'localize-js');
const answer =
  '<localization>{"files":[{"path":"src/math.js","reason":"subtract is wrong","symbols":["subtract"]},{"path":"src/gone.js","reason":"made up"}],"committed":["src/math.js"]}</localization>';

before(ensureDistCli);
after(async () => {
  await closeServers();
  removeTempDirs();
});

test('localize with the model prints the documented JSON, drops invented paths and records the run', async () => {
  const server = await startServer({ replies: [{ when: { systemIncludes: 'You localize code' }, content: answer }] });
  const issue = path.join(makeTempDir('issue'), 'issue.md');
  require('node:fs').writeFileSync(issue, 'subtract(5, 3) returns 8 instead of 2');
  const store = makeTempDir('feedback');
  const r = await runProcess(process.execPath, [distCli, 'localize', '--repo', repo, '--issue', issue, '--json', '--base-url', server.url], {
    env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('cache'), ATOMIC_SKILLS_FEEDBACK_LEVEL: 'all', ATOMIC_SKILLS_FEEDBACK_DIR: store }),
  });
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json), ['files', 'committed', 'stats']);
  assert.deepEqual(json.committed, ['src/math.js']);
  assert.deepEqual(json.files.map((f: { path: string }) => f.path), ['src/math.js']);
  assert.deepEqual(Object.keys(json.files[0]), ['path', 'score', 'reason', 'symbols']);
  assert.deepEqual(json.files[0].symbols, [{ name: 'subtract', kind: 'function', startLine: 9, endLine: 11 }]);
  assert.equal(json.stats.droppedPaths, 1);
  assert.ok(messageTexts(server.chatRequests()[0].body).some((t) => t.includes('subtract(5, 3) returns 8')), 'the issue text reached the model');
  const { records } = await new FeedbackStore(store).readRecords();
  assert.deepEqual(records.map((x) => [x.skill, x.surface]), [['localize', 'cli']]);
  assert.ok(records[0].labels.some((l) => l.kind === 'check' && l.name === 'localizationPaths' && !l.passed));
});
