// The localize-js fixture (a small calculator whose `subtract` adds, committed as is, with an
// ISSUE.md describing the bug), the scripted model that localizes it, and the settings pointing
// the extension at that model.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { createFixtureRepo, FixtureRepo } from './fixtureRepo';
import { MODEL, scriptedModel } from './scriptedModel';
import { ScenarioContext, assert } from './scenario';

export { MODEL };
export const ISSUE_FILE = 'ISSUE.md';
/** The file the model commits to, and the symbol in it. */
export const BUG_FILE = 'src/math.js';
export const BUG_SYMBOL = 'subtract';
/** A ranked but not committed file, and its symbol. */
export const CALLER_FILE = 'src/calculator.js';
export const CALLER_SYMBOL = 'evaluate';
export const BUG_REASON = 'subtract adds its operands';
/** Text only ISSUE.md carries: proves the issue file was the task sent to the model. */
export const ISSUE_TEXT = 'Evaluating `5 - 3` with the calculator prints `8` instead of `2`.';

export interface LocalizeSetup {
  repo: FixtureRepo;
  /** 1-based lines of `function subtract` and of its closing brace in src/math.js. */
  symbolStart: number;
  symbolEnd: number;
  model: ScriptedModelServer;
  settings: Record<string, unknown>;
}

export function localizationReply(): string {
  const answer = {
    files: [
      { path: BUG_FILE, reason: BUG_REASON, symbols: [BUG_SYMBOL] },
      { path: CALLER_FILE, reason: 'maps "-" to math.subtract', symbols: [CALLER_SYMBOL] },
    ],
    committed: [BUG_FILE],
  };
  return `The minus operator goes through math.subtract.\n<localization>${JSON.stringify(answer)}</localization>`;
}

/** 1-based line range of the function `name` in `file`: its `function` line to the first line that is just `}`. */
export function functionLines(repo: FixtureRepo, file: string, name: string): { start: number; end: number } {
  const lines = fs.readFileSync(path.join(repo.dir, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`function ${name}(`));
  const end = lines.findIndex((l, i) => i > start && l === '}');
  if (start < 0 || end < 0) throw new Error(`${file} has no top-level function ${name}`);
  return { start: start + 1, end: end + 1 };
}

/** Commits localize-js, starts the scripted model answering localization prompts; all cleaned up by `t`. */
export async function setUpLocalize(t: ScenarioContext): Promise<LocalizeSetup> {
  const repo = createFixtureRepo('localize-js');
  t.defer('remove fixture repo', () => repo.remove());
  const { start, end } = functionLines(repo, BUG_FILE, BUG_SYMBOL);
  const { model, settings } = await scriptedModel(t, [{ when: { systemIncludes: 'You localize code' }, content: localizationReply(), times: Infinity }]);
  return { repo, symbolStart: start, symbolEnd: end, model, settings };
}

/** The scripted model received a localization request whose messages contain `text`. */
export function assertLocalizationSent(model: ScriptedModelServer, text: string): void {
  const bodies = model.chatRequests().map((r) => JSON.stringify(r.body?.messages ?? r.body));
  assert(bodies.length > 0, 'the scripted model received no chat request');
  const localizing = bodies.filter((b) => b.includes('You localize code'));
  assert(localizing.length > 0, 'no chat request carried the localization system prompt');
  const escaped = JSON.stringify(text).slice(1, -1);
  assert(localizing.some((b) => b.includes(escaped)), `no localization request contained "${text}"`);
}
