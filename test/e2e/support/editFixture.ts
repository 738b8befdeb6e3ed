// The edit scenarios' fixture: localize-js committed, and a scripted model that answers an edit
// request with SEARCH/REPLACE blocks for three files: fix `subtract` in src/math.js (one hunk), add a
// remainder operator to src/calculator.js and mention it in its doc comment (two hunks), and
// reword src/format.js's doc comment (one hunk).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import type { FeedbackRecord } from '../../../src/core/feedback/feedbackTypes';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { createFixtureRepo, FixtureRepo } from './fixtureRepo';
import { MODEL, scriptedModel } from './scriptedModel';
import { ScenarioContext } from './scenario';
import { waitFor } from './wait';

export { MODEL };
export const MATH_FILE = 'src/math.js';
export const CALC_FILE = 'src/calculator.js';
export const FORMAT_FILE = 'src/format.js';
export const EDITED_FILES = [MATH_FILE, CALC_FILE, FORMAT_FILE];
export const INSTRUCTION = 'make subtract subtract and support the % operator';
export const FIXED_LINE = '  return a - b;';
export const REMAINDER_LINE = "  '%': (a, b) => a % b,";
export const CALC_DOC_BEFORE = '/** Evaluates a one-operator expression such as "5 - 3" and returns the formatted result. */';
export const CALC_DOC_AFTER = '/** Evaluates a one-operator expression such as "5 - 3" or "7 % 2" and returns the formatted result. */';
const FORMAT_DOC_BEFORE = '/** Prints integers as they are and other numbers with at most four decimals. */';
export const FORMAT_DOC_AFTER = '/** Formats a result: integers as they are, other numbers with up to four decimals. */';

const block = (file: string, search: string, replace: string) => `${file}\n\`\`\`js\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n\`\`\`\n`;

export function editReply(): string {
  return [
    'Two changes.',
    block(MATH_FILE, 'function subtract(a, b) {\n  return a + b;\n}\n', `function subtract(a, b) {\n${FIXED_LINE}\n}\n`),
    block(CALC_FILE, "  '/': math.divide,\n", `  '/': math.divide,\n${REMAINDER_LINE}\n`),
    block(CALC_FILE, `${CALC_DOC_BEFORE}\n`, `${CALC_DOC_AFTER}\n`),
    block(FORMAT_FILE, `${FORMAT_DOC_BEFORE}\n`, `${FORMAT_DOC_AFTER}\n`),
  ].join('\n');
}

export interface EditSetup {
  repo: FixtureRepo;
  model: ScriptedModelServer;
  settings: Record<string, unknown>;
  original: (file: string) => string;
  onDisk: (file: string) => string;
}

export async function setUpEdit(t: ScenarioContext): Promise<EditSetup> {
  const repo = createFixtureRepo('localize-js');
  t.defer('remove fixture repo', () => repo.remove());
  const originals = new Map(EDITED_FILES.map((f) => [f, fs.readFileSync(path.join(repo.dir, f), 'utf8')]));
  const { model, settings } = await scriptedModel(t, [{ when: { systemIncludes: 'You edit code' }, content: editReply(), times: Infinity }], { 'atomicSkills.feedback.level': 'all' });
  return {
    repo,
    model,
    settings,
    original: (f) => originals.get(f)!,
    onDisk: (f) => fs.readFileSync(path.join(repo.dir, f), 'utf8'),
  };
}

/** The one edit record in the store once it carries labels that satisfy `done`. */
export async function waitForEditRecord(t: ScenarioContext, done: (r: FeedbackRecord) => boolean, surface: string): Promise<FeedbackRecord> {
  const store = new FeedbackStore(path.join(t.server!.userDataDir, 'User', 'globalStorage', 'atomic-skills.atomic-skills', 'feedback'));
  return waitFor('the edit record and its labels in the feedback store', async () => {
    const { records } = await store.readRecords({ skill: 'edit' });
    return records.find((r) => r.surface === surface && done(r));
  }, { timeoutMs: 15_000 }).catch(async (err: Error) => {
    const { records } = await store.readRecords();
    throw new Error(`${err.message}; the store holds ${JSON.stringify(records.map((r) => [r.skill, r.surface, r.labels]))}`);
  });
}

export const hasLabel = (r: FeedbackRecord, kind: string, target: string) =>
  r.labels.some((l) => l.kind === kind && 'target' in l && l.target === target);
