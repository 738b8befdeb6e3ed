import type { SkillId } from '../../core/skills/registry';
import { workflowSkills, type AnySkillOrWorkflow } from '../../core/skills/skillsAndWorkflows';
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
import { workflowPresenter } from './workflowPresenter';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPresenter = SkillPresenter<any, any>;

/** A presenter per entry of skillsAndWorkflows, by id. */
export type Presenters = ReadonlyMap<string, AnyPresenter>;

/** One presenter per registered skill (the record's type makes a missing one a compile error), and the generic one per workflow. */
export function createPresenters(services: {
  comments: ReviewComments;
  localization: LocalizationView;
  proposals: EditProposals;
  decisions: EditDecisions;
  grammarAssetDirs: readonly string[];
}): Presenters {
  const skillPresenters: Record<SkillId, AnyPresenter> = {
    review: reviewPresenter(services.comments),
    localize: localizePresenter(services.localization),
    edit: editPresenter(services.proposals, services.decisions, services.localization),
    tests: testsPresenter(services.proposals, services.decisions, services.grammarAssetDirs),
    reproduce: reproducePresenter(services.proposals, services.decisions),
  };
  return new Map<string, AnyPresenter>([
    ...Object.entries(skillPresenters),
    ...workflowSkills.map((w): [string, AnyPresenter] => [w.id, workflowPresenter(w, services.proposals, services.decisions)]),
  ]);
}

export function presenterOf(presenters: Presenters, entry: AnySkillOrWorkflow): AnyPresenter {
  const presenter = presenters.get(entry.id);
  if (!presenter) throw new Error(`no presenter for ${entry.id}`);
  return presenter;
}
