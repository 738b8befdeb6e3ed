import * as vscode from 'vscode';
import { errorMessage, isCancellation } from '../core/errors';
import { errorMarkdown, errorReport, type ErrorAction } from '../core/errorReport';
import { consentChoices, consentQuestion } from '../core/feedback/consent';
import { participantId } from '../core/manifest';
import type { ChatMessage } from '../core/model/types';
import { reportingWaits } from '../core/model/waitReports';
import { skillsAndWorkflows } from '../core/skills/skillsAndWorkflows';
import { routeOptions, routeRequest } from '../core/skills/routeRequest';
import { toAbortSignal } from './cancellation';
import { log } from './log';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { presenterOf } from './presenters';
import type { ChatReferences } from './presenters/presenter';
import type { Services } from './services';
import { createSkillContext } from './skillContext';

interface AtomicChatMetadata {
  skill: string;
  recordId?: string;
}

/**
 * The record of the latest earlier answer to the same command and the same words: asking again
 * regenerates it. An answer to another question is no attempt at this one (a preference pair
 * would put its completion under the wrong prompt).
 */
function previousAttempt(context: vscode.ChatContext, command: string | undefined, prompt: string): string | undefined {
  const asked = prompt.trim();
  for (let i = context.history.length - 1; i > 0; i--) {
    const turn = context.history[i];
    const question = context.history[i - 1];
    if (
      turn instanceof vscode.ChatResponseTurn &&
      turn.participant === participantId &&
      turn.command === command &&
      question instanceof vscode.ChatRequestTurn &&
      question.prompt.trim() === asked
    ) {
      return (turn.result.metadata as AtomicChatMetadata | undefined)?.recordId;
    }
  }
  return undefined;
}

/** Helpful / Unhelpful under an answer: the same label as VS Code's own vote buttons, which many users never see. */
function voteButtons(stream: vscode.ChatResponseStream, recordId: string | undefined): void {
  if (!recordId) return;
  stream.button({ command: 'atomicSkills.labelResult', title: '$(thumbsup) Helpful', arguments: [recordId, { kind: 'vote', value: 'helpful' }] });
  stream.button({ command: 'atomicSkills.labelResult', title: '$(thumbsdown) Unhelpful', arguments: [recordId, { kind: 'vote', value: 'unhelpful' }] });
}

/** The workspace files and the selection attached to a request (#file, the paperclip, a dragged editor). */
function chatReferences(request: vscode.ChatRequest): ChatReferences {
  const refs: ChatReferences = { files: [] };
  const relative = (uri: vscode.Uri) => (uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : undefined);
  for (const ref of request.references) {
    if (ref.value instanceof vscode.Uri) {
      const rel = relative(ref.value);
      if (rel && !refs.files.includes(rel)) refs.files.push(rel);
    } else if (ref.value instanceof vscode.Location) {
      const rel = relative(ref.value.uri);
      if (rel && !refs.selection) refs.selection = { path: rel, startLine: ref.value.range.start.line + 1, endLine: ref.value.range.end.line + 1 };
    }
  }
  return refs;
}

function commandList(): string {
  return routeOptions()
    .map((c) => `- \`/${c.name}\` — ${c.description}`)
    .join('\n');
}

function history(context: vscode.ChatContext): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of context.history.slice(-10)) {
    if (turn instanceof vscode.ChatRequestTurn) messages.push({ role: 'user', content: turn.prompt });
    if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response.map((p) => (p instanceof vscode.ChatResponseMarkdownPart ? p.value.value : '')).join('');
      if (text) messages.push({ role: 'assistant', content: text });
    }
  }
  return messages;
}

