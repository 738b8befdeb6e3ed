import { AtomicError } from '../../errors';
import { parseChangeSet } from '../../diff/changeSet';
import { buildReviewMessages, buildReviewRepairMessage } from './reviewPrompt';
import { readOnlyToolSpecs, runReadOnlyTool } from '../readOnlyTools';
import type { SkillContext, SkillDefinition, SkillFeedback, SkillRun } from '../skillTypes';
import { addUsage, runToolLoop } from '../toolLoop';
import { anchorFindings } from './anchorFindings';
import { parseReviewReply } from './parseReview';
import { describeScope, scopeFromInput, type ReviewInput, type ReviewResult } from './reviewTypes';
import { selectDiff } from './selectDiff';
import { summarizeReview } from './summarizeReview';
import { reviewCheck } from './reviewCheck';

export async function runReview(input: ReviewInput, ctx: SkillContext): Promise<SkillRun<ReviewResult>> {
  const scope = scopeFromInput(input);
  if (!ctx.changes) throw new AtomicError('git', 'Reviewing needs a git repository.');
  ctx.progress?.(`Collecting ${describeScope(scope)}…`);
  const all = parseChangeSet(await ctx.changes.diff(scope, ctx.signal));
  if (all.length === 0) {
    throw new AtomicError('noChanges', `There are no ${describeScope(scope)} to review.`);
  }
  const { files, omitted } = selectDiff(all, ctx.settings.review.maxDiffCharacters);
  if (files.length === 0) {
    throw new AtomicError('noChanges', `Nothing reviewable in the ${describeScope(scope)}: ${omitted.join(', ')}.`);
  }
  const maxToolTurns = ctx.settings.review.maxToolTurns;
  const messages = buildReviewMessages({
    scopeDescription: describeScope(scope),
    files,
    omittedFiles: omitted,
    intent: input.intent,
    focus: input.focus,
    toolsAvailable: maxToolTurns > 0,
  });
  ctx.progress?.(`Reviewing ${files.length} file${files.length === 1 ? '' : 's'} with ${ctx.model.identity.model}…`);
  const loop = await runToolLoop({
    model: ctx.model,
    messages,
    tools: readOnlyToolSpecs,
    runTool: (call) => runReadOnlyTool(ctx.workspace, call, ctx.signal),
    maxToolTurns,
    signal: ctx.signal,
    onPart: ctx.onPart,
    onToolCall: (call) => ctx.progress?.(`${call.name} ${typeof call.arguments.path === 'string' ? call.arguments.path : typeof call.arguments.text === 'string' ? `"${call.arguments.text}"` : ''}`.trim()),
  });
  let transcript = loop.messages;
  let usage = loop.usage;
  let parsed = parseReviewReply(loop.text);
  let repaired = false;
  if (!parsed.ok) {
    ctx.progress?.('The reply was malformed; asking the model once more…');
    transcript = [...transcript, buildReviewRepairMessage(parsed.problem)];
    const retry = await ctx.model.chat({ messages: transcript, signal: ctx.signal, onPart: ctx.onPart });
    usage = addUsage(usage, retry.usage);
    transcript = [...transcript, { role: 'assistant', content: retry.text }];
    const second = parseReviewReply(retry.text);
    if (!second.ok) {
      throw new AtomicError(
        'modelReplyMalformed',
        `The model's review could not be read, even after one retry: ${second.problem}`,
        retry.text.slice(0, 2000),
      );
    }
    parsed = second;
    repaired = true;
  }
  const { findings, unanchored } = anchorFindings(parsed.value.findings, files);
  const result: ReviewResult = {
    judgment: parsed.value.judgment,
    review: parsed.value.review,
    findings,
    unanchoredFindings: [...parsed.value.rejected, ...unanchored],
    scope,
    files: files.map((f) => f.path),
    omittedFiles: omitted,
    model: ctx.model.identity,
    usage,
    toolCalls: loop.toolCalls,
    repaired,
  };
  return { result, transcript, tools: maxToolTurns > 0 ? readOnlyToolSpecs : undefined };
}

/** The review's check (SKILLS.md §5): a binary judgment (guaranteed by parsing) and every finding anchored. */
export function reviewFeedback(result: ReviewResult): SkillFeedback {
  return {
    files: result.files,
    metrics: {
      judgmentYes: result.judgment === 'YES' ? 1 : 0,
      findings: result.findings.length,
      unanchoredFindings: result.unanchoredFindings.length,
      omittedFiles: result.omittedFiles.length,
      toolCalls: result.toolCalls,
      repaired: result.repaired ? 1 : 0,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
    },
    labels: [
      {
        kind: 'check',
        name: 'reviewFormat',
        passed: result.unanchoredFindings.length === 0,
        detail: { repaired: result.repaired, findings: result.findings.length, unanchored: result.unanchoredFindings.length },
      },
    ],
  };
}

export const reviewSkill: SkillDefinition<ReviewInput, ReviewResult> = {
  id: 'review',
  needs: ['git'],
  title: 'Review Changes',
  commandId: 'atomicSkills.reviewChanges',
  toolName: 'atomicSkills_reviewChanges',
  toolReferenceName: 'reviewChanges',
  toolDisplayName: 'Review Changes',
  userDescription: 'Review uncommitted, staged or committed changes: a YES/NO verdict and findings anchored to changed lines.',
  modelDescription:
    'Review a code change in the workspace\'s git repository and judge whether it is correct. Use it after editing code, before committing, or when asked to review a diff, branch or commit range. Returns JSON: judgment (YES = the change fully and correctly does what was intended, NO = it does not), review text, and findings (file, line, severity, category, message, optional suggestion) anchored to lines of the change.',
  inputSchema: {
    type: 'object',
    properties: {
      scope: {
        type: 'string',
        enum: ['uncommitted', 'staged', 'range'],
        description: 'Which change to review: all uncommitted changes (default), only staged ones, or a revision range (needs base).',
      },
      base: { type: 'string', description: 'Base revision for scope "range", e.g. "main" or "HEAD~3".' },
      head: { type: 'string', description: 'Head revision for scope "range"; default: the working tree.' },
      intent: { type: 'string', description: 'What the change is meant to do (issue text, commit message); the judgment is made against it.' },
      focus: { type: 'string', description: 'Optional focus, e.g. "security".' },
    },
  },
  chatCommand: { name: 'review', description: 'Review your changes (add a base revision or the intent after the command)' },
  run: runReview,
  summarize: summarizeReview,
  feedback: reviewFeedback,
  check: reviewCheck,
  agentGuidance: {
    readCheck:
      '`judgment` is `YES` when the change fully and correctly does what was intended (check `judgment`); `NO` carries the reason in `review`, and `findings` point to changed lines (file, line, severity, category, message, optional suggestion). `unanchoredFindings` are remarks that did not point at a changed line.',
    onCheckFailed:
      'Read `review` and the `findings` of severity critical and high first; fix each one (call the edit skill with the finding\'s file and message, or apply its suggestion), then review again with the same `intent`. A NO with no findings means the change misses part of the intent: compare the intent with the diff.',
  },
  retryFeedbackField: 'intent',
};
