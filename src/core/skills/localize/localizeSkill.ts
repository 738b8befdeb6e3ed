import type { CodeIndex } from '../../code/codeIndex';
import { retrieveCandidates } from '../../code/retrieve';
import { symbolsOf } from '../../code/symbolTable';
import { AtomicError, errorMessage } from '../../errors';
import { buildLocalizeMessages, buildLocalizeRepairMessage } from './localizePrompt';
import { toWorkspaceRelative } from '../../workspacePaths';
import type { SkillContext, SkillDefinition, SkillFeedback, SkillRun } from '../skillTypes';
import { addUsage, runToolLoop } from '../toolLoop';
import type { LocalizationResult, LocalizedFile, LocalizedSymbol, LocalizeInput } from './localizeTypes';
import { navigationToolSpecs, runNavigationTool } from './navigationTools';
import { parseLocalizationReply, type RawLocalization, type RawLocalizedFile } from './parseLocalization';
import { summarizeLocalization } from './summarizeLocalization';
import { localizeCheck } from './localizeCheck';

const candidateCount = 15;

function resolveSymbols(index: CodeIndex, path: string, raw: RawLocalizedFile['symbols']): LocalizedSymbol[] {
  const record = index.file(path);
  if (!record) return [];
  const known = symbolsOf(record);
  const out: LocalizedSymbol[] = [];
  for (const want of raw) {
    const [owner, name] = want.name.includes('.') ? [want.name.slice(0, want.name.lastIndexOf('.')), want.name.slice(want.name.lastIndexOf('.') + 1)] : [undefined, want.name];
    const match =
      known.find((s) => s.name === name && (!owner || s.container === owner || owner.endsWith('.' + s.container))) ??
      known.find((s) => s.name === name);
    if (!match) continue;
    // Compared by the qualified name it is reported under, so "Class.m" and "m" count once.
    const qualified = match.container ? `${match.container}.${match.name}` : match.name;
    if (!out.some((o) => o.name === qualified && o.startLine === match.startLine)) {
      out.push({ name: qualified, kind: match.kind, startLine: match.startLine, endLine: match.endLine });
    }
  }
  return out;
}

/** Keeps the files that exist in the workspace; the rest are reported, never guessed. */
function checkPaths(index: CodeIndex, root: string, raw: RawLocalization): { files: LocalizedFile[]; committed: string[]; dropped: LocalizationResult['dropped'] } {
  const dropped: LocalizationResult['dropped'] = [];
  const kept: RawLocalizedFile[] = [];
  for (const file of raw.files) {
    let rel: string;
    try {
      rel = toWorkspaceRelative(root, file.path);
    } catch (err) {
      dropped.push({ path: file.path, reason: errorMessage(err) });
      continue;
    }
    if (!index.file(rel)) dropped.push({ path: file.path, reason: 'no such file in the workspace (or it is ignored)' });
    else if (!kept.some((k) => k.path === rel)) kept.push({ ...file, path: rel });
  }
  const files = kept.map((f, i) => ({
    path: f.path,
    score: Math.round((1 - i / Math.max(kept.length, 1)) * 1000) / 1000,
    reason: f.reason || 'named by the model',
    symbols: resolveSymbols(index, f.path, f.symbols),
  }));
  const committed = raw.committed
    .map((c) => {
      try {
        return toWorkspaceRelative(root, c);
      } catch {
        return '';
      }
    })
    .filter((c, i, all) => c && index.file(c) && all.indexOf(c) === i);
  return { files, committed: committed.length ? committed : files.slice(0, 1).map((f) => f.path), dropped };
}

