import { AtomicError } from '../core/errors';
import { workflowSkills } from '../core/skills/skillsAndWorkflows';
import { findWorkflow } from '../core/workflows/workflowLoader';
import { workflowStepSkill } from '../core/workflows/workflowSkill';
import type { CliCommand } from './cliCommand';
import { jsonFlag, modelFlagSpecs, repoFlag, requiredFlag, stringFlag } from './cliFlags';
import { workflowCliPresenter, workflowHelp } from './presenters/workflowCliPresenter';
import { repoFolder } from './repoFolder';
import { runSkillCommand } from './runSkill';

const presenter = workflowCliPresenter('');
const names = () => workflowSkills.map((w) => w.id).join(', ');

/**
 * `run --workflow NAME`: any workflow, the built-ins (also subcommands of their own) or one the
 * repository defines in .atomic/workflows, run through the same generic command and presenter.
 */
export const runWorkflowCommand: CliCommand = {
  name: 'run',
  summary: 'Any workflow by name, the built-ins or the repository\'s own.',
  help: `Any workflow by name: ${names()}, or one defined in DIR/.atomic/workflows/NAME.json
(validated against the schema shipped in schemas/workflow.schema.json).\n\n${workflowHelp}`,
  flags: [
    { name: 'workflow', type: 'string', value: 'NAME', description: 'The workflow to run.' },
    repoFlag,
    { name: 'issue', type: 'string', value: 'FILE|-', description: 'The task (- reads standard input).' },
    ...(presenter.flags ?? []),
    jsonFlag,
    ...modelFlagSpecs,
  ],
  required: ['workflow', 'issue'],
  async run(values, io) {
    const name = requiredFlag(values, 'workflow', `run needs --workflow NAME (${names()}, or one in .atomic/workflows).`);
    const def = await findWorkflow(repoFolder(stringFlag(values, 'repo') ?? '.'), name).catch((err: Error) => {
      throw new AtomicError('usage', err.message);
    });
    return runSkillCommand({ ...workflowStepSkill(def), id: 'run' }, workflowCliPresenter(def.title), values, io);
  },
};