const errorButtons: Record<ErrorAction, vscode.Command> = {
  configureModel: { command: 'atomicSkills.configureModel', title: 'Configure Model' },
  setApiKey: { command: 'atomicSkills.setApiKey', title: 'Set API Key' },
  manageTrust: { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' },
  showLog: { command: 'atomicSkills.showLog', title: 'Show Log' },
};

/** The error once, in the answer, with what was tried and the buttons that fix it (no errorDetails: VS Code would show it again). */
function renderError(err: unknown, stream: vscode.ChatResponseStream): void {
  const report = errorReport(err);
  if (!report) return;
  stream.markdown(errorMarkdown(report));
  for (const action of report.actions) stream.button(errorButtons[action]);
}

/** The preference-data question, once, inside the answer: nothing covers the chat input. */
async function askForConsentInAnswer(services: Services, stream: vscode.ChatResponseStream): Promise<void> {
  if (!(await services.feedback.takeConsentQuestion())) return;
  stream.markdown(`\n\n---\n\n${consentQuestion}\n\n`);
  for (const choice of consentChoices) stream.button({ command: 'atomicSkills.chooseFeedbackLevel', title: choice.title, arguments: [choice.level ?? 'later'] });
}

/** @atomic: a slash command per skill and workflow; free text is routed to one of them, or answered. */
export function registerParticipant(services: Services, extensionUri: vscode.Uri): vscode.Disposable[] {
  const handler: vscode.ChatRequestHandler = async (request, chatContext, stream, token) => {
    const abort = toAbortSignal(token);
    let command = request.command;
    let routedNote = '';
    const forCommand = (name: string | undefined) => skillsAndWorkflows.find((s) => s.chatCommand.name === name);
    let skill = forCommand(command);
    try {
      if (!command && request.prompt.trim()) {
        // Free text: one short model call picks the skill or workflow that does it, or plain chat.
        const routed = await routeRequest(reportingWaits(await services.models.resolve(request.model), (m) => stream.progress(m)), request.prompt, routeOptions(), abort.signal);
        if (routed.name !== 'chat') {
          command = routed.name;
          skill = forCommand(command);
          // Written with the answer: chat folds markdown sent before progress messages into a collapsed group.
          routedNote = `_This looks like a job for \`/${command}\`; ran it._\n\n`;
        }
      }
      if (skill) {
        const presenter = presenterOf(services.presenters, skill);
        const input = await presenter.chatInput(request.prompt, chatReferences(request));
        stream.progress(presenter.toolInvocationMessage(input) + '…');
        const context = await createSkillContext(services, skill, {
          surface: 'chat',
          signal: abort.signal,
          interactive: false,
          requestModel: request.model,
          progress: (message) => stream.progress(message),
        });
        const run = await skill.run(input, context);
        const recordId = await recordSkillRun(services.feedback.recorder, skill, run, context, previousAttempt(chatContext, command, request.prompt));
        if (routedNote) stream.markdown(routedNote);
        presenter.renderChat(run.result, stream, context, recordId);
        voteButtons(stream, recordId);
        await askForConsentInAnswer(services, stream);
        // A run recorded in parts (a workflow's steps) takes votes on its first record.
        const metadata: AtomicChatMetadata = { skill: skill.id, recordId: recordId ?? run.recordIds?.[0] };
        return { metadata };
      }
      const model = await services.models.resolve(request.model);
      const system: ChatMessage = {
        role: 'system',
        content: `You are Atomic Skills, a coding assistant in VS Code. Answer concisely. When the user wants one of these done, tell them the command:\n${commandList()}`,
      };
      await model.chat({
        messages: [system, ...history(chatContext), { role: 'user', content: request.prompt }],
        signal: abort.signal,
        onPart: (part) => {
          if (part.type === 'text') stream.markdown(part.text);
        },
        onStatus: (message) => stream.progress(message),
      });
      return { metadata: { skill: 'chat' } };
    } catch (err) {
      const tried = errorReport(err)?.details ?? [];
      log.error(`@atomic ${command ? '/' + command : ''} failed: ${errorMessage(err)}${tried.map((d) => `\n  ${d}`).join('')}`);
      renderError(err, stream);
      return { metadata: { skill: skill?.id ?? 'chat', error: isCancellation(err) ? undefined : errorReport(err)?.message } };
    } finally {
      abort.dispose();
    }
  };
  const participant = vscode.chat.createChatParticipant(participantId, handler);
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  const votes = participant.onDidReceiveFeedback((feedback) => {
    const recordId = (feedback.result.metadata as AtomicChatMetadata | undefined)?.recordId;
    const value = feedback.kind === vscode.ChatResultFeedbackKind.Helpful ? 'helpful' : 'unhelpful';
    void services.feedback.recorder.label(recordId, { kind: 'vote', value });
  });
  return [participant, votes];
}
