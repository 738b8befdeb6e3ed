import { AtomicError } from '../core/errors';
import { skillsAndWorkflows } from '../core/skills/skillsAndWorkflows';
import type { CliCommand } from './cliCommand';
import { helpFlag, versionFlag, type CliValues } from './cliFlags';
import { closestNames } from './flagSuggestions';
import { cliPresenterOf } from './presenters';
import { skillCliCommand } from './runSkill';
import { utilityCommands } from './utilityCommands';
import { runWorkflowCommand } from './workflowCommand';

/** Every subcommand: one per skill and workflow (one loop over the registry), `run --workflow` for any workflow, and the utilities. */
export const cliCommands: readonly CliCommand[] = [...skillsAndWorkflows.map((entry) => skillCliCommand(entry, cliPresenterOf(entry))), runWorkflowCommand, ...utilityCommands];

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
