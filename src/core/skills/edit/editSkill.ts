import { createTwoFilesPatch } from 'diff';
import type { EditFiles } from '../../edits/applyPlan';
import type { PathSafety } from '../../edits/pathSafety';
import { grammarLocator } from '../../code/grammarLocator';
import { TreeSitterLoader } from '../../code/treeSitterLoader';
import type { ParsedEdits } from '../../edits/editPlan';
import { parseEditReply } from '../../edits/editReplyParser';
import { formatEditReport } from '../../edits/editReport';
import { editTools } from '../../edits/editTools';
import { treeSitterParseChecker } from '../../edits/parseGuard';
import { applyWithRepairs } from '../../edits/repairLoop';
import { editToolNames, parseToolCalls } from '../../edits/toolCallParser';
import { workspaceEditFiles } from '../../edits/workspaceFiles';
import { AtomicError } from '../../errors';
import { readRegularFileIfPresent } from '../../regularFile';
import { decodeUtf8Text } from '../../textBytes';
import type { ChatMessage, TokenUsage, ToolCall } from '../../model/types';
import { buildEditMessages, buildEditRepairMessage, recordedEditToolResult, type EditTargetFile } from './editPrompt';
import { toModelReadablePath, toWorkspaceRelative } from '../../workspacePaths';
import { readOnlyToolSpecs, runReadOnlyTool } from '../readOnlyTools';
import type { SkillContext, SkillDefinition, SkillFeedback, SkillRun } from '../skillTypes';
import { readTarget, targetMaxBytes } from '../targetFiles';
import { addUsage, runToolLoop } from '../toolLoop';
import type { EditedFile, EditInput, EditResult } from './editTypes';
import { summarizeEdit } from './summarizeEdit';
import { editCheck } from './editCheck';
import { proposedFiles } from './proposedFiles';

/** How many times the model may resend failed blocks (a setting later). */
export const editMaxRepairTurns = 2;
/** Rounds of tool calls (reads and recorded edits) per attempt. */
export const editMaxToolTurns = 8;
/** File content shown in the prompt, in characters, all targets together. */
export const editMaxFileCharacters = 60_000;

const editToolSet = new Set<string>(Object.values(editToolNames));
export const editSkillTools = [...readOnlyToolSpecs, ...editTools];

/** Turns one attempt (its edit tool calls and its final text) into a plan; tool calls come first. */
export function collectEdits(calls: readonly ToolCall[], text: string): ParsedEdits {
  const fromTools = parseToolCalls(calls);
  const fromText = parseEditReply(text);
  const toolsHold = fromTools.plan.edits.length > 0 || fromTools.problems.length > 0;
  // A closing summary after tool edits is not a reply format: only text that holds edits counts then.
  const textCounts = fromText.plan.edits.length > 0 || !toolsHold;
  const parsed: ParsedEdits = {
    plan: { edits: [...fromTools.plan.edits, ...(textCounts ? fromText.plan.edits : [])] },
    problems: [...fromTools.problems, ...(textCounts ? fromText.problems : [])],
    formats: [...fromTools.formats, ...(textCounts ? fromText.formats : [])],
  };
  if (parsed.plan.edits.length === 0 && parsed.problems.length === 0) {
    parsed.problems.push({ kind: 'unsupported', message: 'The reply holds no edit: call str_replace/create_file, or answer with SEARCH/REPLACE blocks.' });
  }
  return parsed;
}

/**
 * The targets' texts, read before any model call: a file too large, binary or not UTF-8 stops the
 * run here, and so does a file in .git (its config can hold credentials, and the caller may be
 * another agent's model naming it).
 */
async function readTargets(input: EditInput, ctx: SkillContext): Promise<EditTargetFile[]> {
  const paths = [...(input.files ?? []), ...(input.selection ? [input.selection.path] : [])].map((p) => toModelReadablePath(ctx.workspace.root, p));
  const targets: EditTargetFile[] = [];
  for (const path of new Set(paths)) {
    if (!path) throw new AtomicError('usage', 'A target file path is empty.');
    const text = await readTarget(ctx.settings, (maxBytes) => workspaceEditFiles(ctx.workspace, { maxBytes }).read(path));
    targets.push({ path, text });
  }
  return targets;
}

