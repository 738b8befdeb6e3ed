// A real SkillContext for the review skill: git, the file system and the OpenAI-compatible model
// against a scripted server.
import { settingsFrom, type SettingKey } from '../../../src/core/config';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { GitChanges } from '../../../src/core/git/gitChanges';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import type { SkillContext } from '../../../src/core/skills/skillTypes';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';

export interface ReviewContextOptions {
  settings?: Partial<Record<SettingKey, unknown>>;
  signal?: AbortSignal;
  model?: string;
}

export async function reviewContext(repoDir: string, server: ScriptedModelServer, options: ReviewContextOptions = {}): Promise<SkillContext & { progressLines: string[] }> {
  const changes = await GitChanges.open(repoDir);
  const progressLines: string[] = [];
  return {
    model: new OpenAiCompatibleModel({ baseUrl: server.url, model: options.model ?? 'scripted-model', timeoutMs: 10_000, maxRetries: 0 }),
    workspace: new FsWorkspace(changes.root),
    changes,
    settings: settingsFrom((key) => options.settings?.[key]),
    signal: options.signal ?? new AbortController().signal,
    surface: 'cli',
    progress: (m) => progressLines.push(m),
    progressLines,
  };
}

/** A reply in the review format. */
export function reviewReply(judgment: 'YES' | 'NO', findings: unknown[] = [], review = 'The change was read in full.'): string {
  return `<review>\n${review}\n</review>\n<findings>\n${JSON.stringify(findings)}\n</findings>\n<judgment>${judgment}</judgment>`;
}
