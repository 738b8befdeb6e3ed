import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { openSkillContext } from '../cli/skillContext';
import { cliWording } from '../cli/cliWording';
import { AtomicError, errorMessage } from '../core/errors';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import type { SkillContext, SkillOrWorkflow, SkillRecorder, StepSkillDefinition } from '../core/skills/skillTypes';
import type { StepEvent } from '../core/workflows/workflowTypes';
import { withoutHugeFileTexts } from '../core/skills/edit/editedFileJson';
import { mcpCommandRunner, noConsentMessage, type AskToRun } from './mcpRunner';
import { stepLine } from '../core/workflows/workflowSummary';
import type { McpSessionDeps } from './mcpSession';
import { proposalSummary, type ProposalStore } from './proposals';
import { applyToolName, errorResult } from './mcpResults';
import { rootOf, type McpExtra } from './mcpRoot';

/** What a tool runs: a registry skill or workflow, or a workflow of the repository's own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ToolSource = StepSkillDefinition<any, any> & Pick<SkillOrWorkflow<any, any>, 'toolResult'>;

export interface ToolCall {
  name: string;
  source: ToolSource;
  input: unknown;
  extra: McpExtra;
  server: Server;
  proposals: ProposalStore;
  /** The workspace root when the caller resolved it already (a repository workflow's tool). */
  root?: string;
}

/** Progress lines as notifications/progress, when the request asked for them (a progressToken). */
function progressOf(extra: McpExtra): ((message: string) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let progress = 0;
  return (message) => {
    void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: ++progress, message } }).catch(() => undefined);
  };
}

/** The user's yes through MCP elicitation, when the client declared it. */
function askOf(server: Server, extra: McpExtra): AskToRun | undefined {
  if (!server.getClientCapabilities()?.elicitation?.form) return undefined;
  return async (message) => {
    let answer;
    try {
      answer = await server.elicitInput({ mode: 'form', message, requestedSchema: { type: 'object', properties: {} } }, { signal: extra.signal, relatedRequestId: extra.requestId });
    } catch (err) {
      if (extra.signal.aborted) throw err;
      // The SDK's own text for a malformed answer is a schema dump; say what happened and that nothing ran.
      const why = errorMessage(err).replace(/^(MCP error -?\d+: )+/, '').split(/[\n:[]/)[0].trim();
      throw new AtomicError('cancelled', `Not run: the client's answer to the question could not be read${why ? ` (${why})` : ''}; nothing was run. The client must answer accept, decline or cancel.`);
    }
    return answer.action === 'accept';
  };
}

/**
 * One tool call: the context from what the source needs (openSkillContext, as the CLI builds it),
 * the run with the request's AbortSignal, the run recorded (surface 'mcp'), and the result as
 * structuredContent {result, check, proposal?} plus the summary as text. Files a result proposes
 * are kept as a proposal, never written. Every failure is a tool error with the same text the
 * CLI prints.
 */
export async function runTool(call: ToolCall, deps: McpSessionDeps): Promise<CallToolResult> {
  const { source, extra, server } = call;
  try {
    const runs = source.needs.includes('run');
    const ask = askOf(server, extra);
    if (runs && !ask && !deps.options.allowProjectTests) {
      throw new AtomicError('usage', noConsentMessage(`${call.name} (it runs commands)`, false));
    }
    const root = call.root ?? (await rootOf(server, deps, extra));
    const progress = progressOf(extra);
    const model = await deps.model();
    const io = { out: deps.log, err: deps.log, env: deps.env, signal: extra.signal };
    const opened = await openSkillContext(
      source.needs,
      {
        root,
        model,
        settings: deps.settings,
        surface: 'mcp',
        run: runs ? mcpCommandRunner({ ask, allowProjectTests: deps.options.allowProjectTests, log: deps.log }) : undefined,
        progress,
        gitIfPresent: source.optionalNeeds?.includes('git'),
        quiet: true,
      },
      io,
    );
    try {
      const record: SkillRecorder = (skill, run, context) => recordSkillRun(deps.recorder, skill, run, context);
      // A workflow's steps: each step's check as a progress line, and each step's run recorded.
      const onStep = progress && ((event: StepEvent) => event.record && progress(stepLine(event.record)));
      const context: SkillContext = { ...opened.context, record, onStep };
      const run = await source.run(call.input, context);
      const own = await record(source, run, context);
      const recordIds = [...(run.recordIds ?? []), ...(own ? [own] : [])];
      const check = source.check(run.result);
      const files = check.passed ? (source.proposes?.(run.result) ?? []) : [];
      const proposal = files.length ? call.proposals.add(call.name, opened.context.workspace.root, files, recordIds) : undefined;
      const summary = source.summarize(run.result);
      const next = proposal
        ? `\n\nProposal ${proposal.id}: ${files.map((f) => f.path).join(', ')}. Nothing is written yet; call ${applyToolName} with {"id": "${proposal.id}"} to write it.`
        : '';
      return {
        content: [{ type: 'text', text: cliWording(summary) + next }],
        structuredContent: { result: withoutHugeFileTexts(source.toolResult ? source.toolResult(run.result) : run.result) as Record<string, unknown>, check, ...(proposal ? { proposal: proposalSummary(proposal) } : {}) },
      };
    } finally {
      await opened.dispose();
    }
  } catch (err) {
    const detail = err instanceof AtomicError && err.detail ? `\n${err.detail}` : '';
    return errorResult(`${call.name} failed: ${cliWording(errorMessage(err))}${detail}`);
  }
}