/**
 * The files the edit reads: the workspace's, plus each unsafe path the user allowed (read from
 * disk directly, since the workspace port confines reads). Each path is asked about once per run.
 */
function editFiles(ctx: SkillContext): { files: EditFiles; confirmUnsafePath?: (safety: PathSafety) => Promise<boolean> } {
  const maxBytes = targetMaxBytes(ctx.settings);
  const base = workspaceEditFiles(ctx.workspace, { maxBytes });
  const ask = ctx.confirmUnsafePath;
  if (!ask) return { files: base };
  const answers = new Map<string, Promise<boolean>>();
  const allowed = new Map<string, string>();
  return {
    files: {
      root: base.root,
      async read(p) {
        const absolute = allowed.get(p);
        if (absolute === undefined) return base.read(p);
        const bytes = await readRegularFileIfPresent(absolute, { maxBytes, display: p });
        return bytes === undefined ? undefined : decodeUtf8Text(p, bytes);
      },
    },
    confirmUnsafePath(safety) {
      let answer = answers.get(safety.path);
      if (!answer) {
        answer = ask(safety).then((yes) => {
          if (yes) allowed.set(safety.path, safety.absolute);
          return yes;
        });
        answers.set(safety.path, answer);
      }
      return answer;
    },
  };
}

export async function runEdit(input: EditInput, ctx: SkillContext): Promise<SkillRun<EditResult>> {
  if (!input.instruction?.trim()) throw new AtomicError('usage', 'Editing needs an instruction.');
  const targets = await readTargets(input, ctx);
  let transcript: ChatMessage[] = buildEditMessages({
    instruction: input.instruction,
    targets,
    selection: input.selection && { ...input.selection, path: toWorkspaceRelative(ctx.workspace.root, input.selection.path) },
    maxToolTurns: editMaxToolTurns,
    maxFileCharacters: editMaxFileCharacters,
  });
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };

  /** One attempt: the model reads and edits through tools until it answers; edit calls are recorded, not run. */
  const attempt = async (): Promise<ParsedEdits> => {
    const recorded: ToolCall[] = [];
    const loop = await runToolLoop({
      model: ctx.model,
      messages: transcript,
      tools: editSkillTools,
      runTool: async (call) => {
        if (!editToolSet.has(call.name)) return runReadOnlyTool(ctx.workspace, call, ctx.signal);
        recorded.push(call);
        return recordedEditToolResult(call.arguments.path);
      },
      maxToolTurns: editMaxToolTurns,
      signal: ctx.signal,
      onPart: ctx.onPart,
      onToolCall: (call) => ctx.progress?.(`${call.name} ${String(call.arguments.path ?? call.arguments.text ?? '')}`.trim()),
    });
    transcript = loop.messages;
    usage = addUsage(usage, loop.usage);
    return collectEdits(recorded, loop.text);
  };

  const loader = ctx.grammarAssetDirs?.length ? new TreeSitterLoader(grammarLocator(ctx.grammarAssetDirs)) : undefined;
  try {
    ctx.progress?.(`Editing with ${ctx.model.identity.model}…`);
    const first = await attempt();
    let latest = first;
    const { files: readable, confirmUnsafePath } = editFiles(ctx);
    const repaired = await applyWithRepairs(
      first,
      readable,
      async (feedback, turn) => {
        const what = latest.plan.edits.length ? 'Some edits did not apply' : 'The reply held no edit';
        ctx.progress?.(`${what}; asking for repair ${turn} of ${editMaxRepairTurns}…`);
        transcript = [...transcript, buildEditRepairMessage(feedback, turn, editMaxRepairTurns)];
        latest = await attempt();
        return latest;
      },
      {
        maxRepairTurns: editMaxRepairTurns,
        // A file the parser fails on, or one too large for it, is not judged; the result says so.
        checker: loader && treeSitterParseChecker(loader),
        parseGuardMaxBytes: targetMaxBytes(ctx.settings),
        confirmUnsafePath,
        signal: ctx.signal,
      },
    );
    const { result } = repaired;
    const files: EditedFile[] = result.files.map((f) => ({
      path: f.path,
      change: f.change,
      before: f.before,
      after: f.after,
      diff: createTwoFilesPatch(f.before === undefined ? '/dev/null' : `a/${f.path}`, `b/${f.path}`, f.before ?? '', f.after),
      applied: f.applied,
      failed: f.failed,
      ...(f.rejected ? { rejected: f.rejected } : {}),
      ...(f.notSyntaxChecked ? { notSyntaxChecked: f.notSyntaxChecked } : {}),
    }));
    const editResult: EditResult = {
      files,
      blocks: result.blocks,
      ok: result.ok,
      repairTurns: repaired.repairTurns,
      problems: result.problems,
      report: result.ok ? '' : formatEditReport(result),
      parseGuard: loader !== undefined,
      usage,
      model: ctx.model.identity,
    };
    return { result: editResult, transcript, tools: editSkillTools };
  } finally {
    loader?.dispose();
  }
}

