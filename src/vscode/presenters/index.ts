import type { SkillId } from '../../core/skills/registry';
import type { EditDecisions } from '../edits/editDecisions';
import type { EditProposals } from '../edits/editProposals';
import type { LocalizationView } from '../localizationView';
import type { ReviewComments } from '../reviewComments';
import { editPresenter } from './editPresenter';
import { localizePresenter } from './localizePresenter';
import type { SkillPresenter } from './presenter';
import { reproducePresenter } from './reproducePresenter';
import { reviewPresenter } from './reviewPresenter';
import { testsPresenter } from './testsPresenter';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Presenters = Record<SkillId, SkillPresenter<any, any>>;

/** One presenter per registered skill; the type makes a missing one a compile error. */
export function createPresenters(services: {
  comments: ReviewComments;
  localization: LocalizationView;
  proposals: EditProposals;
  decisions: EditDecisions;
  grammarAssetDirs: readonly string[];
}): Presenters {
  return {
    review: reviewPresenter(services.comments),
    localize: localizePresenter(services.localization),
    edit: editPresenter(services.proposals, services.decisions, services.localization),
    tests: testsPresenter(services.proposals, services.decisions, services.grammarAssetDirs),
    reproduce: reproducePresenter(services.proposals, services.decisions),
  };
}
