// The review-js fixture with its known bug, the scripted model that reviews it, and the settings
// pointing the extension at that model.
import { createFixtureRepo, FixtureRepo } from './fixtureRepo';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { MODEL, scriptedModel } from './scriptedModel';
import { ScenarioContext, assert } from './scenario';

export { MODEL };
export const BUG_FILE = 'src/math.js';
export const BUG_MESSAGE = 'subtract now adds';
/** Text only the diff carries: the removed line. */
export const REMOVED_LINE = 'return a - b;';

export interface ReviewSetup {
  repo: FixtureRepo;
  /** 1-based line of the bug in src/math.js. */
  line: number;
  model: ScriptedModelServer;
  settings: Record<string, unknown>;
}

export function reviewReply(line: number): string {
  const findings = [{ file: BUG_FILE, line, severity: 'high', category: 'bug', message: BUG_MESSAGE }];
  return `<review>The change breaks subtraction.</review>\n<findings>${JSON.stringify(findings)}</findings>\n<judgment>NO</judgment>`;
}

/** Commits review-js, makes subtract add (uncommitted), starts the scripted model; all cleaned up by `t`. */
export async function setUpReview(t: ScenarioContext): Promise<ReviewSetup> {
  const repo = createFixtureRepo('review-js', [{ file: BUG_FILE, replace: { from: `  ${REMOVED_LINE}`, to: '  return a + b;' } }]);
  t.defer('remove fixture repo', () => repo.remove());
  const line = repo.lineOf(BUG_FILE, 'function subtract') + 1;
  const { model, settings } = await scriptedModel(t, [{ content: reviewReply(line), times: Infinity }]);
  return { repo, line, model, settings };
}

/** The scripted model received a chat request carrying the diff. */
export function assertDiffSent(model: ScriptedModelServer): void {
  const bodies = model.chatRequests().map((r) => JSON.stringify(r.body?.messages ?? r.body));
  assert(bodies.length > 0, 'the scripted model received no chat request');
  assert(bodies.some((b) => b.includes(REMOVED_LINE)), `no chat request contained the diff's removed line "${REMOVED_LINE}"`);
}
