import * as path from 'node:path';
import { classifyEditPath } from '../../edits/pathSafety';
import { AtomicError, errorMessage } from '../../errors';
import type { ChatMessage, TokenUsage } from '../../model/types';
import type { Restore } from '../../mutate/mutationJournal';
import { buildJudgeMessages, buildReproduceMessages, parseJudgment, reproductionFormat } from './reproducePrompt';
import { formatCommandLine, splitCommandLine } from '../../run/commandLine';
import type { RunResult } from '../../run/runTypes';
import { shellWrapperProblem } from '../../run/shellWrapper';
import { checkViewFiles, describeIsolation, runInView } from '../../run/workspaceView';
import { detectTestFramework } from '../../run/testFrameworks';
import { readOnlyToolSpecs, runReadOnlyTool } from '../readOnlyTools';
import type { SkillContext, SkillDefinition, SkillFeedback, SkillRun } from '../skillTypes';
import { addUsage, runToolLoop } from '../toolLoop';
import { parseReproductionReply, type ProposedReproduction } from './parseReproduction';
import type { ReproduceInput, ReproductionResult, ReproductionRun } from './reproduceTypes';
import { reproduceCheck } from './reproduceCheck';

export const reproduceMaxToolTurns = 8;
export const reproduceMaxAttempts = 3;
const runTimeoutMs = 120_000;
const outputChars = 6_000;

const tail = (text: string) => (text.length > outputChars ? `…${text.slice(-outputChars)}` : text);

/** Checks a proposal before anything runs: a new file inside the workspace and a command without shell features. */
async function vet(root: string, proposal: ProposedReproduction): Promise<{ argv: string[]; relative: string } | string> {
  const safety = await classifyEditPath(root, proposal.path);
  if (safety.reasons.length) return `The script path is not allowed: ${safety.message}`;
  let argv: string[];
  try {
    argv = splitCommandLine(proposal.command);
  } catch (err) {
    return `The command cannot run: ${errorMessage(err)}`;
  }
  if (!argv.length) return 'The command is empty.';
  const shell = shellWrapperProblem(argv);
  if (shell) return `The command cannot run: ${shell}`;
  return { argv, relative: safety.path };
}

/**
 * Issue reproduction: the model reads the code, writes a minimal script and the command that
 * runs it; the script is run on the current code in a throwaway view of the workspace (the script
 * and whatever it writes vanish with the run; see runInView) and must fail; a second model call judges whether the failure is the one the issue describes.
 * Failed attempts go back to the model, up to three attempts in all.
 */
export async function runReproduce(input: ReproduceInput, ctx: SkillContext): Promise<SkillRun<ReproductionResult>> {
  if (!input.issue?.trim()) throw new AtomicError('usage', 'Reproduction needs the issue text.');
  if (!ctx.run) throw new AtomicError('configuration', 'Reproduction runs the script it writes, and this surface cannot run commands.');
  const root = ctx.workspace.root;
  const fw = detectTestFramework(root);
  const hints = fw ? `The project: ${fw.language}, tests with ${fw.id} (${fw.evidence}).` : 'Find out the project\'s language and how its code is imported.';
  let transcript: ChatMessage[] = buildReproduceMessages(input.issue, reproduceMaxToolTurns, hints);
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  const runs: ReproductionRun[] = [];
  let last: { proposal: ProposedReproduction; argv?: string[] } | undefined;

  const done = (reproduced: boolean, failure?: string): SkillRun<ReproductionResult> => ({
    result: {
      reproduced,
      ...(last ? { script: { path: last.proposal.path, content: last.proposal.content }, expectedFailure: last.proposal.expectedFailure } : {}),
      ...(last?.argv ? { command: last.argv } : {}),
      runs,
      ...(failure ? { failure } : {}),
      usage,
      model: ctx.model.identity,
    },
    transcript,
    tools: readOnlyToolSpecs,
  });

  for (let attempt = 1; attempt <= reproduceMaxAttempts; attempt++) {
    ctx.progress?.(attempt === 1 ? `Writing a reproduction with ${ctx.model.identity.model}…` : `Reproduction attempt ${attempt} of ${reproduceMaxAttempts}…`);
    const loop = await runToolLoop({
      model: ctx.model,
      messages: transcript,
      tools: readOnlyToolSpecs,
      runTool: (call) => runReadOnlyTool(ctx.workspace, call, ctx.signal),
      maxToolTurns: attempt === 1 ? reproduceMaxToolTurns : 3,
      signal: ctx.signal,
      onPart: ctx.onPart,
      onToolCall: (call) => ctx.progress?.(`${call.name} ${String(call.arguments.path ?? call.arguments.text ?? '')}`.trim()),
    });
    transcript = loop.messages;
    usage = addUsage(usage, loop.usage);
    const proposal = parseReproductionReply(loop.text);
    const retry = (problem: string, record: Partial<ReproductionRun> = {}) => {
      runs.push({ attempt, exitCode: null, timedOut: false, durationMs: 0, output: '', problem, ...record });
      transcript = [...transcript, { role: 'user', content: `${problem}\n\n${reproductionFormat}` }];
    };
    if (!proposal) {
      retry('Your reply holds no <reproduction> block with a path and a command.');
      continue;
    }
    last = { proposal };
    const vetted = await vet(root, proposal);
    if (typeof vetted === 'string') {
      retry(vetted);
      continue;
    }
    last = { proposal: { ...proposal, path: vetted.relative }, argv: vetted.argv };
    // The script exists only in the run's throwaway view of the workspace, with everything else the script writes.
    const files = [{ path: vetted.relative, content: proposal.content, create: true }];
    try {
      await checkViewFiles(root, files);
    } catch (err) {
      // The path's problems (it exists, a parent is a file) the model can avoid.
      if (!(err instanceof AtomicError) || (err.reason !== 'usage' && err.reason !== 'fileConflict')) throw err;
      retry(`${errorMessage(err).split(root + path.sep).join('')} Choose another path for the script.`);
      continue;
    }
    ctx.progress?.(`Running ${formatCommandLine(vetted.argv)}…`);
    const why = { purpose: 'run the reproduction script', modelProposed: true, fileArgumentIndexes: vetted.argv.map((a, i) => (a === vetted.relative ? i : -1)).filter((i) => i >= 0) };
    const run: RunResult = await runInView(
      (request) => ctx.run!(request, why),
      { argv: vetted.argv, cwd: root, timeoutMs: runTimeoutMs, maxOutputBytes: 100_000, signal: ctx.signal, sandbox: { writable: [root] } },
      { root, files, journal: ctx.journal, signal: ctx.signal },
    );
    const record: ReproductionRun = { attempt, exitCode: run.exitCode, timedOut: run.timedOut, durationMs: run.durationMs, output: tail(run.output), ...(run.isolation ? { isolation: run.isolation } : {}) };
    if (run.exitCode === 0 && !run.timedOut) {
      runs.push({ ...record, problem: 'The script passed: the bug did not show.' });
      transcript = [...transcript, { role: 'user', content: `The script exited with status 0, so it does not show the bug. Output:\n\`\`\`\n${record.output}\n\`\`\`\nMake it fail the way the issue describes.\n\n${reproductionFormat}` }];
      continue;
    }
    ctx.progress?.('Judging whether the failure is the one the issue describes…');
    const judged = await ctx.model.chat({ messages: buildJudgeMessages(input.issue, proposal.content, formatCommandLine(vetted.argv), record.output, run.exitCode), signal: ctx.signal });
    usage = addUsage(usage, judged.usage);
    const judgment = parseJudgment(judged.text) ?? { matches: false, reason: 'The judgment could not be read.' };
    runs.push({ ...record, judgment });
    if (judgment.matches) return done(true);
    transcript = [...transcript, { role: 'user', content: `The script failed, but not the way the issue describes: ${judgment.reason}\nOutput:\n\`\`\`\n${record.output}\n\`\`\`\nFix the script.\n\n${reproductionFormat}` }];
  }
  return done(false, `Not reproduced after ${reproduceMaxAttempts} attempts.`);
}

