// A real SkillContext for the edit skill: the file system, the tree-sitter grammars and the
// OpenAI-compatible model against a scripted server; and the small project it edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeAssetDirs } from '../../../src/cli/codeAssets';
import { settingsFrom } from '../../../src/core/config';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import type { SkillContext } from '../../../src/core/skills/skillTypes';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { makeTempDir } from '../helpers/paths';

export const mathJs = 'function add(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add };\n';
export const fixedMathJs = 'function add(a, b) {\n  return a + b;\n}\n\nmodule.exports = { add };\n';

/** A temp folder holding src/math.js (with the bug). */
export function makeProject(): string {
  const dir = makeTempDir('edit');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'math.js'), mathJs);
  return dir;
}

export function editContext(dir: string, server: ScriptedModelServer): SkillContext {
  return {
    model: new OpenAiCompatibleModel({ baseUrl: server.url, model: 'scripted-model', timeoutMs: 10_000, maxRetries: 0 }),
    workspace: new FsWorkspace(dir),
    settings: settingsFrom(() => undefined),
    signal: new AbortController().signal,
    surface: 'cli',
    grammarAssetDirs: codeAssetDirs(),
  };
}

/** A SEARCH/REPLACE reply for one block of src/math.js. */
export function srReply(search: string, replace: string, file = 'src/math.js'): string {
  return `I will fix it.\n\n${file}\n\`\`\`js\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n\`\`\`\n`;
}
