// Shared setup for the localization tests: the fixture projects, real code indexes over them, and a
// real SkillContext (file system, code index, OpenAI-compatible model against the scripted server).
import * as path from 'node:path';
import { codeAssetDirs } from '../../../src/cli/codeAssets';
import { CodeIndex } from '../../../src/core/code/codeIndex';
import type { SymbolInfo } from '../../../src/core/code/codeTypes';
import { symbolsOf } from '../../../src/core/code/symbolTable';
import { settingsFrom, type SettingKey } from '../../../src/core/config';
import { FsWorkspace } from '../../../src/core/fsWorkspace';
import { OpenAiCompatibleModel } from '../../../src/core/model/openAiCompatibleModel';
import type { SkillContext } from '../../../src/core/skills/skillTypes';
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { fixturesDir } from '../helpers/paths';

/** test/fixtures/localize/<name>: 'python-billing' (a bug in Invoice.apply_discount) or 'ts-events' (a bug in EventBus.off). */
export function localizeFixture(name: 'python-billing' | 'ts-events'): string {
  return path.join(fixturesDir, 'localize', name);
}

const opened: CodeIndex[] = [];

/** A real code index of `root` (not yet scanned), disposed by `closeIndexes`. */
export function openIndex(root: string): CodeIndex {
  const index = CodeIndex.open({ root, assetDirs: codeAssetDirs() });
  opened.push(index);
  return index;
}

export async function refreshedIndex(root: string): Promise<CodeIndex> {
  const index = openIndex(root);
  await index.refresh();
  return index;
}

export async function closeIndexes(): Promise<void> {
  await Promise.all(opened.splice(0).map((i) => i.dispose()));
}

/** The index's symbol `Owner.name` (or a bare top-level `name`) of a file; throws when absent. */
export function indexedSymbol(index: CodeIndex, relPath: string, qualified: string): SymbolInfo {
  const record = index.file(relPath);
  if (!record) throw new Error(`${relPath} is not indexed`);
  const dot = qualified.lastIndexOf('.');
  const [owner, name] = dot >= 0 ? [qualified.slice(0, dot), qualified.slice(dot + 1)] : [undefined, qualified];
  const found = symbolsOf(record).find((s) => s.name === name && s.container === owner);
  if (!found) throw new Error(`no symbol ${qualified} in ${relPath}`);
  return found;
}

/** What runLocalize should report for an index symbol: qualified name, kind and the index's lines. */
export function expectedSymbol(index: CodeIndex, relPath: string, qualified: string) {
  const s = indexedSymbol(index, relPath, qualified);
  return { name: qualified, kind: s.kind, startLine: s.startLine, endLine: s.endLine };
}

export interface LocalizeContextOptions {
  settings?: Partial<Record<SettingKey, unknown>>;
  signal?: AbortSignal;
}

export type LocalizeTestContext = SkillContext & { progressLines: string[]; index: CodeIndex; indexCalls: number };

/** A real SkillContext for localization over `root`; its codeIndex refreshes one real index and returns it. */
export function localizeContext(root: string, server: ScriptedModelServer, options: LocalizeContextOptions = {}): LocalizeTestContext {
  const index = openIndex(root);
  const progressLines: string[] = [];
  const ctx: LocalizeTestContext = {
    model: new OpenAiCompatibleModel({ baseUrl: server.url, model: 'scripted-model', timeoutMs: 10_000, maxRetries: 0 }),
    workspace: new FsWorkspace(root),
    settings: settingsFrom((key) => options.settings?.[key]),
    signal: options.signal ?? new AbortController().signal,
    surface: 'cli',
    progress: (m) => progressLines.push(m),
    codeIndex: async (signal) => {
      ctx.indexCalls++;
      await index.refresh({ signal });
      return index;
    },
    progressLines,
    index,
    indexCalls: 0,
  };
  return ctx;
}

/** A reply in the localization format. */
export function localizationReply(files: unknown[], committed?: unknown[], prose = 'I checked the candidates.'): string {
  return `${prose}\n<localization>\n${JSON.stringify(committed === undefined ? { files } : { files, committed })}\n</localization>`;
}
