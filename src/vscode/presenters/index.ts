import type { SkillId } from '../../core/skills/registry';
import type { ReviewComments } from '../reviewComments';
import type { SkillPresenter } from './presenter';
import { reviewPresenter } from './reviewPresenter';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Presenters = Record<SkillId, SkillPresenter<any, any>>;

/** One presenter per registered skill; the type makes a missing one a compile error. */
export function createPresenters(services: { comments: ReviewComments }): Presenters {
  return { review: reviewPresenter(services.comments) };
}
