// A scenario: a named async function given a context that owns everything the scenario starts
// (stopped in reverse order afterwards) and what a failure report needs.
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import type { Workbench } from './browser';

export interface Scenario {
  name: string;
  /** Default 4 minutes. */
  timeoutMs?: number;
  run(t: ScenarioContext): Promise<void>;
}

export class ScenarioContext {
  server?: CodeServer;
  workbench?: Workbench;
  private readonly cleanups: { what: string; fn: () => unknown }[] = [];
  private readonly started = Date.now();

  constructor(readonly name: string) {}

  get page(): Page {
    if (!this.workbench) throw new Error('no workbench open yet');
    return this.workbench.page;
  }

  /** Registers a cleanup; cleanups run in reverse order when the scenario ends. */
  defer(what: string, fn: () => unknown): void {
    this.cleanups.push({ what, fn });
  }

  log(message: string): void {
    console.log(`#   [${((Date.now() - this.started) / 1000).toFixed(1)}s] ${message}`);
  }

  async dispose(): Promise<void> {
    for (const { what, fn } of this.cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.log(`#   cleanup "${what}" failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.cleanups.length = 0;
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`assertion failed: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
