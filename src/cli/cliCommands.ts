import { AtomicError } from '../core/errors';
import { skills, type AnySkill, type SkillId } from '../core/skills/registry';
import type { CliCommand } from './cliCommand';
import { helpFlag, versionFlag, type CliValues } from './cliFlags';
import { closestNames } from './flagSuggestions';
import { cliPresenters } from './presenters';
import { skillCliCommand } from './skillCommand';
import { utilityCommands } from './utilityCommands';
import { workflowCliCommands } from './workflowCommand';

/** Every subcommand: one per skill (generated from the registry), the workflows, and the utilities. */
export const cliCommands: readonly CliCommand[] = [
  ...(skills as readonly AnySkill[]).map((skill) => skillCliCommand(skill, cliPresenters[skill.id as SkillId])),
  ...workflowCliCommands,
  ...utilityCommands,
];

/** The command a name (or alias) stands for. */
export function findCommand(name: string | undefined): CliCommand | undefined {
  return name === undefined ? undefined : cliCommands.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Every command's name, for "did you mean" and the list of commands. */
export const commandNames: string[] = cliCommands.map((c) => c.name);

/** Every flag any subcommand takes, as node:util parseArgs options. */
export const cliOptions: Record<string, { type: 'string' | 'boolean'; short?: string }> = Object.fromEntries(
  [helpFlag, versionFlag, ...cliCommands.flatMap((c) => c.flags)].map((f) => [f.name, f.short ? { type: f.type, short: f.short } : { type: f.type }]),
);

/** Refuses a flag the command does not take (a --dry-run that `run` would ignore must not pass silently). */
export function checkFlags(command: CliCommand, values: CliValues): void {
  const allowed = command.flags.map((f) => f.name);
  const extra = Object.keys(values).filter((k) => k !== 'help' && k !== 'version' && !allowed.includes(k));
  if (extra.length) {
    const near = closestNames(extra[0], allowed).map((f) => `--${f}`);
    const hint = near.length ? ` Did you mean ${near.join(' or ')}?` : '';
    throw new AtomicError('usage', `${command.name} does not take ${extra.map((f) => `--${f}`).join(', ')}.${hint} Its options: ${allowed.map((f) => `--${f}`).join(' ')}.`);
  }
}
