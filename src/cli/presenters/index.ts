import type { SkillId } from '../../core/skills/registry';
import { workflowSkills, type AnySkillOrWorkflow } from '../../core/skills/skillsAndWorkflows';
import type { CliPresenter } from '../cliPresenter';
import { editCliPresenter } from './editCliPresenter';
import { localizeCliPresenter } from './localizeCliPresenter';
import { reproduceCliPresenter } from './reproduceCliPresenter';
import { reviewCliPresenter } from './reviewCliPresenter';
import { testsCliPresenter } from './testsCliPresenter';
import { workflowCliPresenter } from './workflowCliPresenter';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCliPresenter = CliPresenter<any, any>;

/** The CLI's word on each skill beyond its declaration (the record's type makes a missing one a compile error; `{}` would do: flags, help and output then come from the declaration). */
export const cliPresenters: Record<SkillId, AnyCliPresenter> = {
  review: reviewCliPresenter,
  localize: localizeCliPresenter,
  edit: editCliPresenter,
  tests: testsCliPresenter,
  reproduce: reproduceCliPresenter,
};

const presenters = new Map<string, AnyCliPresenter>([...Object.entries(cliPresenters), ...workflowSkills.map((w): [string, AnyCliPresenter] => [w.id, workflowCliPresenter(w.title)])]);

/** The presenter of an entry of skillsAndWorkflows: its own, or the generic one of every workflow. */
export function cliPresenterOf(entry: AnySkillOrWorkflow): AnyCliPresenter {
  const presenter = presenters.get(entry.id);
  if (!presenter) throw new Error(`no CLI presenter for ${entry.id}`);
  return presenter;
}