export async function runLocalize(input: LocalizeInput, ctx: SkillContext): Promise<SkillRun<LocalizationResult>> {
  const started = Date.now();
  if (!input.task?.trim()) throw new AtomicError('usage', 'Localization needs a task or issue text.');
  if (!ctx.codeIndex) throw new AtomicError('configuration', 'Localization needs the code index.');
  ctx.progress?.('Indexing the workspace…');
  const index = await ctx.codeIndex(ctx.signal);
  const top = Math.max(1, Math.min(input.top ?? 10, 50));
  const retrieval = retrieveCandidates(index, input.task, { top: Math.max(top, candidateCount), activeFile: input.activeFile, signal: ctx.signal });
  const stats = { indexedFiles: index.size, candidates: retrieval.files.length, retrievalMilliseconds: retrieval.stats.milliseconds, milliseconds: 0 };
  if (input.retrievalOnly) {
    const files = retrieval.files.slice(0, top).map((c) => ({
      path: c.path,
      score: c.score,
      reason: c.reason,
      symbols: c.symbols.map((s) => ({ name: s.container ? `${s.container}.${s.name}` : s.name, kind: s.kind, startLine: s.startLine, endLine: s.endLine })),
    }));
    const result: LocalizationResult = {
      files,
      committed: files.slice(0, 1).map((f) => f.path),
      dropped: [],
      retrievalOnly: true,
      usage: { promptTokens: 0, completionTokens: 0 },
      toolCalls: 0,
      repaired: false,
      stats: { ...stats, milliseconds: Date.now() - started },
    };
    return { result, transcript: [] };
  }
  const maxToolTurns = ctx.settings.localize.maxToolTurns;
  ctx.progress?.(`Navigating ${retrieval.files.length} candidates with ${ctx.model.identity.model}…`);
  const loop = await runToolLoop({
    model: ctx.model,
    messages: buildLocalizeMessages({ task: input.task, candidates: retrieval.files.slice(0, candidateCount), activeFile: input.activeFile, maxToolTurns }),
    tools: navigationToolSpecs,
    runTool: (call) => runNavigationTool(index, ctx.workspace, call, ctx.signal),
    maxToolTurns,
    signal: ctx.signal,
    onPart: ctx.onPart,
    onToolCall: (call) => ctx.progress?.(`${call.name} ${String(call.arguments.path ?? call.arguments.name ?? call.arguments.text ?? '')}`.trim()),
  });
  let transcript = loop.messages;
  let usage = loop.usage;
  let parsed = parseLocalizationReply(loop.text);
  let repaired = false;
  if (!parsed.ok) {
    transcript = [...transcript, buildLocalizeRepairMessage(parsed.problem)];
    const retry = await ctx.model.chat({ messages: transcript, signal: ctx.signal, onPart: ctx.onPart });
    usage = addUsage(usage, retry.usage);
    transcript = [...transcript, { role: 'assistant', content: retry.text }];
    parsed = parseLocalizationReply(retry.text);
    if (!parsed.ok) throw new AtomicError('modelReplyMalformed', `The model's localization could not be read, even after one retry: ${parsed.problem}`, retry.text.slice(0, 2000));
    repaired = true;
  }
  const checked = checkPaths(index, ctx.workspace.root, parsed.value);
  if (!checked.files.length) {
    throw new AtomicError('modelReplyMalformed', `None of the files the model named exist: ${checked.dropped.map((d) => d.path).join(', ')}.`);
  }
  const result: LocalizationResult = {
    files: checked.files.slice(0, top),
    committed: checked.committed,
    dropped: checked.dropped,
    retrievalOnly: false,
    model: ctx.model.identity,
    usage,
    toolCalls: loop.toolCalls,
    repaired,
    stats: { ...stats, milliseconds: Date.now() - started },
  };
  return { result, transcript, tools: navigationToolSpecs };
}

export function localizeFeedback(result: LocalizationResult): SkillFeedback {
  return {
    files: result.committed,
    metrics: {
      files: result.files.length,
      committed: result.committed.length,
      dropped: result.dropped.length,
      toolCalls: result.toolCalls,
      repaired: result.repaired ? 1 : 0,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
    },
    labels: [{ kind: 'check', name: 'localizationPaths', passed: result.dropped.length === 0, detail: { dropped: result.dropped.length } }],
  };
}

export const localizeSkill: SkillDefinition<LocalizeInput, LocalizationResult> = {
  id: 'localize',
  needs: ['index'],
  title: 'Localize',
  commandId: 'atomicSkills.localizeCode',
  toolName: 'atomicSkills_localizeCode',
  toolReferenceName: 'localizeCode',
  toolDisplayName: 'Localize Code',
  userDescription: 'Find the files and functions that must change for a task or issue, ranked, with reasons.',
  modelDescription:
    'Find where in the workspace a task or bug report must be addressed. Use it before editing code for an issue, or when asked where something is implemented. Returns JSON: files ranked by likelihood (path, score, one-line reason, symbols with line ranges) and the committed set of files to change.',
  inputSchema: {
    type: 'object',
    properties: {
      task: { type: 'string', description: 'The task or issue text, including any stack trace.' },
      top: { type: 'integer', minimum: 1, maximum: 50, description: 'How many ranked files to return (default 10).' },
      retrievalOnly: { type: 'boolean', description: 'Rank with the code index only, without the model (fast).' },
    },
    required: ['task'],
  },
  chatCommand: { name: 'localize', description: 'Find the files and functions a task or issue must change' },
  run: runLocalize,
  summarize: summarizeLocalization,
  feedback: localizeFeedback,
  check: localizeCheck,
  agentGuidance: {
    readCheck:
      '`committed` lists the files to change (check `committed`: passed when it holds at least one file); `files` ranks candidates with a score, a one-line reason and the symbols with line ranges.',
    onCheckFailed:
      'Nothing was committed to: add detail to `task` (the error message, a stack trace, a file or function name you suspect) and call again, or use `retrievalOnly` to see the index\'s ranking; do not edit blindly.',
  },
  retryFeedbackField: 'task',
};
