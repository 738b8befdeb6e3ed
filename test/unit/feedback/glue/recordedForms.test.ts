// Secrets planted in a repository reach the model in the forms the skills record them (read_file output,
// search_text matches, the review's numbered diff); none of them may reach the store or an export.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { exportFormats, writeExport } from '../../../../src/core/feedback/exporters';
import { FeedbackRecorder } from '../../../../src/core/feedback/feedbackRecorder';
import { FeedbackStore } from '../../../../src/core/feedback/feedbackStore';
import { recordSkillRun } from '../../../../src/core/feedback/recordSkillRun';
import { reviewSkill, runReview } from '../../../../src/core/skills/review/reviewSkill';
import { makeTempDir, removeTempDirs } from '../../helpers/paths';
import { reviewContext, reviewReply } from '../../helpers/reviewContext';
import { closeServers, startServer } from '../../helpers/servers';
import { changedReviewRepo } from '../../helpers/tempRepo';
import { randomToken } from '../feedbackFixtures';
import { awsSecret } from '../plantedSecrets';

const stores: FeedbackStore[] = [];
after(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await closeServers();
  removeTempDirs();
});

function allBytes(dir: string): string {
  return fs.readdirSync(dir).map((n) => fs.readFileSync(path.join(dir, n), 'utf8')).join('\n');
}

describe('a review of a repository with planted secrets', () => {
  it('stores and exports the exchange with every planted value redacted, in every recorded form', async () => {
    const repo = changedReviewRepo();
    const planted = {
      envOld: randomToken(18), envNew: randomToken(18), envKept: randomToken(18),
      envrc: randomToken(22), aws: awsSecret(), yaml: `pw${randomToken(10)}`, json: randomToken(24),
    };
    repo.write('.env', `REGION=${planted.envOld}\nKEPT_VALUE=${planted.envKept}\n`);
    repo.write('config/app.yml', 'db:\n  host: db\n');
    repo.commitAll('config');
    repo.write('.env', `REGION=${planted.envNew}\nKEPT_VALUE=${planted.envKept}\n`);
    repo.write('.envrc', `export DEPLOY_REF=${planted.envrc}\n`);
    repo.write('config/aws.py', `aws_sk = "${planted.aws}"\n`);
    repo.write('config/app.yml', `db:\n  host: db\n  password: ${planted.yaml}\n`);
    repo.write('config/client.json', `{\n  "apiKey": "${planted.json}"\n}\n`);
    repo.git('add', '-A');

    const server = await startServer({
      replies: [
        {
          when: { hasTools: true },
          times: 1,
          toolCalls: [
            { name: 'read_file', arguments: { path: '.env' } },
            { name: 'read_file', arguments: { path: '.envrc' } },
            { name: 'read_file', arguments: { path: 'config/app.yml' } },
            { name: 'search_text', arguments: { text: 'KEPT_VALUE' } },
            { name: 'search_text', arguments: { text: 'aws_sk' } },
          ],
        },
        { when: { toolResultIncludes: 'aws_sk' }, content: reviewReply('YES', [], 'Only configuration changed.') },
      ],
    });
    const context = await reviewContext(repo.dir, server);
    const run = await runReview({ scope: 'staged' }, context);
    // The model did get every secret, in the recorded forms: the test plants what it means to plant.
    const sent = JSON.stringify(server.chatRequests().map((r) => r.body.messages));
    for (const value of Object.values(planted)) assert.ok(sent.includes(value), `the model was sent ${value}`);
    assert.match(sent, /\d+ \+REGION=/, 'the numbered diff of .env');
    assert.match(sent, /\\n1: export DEPLOY_REF=/, 'read_file of .envrc');
    assert.match(sent, /\.env:2: KEPT_VALUE=/, 'search_text in .env');

    const storeDir = makeTempDir('recorded-forms-store');
    const store = new FeedbackStore(storeDir);
    stores.push(store);
    const recorder = new FeedbackRecorder({ store, level: () => 'all', session: 'recorded-forms' });
    assert.ok(await recordSkillRun(recorder, reviewSkill, run, { ...context, surface: 'cli' }));
    await store.close();
    const stored = allBytes(storeDir);
    assert.match(stored, /Only configuration changed\./, 'the record is stored');
    for (const [where, value] of Object.entries(planted)) assert.ok(!stored.includes(value), `the store holds the ${where} secret`);
    assert.match(stored, /\+REGION=\[REDACTED:env\]/);
    assert.match(stored, /aws_sk = \\"\[REDACTED:aws-secret\]\\"/);

    const { records } = await store.readRecords();
    const exportDir = makeTempDir('recorded-forms-export');
    for (const format of exportFormats) await writeExport(records, format, path.join(exportDir, `${format}.jsonl`));
    const exported = allBytes(exportDir);
    assert.match(exported, /Only configuration changed\./);
    for (const [where, value] of Object.entries(planted)) assert.ok(!exported.includes(value), `an export holds the ${where} secret`);
  });
});