export function reproduceFeedback(result: ReproductionResult): SkillFeedback {
  return {
    files: [],
    metrics: { attempts: new Set(result.runs.map((r) => r.attempt)).size, promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens },
    labels: [{ kind: 'check', name: 'failsBefore', passed: result.reproduced, detail: { runs: result.runs.length } }],
  };
}

export function summarizeReproduction(result: ReproductionResult): string {
  const last = result.runs[result.runs.length - 1];
  const lines = [
    result.reproduced
      ? `**Reproduced:** \`${formatCommandLine(result.command ?? [])}\` fails on the current code as the issue describes.`
      : `**Not reproduced:** ${result.failure ?? last?.problem ?? 'the script did not fail as the issue describes.'}`,
  ];
  if (last?.judgment) lines.push('', `Judgment: ${last.judgment.reason}`);
  if (result.script) lines.push('', `\`${result.script.path}\``, '```', result.script.content.trimEnd(), '```');
  if (last?.output) lines.push('', 'Output:', '```text', last.output.trimEnd(), '```');
  if (last?.isolation) lines.push('', describeIsolation(last.isolation));
  return lines.join('\n');
}

/** The issue reproduction skill: a minimal script that fails on the current code the way the issue says. */
export const reproduceSkill: SkillDefinition<ReproduceInput, ReproductionResult> = {
  id: 'reproduce',
  needs: ['run'],
  title: 'Reproduce Issue',
  commandId: 'atomicSkills.reproduceIssue',
  toolName: 'atomicSkills_reproduceIssue',
  toolReferenceName: 'reproduceIssue',
  toolDisplayName: 'Reproduce Issue',
  userDescription: 'Write and run a minimal script that shows a reported bug on the current code (fail-before).',
  modelDescription:
    'Reproduce a reported bug: write a minimal script or test and the command to run it, run it on the current code, and check that it fails the way the issue describes. Use it before fixing a bug. Returns JSON: reproduced (boolean), the script (path and content), the command, and each run\'s exit code and output. Nothing is kept in the workspace.',
  inputSchema: {
    type: 'object',
    properties: { issue: { type: 'string', description: 'The issue text: what goes wrong, with the error or output seen.' } },
    required: ['issue'],
  },
  chatCommand: { name: 'reproduce', description: 'Write and run a script that shows the bug' },
  run: runReproduce,
  summarize: summarizeReproduction,
  feedback: reproduceFeedback,
  check: reproduceCheck,
  agentGuidance: {
    readCheck:
      '`reproduced` is true when the script fails on the current code the way the issue describes (check `failsBefore`); the result holds the script, the command and each run\'s exit code and output.',
    onCheckFailed:
      'Not reproduced: read `failure` and the runs\' output. Add what is missing to `issue` (the exact error, input, version or steps) and call again; if it still does not reproduce, say so rather than fixing a bug you could not show.',
  },
  retryFeedbackField: 'issue',
};
