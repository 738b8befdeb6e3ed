import type { ChatModel, TokenUsage } from '../model/types';
import { skillsAndWorkflows } from './skillsAndWorkflows';

export interface RouteOption {
  /** A skill's or workflow's chat command name (`fix`, `review`, …). */
  name: string;
  description: string;
}

export interface Route {
  /** The chosen option's name, or `chat` to answer in words. */
  name: string;
  usage?: TokenUsage;
}

/** What a request can be routed to: every skill's and workflow's chat command. */
export function routeOptions(): RouteOption[] {
  return skillsAndWorkflows.map((s) => s.chatCommand);
}

const routeRe = /<route>\s*([\w-]+)\s*<\/route>/i;

/**
 * Picks what a free-text @atomic request wants: one of the skills or workflows, or a plain
 * answer (`chat`). One short model call; anything unreadable or unknown is `chat`.
 */
export async function routeRequest(model: ChatModel, request: string, options: readonly RouteOption[], signal: AbortSignal): Promise<Route> {
  const list = options.map((o) => `- ${o.name}: ${o.description}`).join('\n');
  const response = await model.chat({
    messages: [
      {
        role: 'system',
        content: `You route a developer's request in a code editor to the one action that does it:\n${list}\n- chat: anything else (a question, an explanation, a discussion).\nAnswer only <route>name</route>.`,
      },
      { role: 'user', content: request },
    ],
    signal,
  });
  const picked = routeRe.exec(response.text)?.[1];
  const known = options.find((o) => o.name.toLowerCase() === picked?.toLowerCase());
  return { name: known?.name ?? 'chat', usage: response.usage };
}
