import { FeedbackRecorder } from '../core/feedback/feedbackRecorder';
import { FeedbackStore } from '../core/feedback/feedbackStore';
import type { FeedbackLevel } from '../core/feedback/feedbackTypes';
import { newSessionId } from '../core/feedback/recordBuilder';
import { AtomicError } from '../core/errors';
import { defaultFeedbackDir } from './feedbackDir';

const levels: FeedbackLevel[] = ['off', 'noCode', 'all'];

/**
 * The CLI records preference data only when ATOMIC_SKILLS_FEEDBACK_LEVEL says so (noCode or
 * all), into the same store the extension uses (or ATOMIC_SKILLS_FEEDBACK_DIR).
 */
export function cliRecorder(env: NodeJS.ProcessEnv, err: (s: string) => void): FeedbackRecorder {
  const level = (env.ATOMIC_SKILLS_FEEDBACK_LEVEL ?? 'off') as FeedbackLevel;
  if (!levels.includes(level)) {
    throw new AtomicError('usage', `ATOMIC_SKILLS_FEEDBACK_LEVEL must be one of ${levels.join(', ')}, not "${level}".`);
  }
  return new FeedbackRecorder({
    store: new FeedbackStore(defaultFeedbackDir(env)),
    level: () => level,
    session: newSessionId(),
    log: (m) => err(`atomic-skills: ${m}`),
  });
}

export function cliFeedbackNote(recordId: string): string {
  return `Recorded as preference record ${recordId}.`;
}