export { proposedFiles };

export function editFeedback(result: EditResult): SkillFeedback {
  const applied = result.blocks.filter((b) => b.status !== 'failed').length;
  return {
    files: result.files.map((f) => f.path),
    metrics: {
      blocksApplied: applied,
      blocksFailed: result.blocks.length - applied,
      repairTurns: result.repairTurns,
      files: result.files.length,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
    },
    labels: [{ kind: 'check', name: 'editApplies', passed: result.ok, detail: { repairTurns: result.repairTurns, blocksFailed: result.blocks.length - applied } }],
  };
}

/** The code-editing skill: proposes checked edits; the surfaces show them and write what the user accepts. */
export const editSkill: SkillDefinition<EditInput, EditResult> = {
  id: 'edit',
  needs: [],
  title: 'Edit Code',
  commandId: 'atomicSkills.editCode',
  toolName: 'atomicSkills_editCode',
  toolReferenceName: 'editCode',
  toolDisplayName: 'Edit Code',
  userDescription: 'Change code by an instruction: exact search/replace edits, checked to apply and to parse, shown as a diff.',
  modelDescription:
    'Propose an edit to workspace files for an instruction. Use it when asked to change, fix or add code in named files. Returns JSON: per file the unified diff and the proposed content, per edit block whether it applied, and ok. The files are written only after the user confirms the diffs.',
  inputSchema: {
    type: 'object',
    properties: {
      instruction: { type: 'string', description: 'What to change.' },
      files: { type: 'array', items: { type: 'string' }, description: 'Workspace-relative files to change.' },
      selection: {
        type: 'object',
        properties: { path: { type: 'string' }, startLine: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 } },
        required: ['path', 'startLine', 'endLine'],
      },
    },
    required: ['instruction'],
  },
  chatCommand: { name: 'edit', description: 'Change code by an instruction, as a checked diff' },
  run: runEdit,
  summarize: summarizeEdit,
  feedback: editFeedback,
  check: (result) => editCheck(result),
  agentGuidance: {
    readCheck:
      '`ok` is true when every block applied to exactly one place and the edited files still parse (check `editApplies`, which also fails when nothing changes); each file has its unified diff, each block whether it applied. Nothing is written until the user accepts the diffs.',
    onCheckFailed:
      'The edit\'s blocks did not apply: read `report` (it shows the nearest lines of the file for each failed block), then call again with the same files and an instruction that quotes those lines exactly. If the file does not parse afterwards, ask for a smaller change. If nothing changed, the instruction was already satisfied or too vague.',
  },
  retryFeedbackField: 'instruction',
  proposes: (result) => proposedFiles(result),
};
