import * as vscode from 'vscode';
import { AtomicError, errorMessage } from '../core/errors';
import { skills, type AnySkill } from '../core/skills/registry';
import { toAbortSignal } from './cancellation';
import { log } from './log';
import { recordSkillRun } from '../core/feedback/recordSkillRun';
import type { Presenters } from './presenters';
import type { Services } from './services';
import { createSkillContext } from './skillContext';

/** Every skill as a language-model tool any chat agent can call; results are typed JSON plus a summary. */
export function registerTools(services: Services): vscode.Disposable[] {
  return (skills as readonly AnySkill[]).map((skill) => {
    const presenter = services.presenters[skill.id as keyof Presenters];
    return vscode.lm.registerTool<Record<string, unknown>>(skill.toolName, {
      prepareInvocation(options) {
        return { invocationMessage: presenter.toolInvocationMessage(options.input ?? {}) };
      },
      async invoke(options, token) {
        const abort = toAbortSignal(token);
        try {
          const context = await createSkillContext(services, skill, { surface: 'tool', signal: abort.signal, interactive: false });
          const run = await skill.run(options.input ?? {}, context);
          const result = run.result;
          await recordSkillRun(services.feedback.recorder, skill, run, context);
          return new vscode.LanguageModelToolResult([
            new vscode.LanguageModelTextPart(JSON.stringify(result)),
            new vscode.LanguageModelTextPart(skill.summarize(result)),
          ]);
        } catch (err) {
          log.error(`Tool ${skill.toolName} failed: ${errorMessage(err)}`);
          const hint = err instanceof AtomicError && err.reason === 'noChanges' ? ' Make a change first or choose another scope.' : '';
          throw new Error(`${skill.toolName} failed: ${errorMessage(err)}${hint}`);
        } finally {
          abort.dispose();
        }
      },
    });
  });
}
