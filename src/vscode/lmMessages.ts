import * as vscode from 'vscode';
import type { ChatMessage, ToolCall } from '../core/model/types';

function textOf(parts: readonly unknown[]): string {
  return parts
    .map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : typeof (p as { value?: unknown })?.value === 'string' ? (p as { value: string }).value : ''))
    .join('');
}

/** VS Code's messages (as a provider receives them) to the core's chat messages. */
export function fromVsCodeMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    const text = textOf(message.content.filter((p) => p instanceof vscode.LanguageModelTextPart));
    if (message.role === vscode.LanguageModelChatMessageRole.Assistant) {
      const toolCalls: ToolCall[] = message.content
        .filter((p): p is vscode.LanguageModelToolCallPart => p instanceof vscode.LanguageModelToolCallPart)
        .map((p) => ({ id: p.callId, name: p.name, arguments: (p.input ?? {}) as Record<string, unknown> }));
      toolCalls.forEach((c) => toolNames.set(c.id, c.name));
      out.push(toolCalls.length ? { role: 'assistant', content: text, toolCalls } : { role: 'assistant', content: text });
      continue;
    }
    for (const part of message.content) {
      if (part instanceof vscode.LanguageModelToolResultPart) {
        out.push({ role: 'tool', toolCallId: part.callId, name: toolNames.get(part.callId) ?? 'tool', content: textOf(part.content) });
      }
    }
    // Role 3 is the (proposed) system role; treat it as a system message when it appears.
    if (text) out.push((message.role as number) === 3 ? { role: 'system', content: text } : { role: 'user', content: text });
  }
  return out;
}

/** The core's chat messages to VS Code's, for calling a `vscode.lm` model. */
export function toVsCodeMessages(messages: ChatMessage[]): vscode.LanguageModelChatMessage[] {
  return messages.map((m) => {
    switch (m.role) {
      case 'system':
      case 'user':
        return vscode.LanguageModelChatMessage.User(m.content);
      case 'assistant':
        return vscode.LanguageModelChatMessage.Assistant([
          ...(m.content ? [new vscode.LanguageModelTextPart(m.content)] : []),
          ...(m.toolCalls ?? []).map((c) => new vscode.LanguageModelToolCallPart(c.id, c.name, c.arguments)),
        ]);
      case 'tool':
        return vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(m.toolCallId, [new vscode.LanguageModelTextPart(m.content)])]);
    }
  });
}
