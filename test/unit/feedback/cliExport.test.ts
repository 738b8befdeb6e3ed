// `atomic-skills export` end to end: the bundled dist/cli.js (built by `npm run build`) run as its own process.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultFeedbackDir } from '../../../src/cli/feedbackDir';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { cleanEnv, distCli, ensureDistCli, runProcess } from '../helpers/distCli';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { checkRow } from './exportFormatChecks';
import { labelEvent, recordEvent } from './feedbackFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(removeTempDirs);

const cli = (args: string[], env?: Record<string, string>) => runProcess(process.execPath, [distCli, 'export', ...args], { env: cleanEnv(env) });

/** A store with a linked pair (edit), and a helpful review from 2024 and a rejected one from 2025 (a same-prompt pair). */
async function sampleStore(): Promise<string> {
  const dir = makeTempDir('cli-store');
  const store = new FeedbackStore(dir);
  const a = recordEvent({ id: 'a', skill: 'edit', completion: { text: 'first' } });
  const b = recordEvent({ id: 'b', skill: 'edit', previousAttemptId: 'a', completion: { text: 'second' } });
  const old = recordEvent({ id: 'old', skill: 'review', time: '2024-06-01T00:00:00.000Z', completion: { text: 'old review' } });
  const recent = recordEvent({ id: 'recent', skill: 'review', completion: { text: 'new review' } });
  await store.appendMany([a, b, old, recent, labelEvent('a', { kind: 'rejected' }), labelEvent('b', { kind: 'accepted' }), labelEvent('old', { kind: 'vote', value: 'helpful' }), labelEvent('recent', { kind: 'rejected' })]);
  await store.close();
  fs.appendFileSync((await store.files())[0], '{"cut": ');
  return dir;
}

const rowsOf = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('atomic-skills export', () => {
  it('writes each format from --store and reports rows, skips and damaged lines', async () => {
    const store = await sampleStore();
    const out = makeTempDir('cli-out');
    for (const [format, rows] of [['trl-dpo', 2], ['openai-dpo', 2], ['trl-kto', 4]] as const) {
      const file = path.join(out, `${format}.jsonl`);
      const run = await cli(['--format', format, '--store', store, '--out', file]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Wrote ${rows} ${format} rows? to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} from 4 records\\.`));
      assert.match(run.stdout, /Damaged store lines skipped: 1\./);
      const parsed = rowsOf(file);
      assert.equal(parsed.length, rows);
      parsed.forEach((r) => checkRow(format, r));
    }
    assert.deepEqual(rowsOf(path.join(out, 'trl-dpo.jsonl'))[0].chosen, [{ role: 'assistant', content: 'second' }]);
  });

  it('filters by --skill and --since, and reads ATOMIC_SKILLS_FEEDBACK_DIR without --store', async () => {
    const store = await sampleStore();
    const file = path.join(makeTempDir('cli-out'), 'kto.jsonl');
    const run = await cli(['--format', 'trl-kto', '--skill', 'review', '--since', '2025-01-01', '--out', file], { ATOMIC_SKILLS_FEEDBACK_DIR: store });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(rowsOf(file).map((r) => [r.completion[0].content, r.label]), [['new review', false]]);
  });

  it('exits 2 with a clear message on usage errors, writing nothing', async () => {
    const store = await sampleStore();
    const out = makeTempDir('cli-out');
    const file = path.join(out, 'x.jsonl');
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'trl-dpo', '--store', store], /export needs --out FILE/],
      [['--format', 'csv', '--store', store, '--out', file], /Unknown export format "csv"; use one of: trl-dpo, trl-kto, openai-dpo/],
      [['--store', store, '--out', file], /export needs --format/],
      [['--format', 'trl-dpo', '--since', 'last week', '--store', store, '--out', file], /--since must be a date/],
      [['--format', 'trl-dpo', '--store', path.join(store, 'nope'), '--out', file], /No feedback data at/],
      [['--format', 'trl-dpo', '--store', store, '--out', path.join(out, 'missing', 'x.jsonl')], /folder of --out does not exist/],
      [['--format', 'trl-dpo', '--store', store, '--out', file, 'extra'], /Unexpected argument "extra"/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    assert.deepEqual(fs.readdirSync(out), []);
  });
});

describe('defaultFeedbackDir', () => {
  it('is the VS Code global storage of the extension on each OS, unless the environment names one', () => {
    assert.equal(defaultFeedbackDir({}, 'linux', '/home/ann'), '/home/ann/.config/Code/User/globalStorage/atomic-skills.atomic-skills/feedback');
    assert.equal(defaultFeedbackDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ann'), '/cfg/Code/User/globalStorage/atomic-skills.atomic-skills/feedback');
    assert.equal(defaultFeedbackDir({}, 'darwin', '/Users/ann'), '/Users/ann/Library/Application Support/Code/User/globalStorage/atomic-skills.atomic-skills/feedback');
    assert.equal(defaultFeedbackDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann'), 'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\globalStorage\\atomic-skills.atomic-skills\\feedback');
    assert.equal(defaultFeedbackDir({ ATOMIC_SKILLS_FEEDBACK_DIR: '/data/fb' }, 'linux', '/home/ann'), '/data/fb');
  });
});
