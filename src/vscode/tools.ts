import * as vscode from 'vscode';
import { AtomicError, errorMessage } from '../core/errors';
import { withoutHugeFileTexts } from '../core/skills/edit/editedFileJson';
import { skillsAndWorkflows, type AnySkillOrWorkflow } from '../core/skills/skillsAndWorkflows';
import type { SkillContext, SkillRun } from '../core/skills/skillTypes';
import { toAbortSignal } from './cancellation';
import { log } from './log';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { presenterOf } from './presenters';
import type { Services } from './services';
import { createSkillContext } from './skillContext';

interface PreparedRun {
  run: SkillRun<unknown>;
  context: SkillContext;
  /** Recorded when prepared, so a call never confirmed still leaves its record (labelled notTaken). */
  recordId?: string;
  expiry?: NodeJS.Timeout;
}

/** How long a run computed for a confirmation waits for its invoke. */
const preparedLifetimeMs = 10 * 60_000;

function failure(skill: AnySkillOrWorkflow, err: unknown): Error {
  log.error(`Tool ${skill.toolName} failed: ${errorMessage(err)}`);
  const hint = err instanceof AtomicError && err.reason === 'noChanges' ? ' Make a change first or choose another scope.' : '';
  return new Error(`${skill.toolName} failed: ${errorMessage(err)}${hint}`);
}

/**
 * Every skill and workflow as a language-model tool any chat agent can call; results are typed JSON plus a
 * summary. A skill whose tool writes (its presenter has a toolAction) runs in prepareInvocation,
 * so the confirmation can show exactly what will change; invoke then applies that same result.
 */
export function registerTools(services: Services): vscode.Disposable[] {
  const prepared = new Map<string, PreparedRun>();
  const keyOf = (skill: AnySkillOrWorkflow, input: unknown) => `${skill.id}\u0000${JSON.stringify(input ?? {})}`;
  // VS Code does not tell a tool whether its confirmation was declined or the call was dropped (a cancelled
  // request, an Agent Host session that never ran it): a prepared run never invoked (expired, or replaced
  // by a new call) is labelled notTaken, no verdict either way, as an MCP proposal never applied.
  const notTaken = (key: string) => {
    const p = prepared.get(key);
    if (!p) return;
    prepared.delete(key);
    clearTimeout(p.expiry);
    void services.feedback.recorder.label(p.recordId, { kind: 'notTaken', target: 'tool confirmation' }).catch((err) => log.warn(`Could not label a tool run never confirmed: ${errorMessage(err)}`));
  };

  const runSkill = async (skill: AnySkillOrWorkflow, input: unknown, signal: AbortSignal): Promise<PreparedRun> => {
    const context = await createSkillContext(services, skill, { surface: 'tool', signal, interactive: false });
    return { run: await skill.run(input ?? {}, context), context };
  };

  return skillsAndWorkflows.map((skill) => {
    const presenter = presenterOf(services.presenters, skill);
    const action = presenter.toolAction;
    return vscode.lm.registerTool<Record<string, unknown>>(skill.toolName, {
      async prepareInvocation(options, token) {
        const invocationMessage = presenter.toolInvocationMessage(options.input ?? {});
        if (!action) return { invocationMessage };
        const abort = toAbortSignal(token);
        try {
          const ready = await runSkill(skill, options.input, abort.signal);
          ready.recordId = await recordSkillRun(services.feedback.recorder, skill, ready.run, ready.context);
          const key = keyOf(skill, options.input);
          notTaken(key);
          ready.expiry = setTimeout(() => notTaken(key), preparedLifetimeMs);
          ready.expiry.unref?.();
          prepared.set(key, ready);
          return { invocationMessage, confirmationMessages: action.confirmation(ready.run.result) };
        } catch (err) {
          throw failure(skill, err);
        } finally {
          abort.dispose();
        }
      },
      async invoke(options, token) {
        const abort = toAbortSignal(token);
        try {
          const key = keyOf(skill, options.input);
          const ready = prepared.get(key);
          prepared.delete(key);
          clearTimeout(ready?.expiry);
          if (action && !ready) {
            throw new AtomicError('usage', 'This tool writes files and must be confirmed first; VS Code did not prepare the call. Call it again.');
          }
          const { run, context } = ready ?? (await runSkill(skill, options.input, abort.signal));
          const recordId = ready ? ready.recordId : await recordSkillRun(services.feedback.recorder, skill, run, context);
          const applied = action ? await action.apply(run.result, context, recordId) : undefined;
          return new vscode.LanguageModelToolResult([
            new vscode.LanguageModelTextPart(JSON.stringify(withoutHugeFileTexts(skill.toolResult ? skill.toolResult(run.result) : run.result))),
            new vscode.LanguageModelTextPart(skill.summarize(run.result)),
            ...(applied ? [new vscode.LanguageModelTextPart(applied)] : []),
          ]);
        } catch (err) {
          throw failure(skill, err);
        } finally {
          abort.dispose();
        }
      },
    });
  });
}
