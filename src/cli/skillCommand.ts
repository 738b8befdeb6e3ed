import { recordSkillRun } from '../core/feedback/recordSkillRun';
import { AtomicError } from '../core/errors';
import type { ChatModel } from '../core/model/types';
import type { AnySkill } from '../core/skills/registry';
import type { CliCommand } from './cliCommand';
import { cliFeedbackNote, cliRecorder } from './cliFeedback';
import { booleanFlag, jsonFlag, modelFlags, modelFlagSpecs, repoFlag, stringFlag, type CliValues } from './cliFlags';
import type { CliIo } from './cliIo';
import { cliModel, cliSettings } from './cliModel';
import type { CliPresenter } from './cliPresenter';
import { cliCommandRunner, refuseWithoutConsent } from './cliRunner';
import { exitCode } from './exitCodes';
import { repoFolder } from './repoFolder';
import { openSkillContext } from './skillContext';
import { inputFlags, inputFromFlags, readTextFlags } from './skillFlags';

/** The model of a run that asks none (localize --retrieval-only): resolving one would fail without a server for nothing. */
const noModel: ChatModel = {
  identity: { backend: 'openai', model: 'none', endpoint: '' },
  chat: () => Promise.reject(new AtomicError('configuration', 'This run asks no model.')),
};

/**
 * Runs a skill from the command line: the input from its flags (the presenter completes it), the
 * context from skill.needs, the run recorded when the CLI records, then the presenter's output or
 * the summary (JSON with --json) and the check's exit code.
 */
export async function runSkillCommand(skill: AnySkill, presenter: CliPresenter, values: CliValues, io: CliIo): Promise<number> {
  const root = repoFolder(stringFlag(values, 'repo') ?? '.');
  const json = booleanFlag(values, 'json');
  const yes = booleanFlag(values, 'yes');
  const modelOptions = modelFlags(values);
  const flags = inputFlags(skill, presenter);
  let input = inputFromFlags(skill.id, flags, values, root);
  if (presenter.runs) refuseWithoutConsent(yes, presenter.runs);
  await readTextFlags(flags, values, input, io);
  if (presenter.input) input = await presenter.input(input, values, root);
  const settings = cliSettings(modelOptions, io.env);
  const recorder = cliRecorder(io.env, io.err);
  const model = presenter.needsModel?.(input) === false ? noModel : () => cliModel(settings, io.env, io.err);
  const progress = json ? undefined : io.err;
  const { context, dispose } = await openSkillContext(skill.needs, { root, model, settings, surface: 'cli', run: cliCommandRunner(yes, io), progress, quiet: json }, io);
  try {
    const run = await skill.run(input, context);
    const recordId = await recordSkillRun(recorder, skill, run, context);
    if (recordId && !json) io.err(cliFeedbackNote(recordId));
    if (presenter.present) return await presenter.present(run.result, { values, root, input, run, context, io, json });
    io.out(json ? JSON.stringify({ ...run.result, check: skill.check(run.result) }, null, 2) : skill.summarize(run.result));
    return skill.check(run.result).passed ? exitCode.done : exitCode.checkFailed;
  } finally {
    await dispose();
  }
}

/** A skill's subcommand: its id, its flags from the input schema and the presenter, its help from the declaration. */
export function skillCliCommand(skill: AnySkill, presenter: CliPresenter): CliCommand {
  const generated = inputFlags(skill, presenter);
  return {
    name: skill.id,
    aliases: presenter.aliases,
    summary: skill.userDescription,
    help: [skill.userDescription, presenter.help].filter(Boolean).join('\n\n'),
    flags: [repoFlag, ...generated, ...(presenter.flags ?? []), jsonFlag, ...modelFlagSpecs],
    required: generated.filter((f) => f.required).map((f) => f.name),
    run: (values, io) => runSkillCommand(skill, presenter, values, io),
  };
}
