/**
 * What to tell a user whose request found no model: which local servers were tried and what each
 * answered, and what to do about it. Pure; every surface words its own buttons around it.
 */
import { AtomicError } from '../errors';
import type { LocalProbe } from './localDiscovery';

export const noModelMessage =
  'No model is configured. Set atomicSkills.model.baseUrl to an OpenAI-compatible endpoint (vLLM, Ollama, LM Studio, OpenAI), start a local server, or sign in to a VS Code chat model provider.';

/** The first "(ECONNREFUSED)"-style code in a message. */
function errorCode(message: string): string | undefined {
  return /\((E[A-Z0-9_]+)\)/.exec(message)?.[1];
}

const shownModels = 5;

export function modelList(models: readonly string[], max = shownModels): string {
  const shown = models.slice(0, max).join(', ');
  return models.length > max ? `${shown} and ${models.length - max} more` : shown;
}

/** What one probed server answered, in a few words: "nothing is listening (ECONNREFUSED)". */
export function probeOutcome(probe: LocalProbe): string {
  if (probe.models) {
    if (!probe.models.length) return 'running, but lists no models (load or pull one)';
    return `serves ${probe.models.length === 1 ? '1 model' : `${probe.models.length} models`}: ${modelList(probe.models)}`;
  }
  const problem = probe.problem ?? { reason: 'endpointError', message: '' };
  if (problem.reason === 'authentication') return 'answers, but asks for an API key';
  if (problem.reason === 'endpointUnreachable') {
    const code = errorCode(problem.message);
    if (code === 'ECONNREFUSED') return 'nothing is listening (connection refused)';
    if (/did not answer within/.test(problem.message)) return 'no answer in time';
    return `not reachable${code ? ` (${code})` : ''}`;
  }
  if (problem.reason === 'cancelled') return 'not probed (cancelled)';
  if (/did not answer with a list of models/.test(problem.message)) return 'something answers, but not with an OpenAI-compatible model list';
  return `answers with an error: ${problem.message}`;
}

/** One line per server tried: "Ollama at http://127.0.0.1:11434/v1: nothing is listening (connection refused)". */
export function probeLines(tried: readonly LocalProbe[]): string[] {
  return tried.map((p) => `${p.name} at ${p.baseUrl}: ${probeOutcome(p)}`);
}

/**
 * The noModel error after local discovery found nothing usable. Its message says what was tried in
 * one sentence (for a notification); its detail has a line per server (for chat, the log, a tooltip).
 */
export function noModelError(tried: readonly LocalProbe[]): AtomicError {
  if (!tried.length) return new AtomicError('noModel', noModelMessage);
  const empty = tried.filter((p) => p.models && !p.models.length);
  const names = tried.map((p) => p.name);
  const found = empty.length
    ? `${empty.map((p) => p.name).join(' and ')} ${empty.length === 1 ? 'is' : 'are'} running but ${empty.length === 1 ? 'lists' : 'list'} no models (load or pull one)`
    : `none of the local servers answered (tried ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]})`;
  return new AtomicError(
    'noModel',
    `No model is connected: ${found}. Set atomicSkills.model.baseUrl to an OpenAI-compatible endpoint (vLLM, Ollama, LM Studio, OpenAI), start a local server, or sign in to a VS Code chat model provider.`,
    probeLines(tried).join('\n'),
  );
}

export interface StatusReport {
  text: string;
  tooltip: string;
}

/** The status bar when no model is connected: short text, and a tooltip with what was tried. */
export function noModelStatus(err: { message: string; detail?: string }): StatusReport {
  const tried = err.detail ? `\n\nTried:\n${err.detail.split('\n').map((l) => `• ${l}`).join('\n')}` : '';
  return { text: '$(warning) Atomic: no model', tooltip: `Atomic Skills: ${err.message}${tried}\n\nClick to configure the model.` };
}

/** The model a request names is not at the endpoint: say which models are. */
export function missingModelMessage(model: string, baseUrl: string, listed: readonly string[]): string {
  if (!listed.length) return `The model "${model}" is not available at ${baseUrl}, and the server lists no models. Load or pull a model on the server.`;
  return `The model "${model}" is not available at ${baseUrl}. The server lists ${listed.length === 1 ? '1 model' : `${listed.length} models`}: ${modelList(listed, 20)}. Set atomicSkills.model.name to one of them, or load/pull "${model}" on the server.`;
}
