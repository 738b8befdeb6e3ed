import type { SkillContext, SkillRun, StepSkillDefinition } from '../skills/skillTypes';
import type { FeedbackRecorder } from './feedbackRecorder';

const maxHashedFileBytes = 5_000_000;

/**
 * Records a skill result every surface shows (command, chat, tool, CLI), with the skill's own
 * check labels; returns the record id for later labels, or undefined when recording is off or the
 * run declares no feedback of its own (a workflow, whose steps are recorded one by one).
 */
export async function recordSkillRun(
  recorder: FeedbackRecorder,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  skill: Pick<StepSkillDefinition<any, any>, 'id' | 'feedback'>,
  run: SkillRun<unknown>,
  context: Pick<SkillContext, 'surface' | 'model' | 'workspace'>,
  previousAttemptId?: string,
): Promise<string | undefined> {
  if (!recorder.enabled || !skill.feedback) return undefined;
  const feedback = skill.feedback(run.result);
  const files: Array<{ path: string; content: string }> = [];
  for (const path of feedback.files) {
    const content = await context.workspace.readText(path, { maxBytes: maxHashedFileBytes }).catch(() => undefined);
    if (content !== undefined) files.push({ path, content });
  }
  const id = await recorder.record({
    skill: skill.id,
    surface: context.surface,
    model: context.model.identity,
    messages: run.transcript,
    tools: run.tools,
    files,
    metrics: feedback.metrics,
    previousAttemptId,
  });
  for (const label of feedback.labels) await recorder.label(id, label);
  return id;
}
