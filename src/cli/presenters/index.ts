import type { SkillId } from '../../core/skills/registry';
import type { CliPresenter } from '../cliPresenter';
import { editCliPresenter } from './editCliPresenter';
import { localizeCliPresenter } from './localizeCliPresenter';
import { reproduceCliPresenter } from './reproduceCliPresenter';
import { reviewCliPresenter } from './reviewCliPresenter';
import { testsCliPresenter } from './testsCliPresenter';

/** The CLI's word on each skill beyond its declaration (a new skill with none gets `{}`: its flags, help and output come from the declaration). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const cliPresenters: Record<SkillId, CliPresenter<any, any>> = {
  review: reviewCliPresenter,
  localize: localizeCliPresenter,
  edit: editCliPresenter,
  tests: testsCliPresenter,
  reproduce: reproduceCliPresenter,
};
