// A real SkillContext for skills that run code: the scripted model, the file system, the grammars,
// a journal beside the project, and the process runner (each run's purpose is collected).
import * as path from 'node:path';
import { codeAssetDirs } from '../../../src/cli/codeAssets';
import { settingsFrom } from '../../../src/core/config';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import { MutationJournal } from '../../../src/core/mutate/mutationJournal';
import { runProcess } from '../../../src/core/run/runProcess';
import type { SkillContext } from '../../../src/core/skills/skillTypes';
import type { RunPurpose } from '../../../src/core/ports/commandRunner';

export function runningContext(root: string, modelUrl: string, ran: RunPurpose[] = [], signal = new AbortController().signal): SkillContext {
  return {
    model: new OpenAiCompatibleModel({ baseUrl: modelUrl, model: 'scripted-model', timeoutMs: 20_000, maxRetries: 0 }),
    workspace: new FsWorkspace(root),
    settings: settingsFrom(() => undefined),
    signal,
    surface: 'cli',
    grammarAssetDirs: codeAssetDirs(),
    journal: new MutationJournal(path.join(root, '..', 'journal')),
    run: (request, why) => {
      ran.push(why);
      return runProcess(request);
    },
  };
}
