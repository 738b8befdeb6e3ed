/** Assembles streamed native tool-call deltas (OpenAI style: id and name first, then argument fragments). */
import { AtomicError, errorMessage } from '../errors';
import { generateToolCallId } from './textToolProtocol';
import type { ToolCall } from './types';

export interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface Slot {
  index: number;
  id: string;
  name: string;
  args: string;
  done: boolean;
}

/** Parses a tool call's JSON arguments; empty means `{}`; a JSON-encoded string of an object is unwrapped. */
export function parseToolArguments(toolName: string, raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  const fail = (why: string) =>
    new AtomicError(
      'modelReplyMalformed',
      `The model called the tool "${toolName}" with arguments that are ${why}: ${raw.slice(0, 120)}`,
      raw,
    );
  let value: unknown;
  try {
    value = JSON.parse(raw);
    if (typeof value === 'string') value = JSON.parse(value);
  } catch {
    throw fail('not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw fail('not a JSON object');
  return value as Record<string, unknown>;
}

export class ToolCallAccumulator {
  private readonly slots: Slot[] = [];
  private readonly calls: ToolCall[] = [];

  /** Adds the tool-call deltas of one chunk; returns the calls this chunk completed (by starting another). */
  add(deltas: ToolCallDelta[]): ToolCall[] {
    const completed: ToolCall[] = [];
    deltas.forEach((delta, position) => {
      const index = delta.index ?? position;
      let slot = this.openSlot(index);
      // A server that reuses an index for a new call shows it by a new id.
      if (slot && delta.id && slot.id && delta.id !== slot.id) slot = undefined;
      if (!slot) {
        // Calls stream one after another: a new one means the open ones are complete.
        completed.push(...this.completeAll());
        slot = { index, id: '', name: '', args: '', done: false };
        this.slots.push(slot);
      }
      if (delta.id) slot.id = delta.id;
      const name = delta.function?.name;
      if (name && slot.name !== name) slot.name += name;
      if (delta.function?.arguments) slot.args += delta.function.arguments;
    });
    return completed;
  }

  /** Completes every open call (at the end of the reply). */
  finish(): ToolCall[] {
    return this.completeAll();
  }

  /** Every completed call, in order. */
  all(): ToolCall[] {
    return [...this.calls];
  }

  private openSlot(index: number): Slot | undefined {
    return this.slots.find((s) => !s.done && s.index === index);
  }

  private completeAll(): ToolCall[] {
    const out: ToolCall[] = [];
    for (const slot of this.slots) {
      if (slot.done) continue;
      slot.done = true;
      if (!slot.name) throw new AtomicError('modelReplyMalformed', 'The model sent a tool call without a tool name.');
      const call: ToolCall = { id: slot.id || generateToolCallId(), name: slot.name, arguments: {} };
      try {
        call.arguments = parseToolArguments(slot.name, slot.args);
      } catch (err) {
        // One bad call should cost one turn, not the whole run: the loop tells the model and it calls again.
        call.argumentsError = errorMessage(err);
      }
      this.calls.push(call);
      out.push(call);
    }
    return out;
  }
}
