import * as vscode from 'vscode';
import { AtomicError, errorMessage, isCancellation } from '../core/errors';
import { participantId } from '../core/manifest';
import type { ChatMessage } from '../core/model/types';
import { skills, type AnySkill } from '../core/skills/registry';
import { toAbortSignal } from './cancellation';
import { log } from './log';
import type { ModelService } from './modelService';
import type { Presenters } from './presenters';
import { createSkillContext } from './skillContext';

function commandList(): string {
  return (skills as readonly AnySkill[]).map((s) => `- \`/${s.chatCommand.name}\` — ${s.chatCommand.description}`).join('\n');
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

function renderError(err: unknown, stream: vscode.ChatResponseStream): void {
  if (isCancellation(err)) return;
  stream.markdown(`**Error:** ${errorMessage(err)}\n`);
  if (err instanceof AtomicError && ['noModel', 'configuration', 'endpointUnreachable'].includes(err.reason)) {
    stream.button({ command: 'atomicSkills.configureModel', title: 'Configure Model' });
  }
  if (err instanceof AtomicError && err.reason === 'authentication') stream.button({ command: 'atomicSkills.setApiKey', title: 'Set API Key' });
  stream.button({ command: 'atomicSkills.showLog', title: 'Show Log' });
}

/** @atomic: a slash command per skill; free text is answered by the model with the commands on offer. */
export function registerParticipant(services: { models: ModelService; presenters: Presenters }, extensionUri: vscode.Uri): vscode.Disposable {
  const handler: vscode.ChatRequestHandler = async (request, chatContext, stream, token) => {
    const abort = toAbortSignal(token);
    const skill = (skills as readonly AnySkill[]).find((s) => s.chatCommand.name === request.command);
    try {
      if (skill) {
        const presenter = services.presenters[skill.id as keyof Presenters];
        const input = presenter.chatInput(request.prompt);
        stream.progress(presenter.toolInvocationMessage(input) + '…');
        const context = await createSkillContext(services.models, {
          surface: 'chat',
          signal: abort.signal,
          interactive: false,
          requestModel: request.model,
          progress: (message) => stream.progress(message),
        });
        const { result } = await skill.run(input, context);
        presenter.renderChat(result, stream, context);
        return { metadata: { skill: skill.id } };
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
      });
      return { metadata: { skill: 'chat' } };
    } catch (err) {
      log.error(`@atomic ${request.command ? '/' + request.command : ''} failed: ${errorMessage(err)}`);
      renderError(err, stream);
      return { metadata: { skill: skill?.id ?? 'chat' }, errorDetails: isCancellation(err) ? undefined : { message: errorMessage(err) } };
    } finally {
      abort.dispose();
    }
  };
  const participant = vscode.chat.createChatParticipant(participantId, handler);
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  return participant;
}
