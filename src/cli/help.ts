import type { CliCommand } from './cliCommand';
import { modelFlagSpecs, type FlagSpec } from './cliFlags';

const modelFlags = new Set<FlagSpec>(modelFlagSpecs);

const flagText = (f: FlagSpec) => `--${f.name}${f.value ? ` ${f.value}` : ''}`;

/** One usage line: required flags bare, the others in brackets, the model options as one item. */
export function usageLine(command: CliCommand): string {
  const own = command.flags.filter((f) => !modelFlags.has(f));
  const parts = own.map((f) => (command.required?.includes(f.name) ? flagText(f) : `[${flagText(f)}]`));
  const takesModel = command.flags.some((f) => modelFlags.has(f));
  return `atomic-skills ${command.name} ${parts.join(' ')}${takesModel ? ' [model options]' : ''}`.trimEnd();
}

function flagLines(flags: FlagSpec[]): string {
  const left = flags.map((f) => `  ${f.short ? `-${f.short}, ` : ''}${flagText(f)}`);
  const width = Math.min(34, Math.max(...left.map((l) => l.length)) + 2);
  return flags.map((f, i) => (left[i].length + 1 > width ? `${left[i]}\n${' '.repeat(width)}${f.description}` : `${left[i].padEnd(width)}${f.description}`)).join('\n');
}

/** The shared sections: where the model is, preference data, the path rule, the exit codes. */
const commonText = `Model options (else environment variables, else a local server on 127.0.0.1:
Ollama 11434, LM Studio 1234, vLLM 8000, llama.cpp 8080):
  --base-url URL        OpenAI-compatible endpoint   (ATOMIC_SKILLS_BASE_URL)
  --model NAME          model id at the endpoint     (ATOMIC_SKILLS_MODEL)
  --timeout SECONDS     wait per attempt for the model to answer or to send more;
                        empty events do not count (default 60)
                                                     (ATOMIC_SKILLS_TIMEOUT_SECONDS)
  --reply-timeout SECONDS
                        limit of a whole model call, retries included (default 600)
                                                     (ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS)
  --max-tool-turns N    file reads/searches allowed before answering
  API key: ATOMIC_SKILLS_API_KEY or OPENAI_API_KEY.

Preference data: ATOMIC_SKILLS_FEEDBACK_LEVEL=noCode|all records each result
(secrets redacted) into the feedback store (see export); default off.

Paths: every path on the command line (--repo, --issue, --plan, --target,
--tests, --test-file, --files, --out, --store, --dir) is relative to the current
folder, as in any other tool; --target, --tests, --test-file and --files name
files of the repository, so they must be inside DIR. Named input files must
exist and be regular files, checked before anything runs.

Exit codes (the same in every command):
  0    done
  1    the check failed: verdict NO with --fail-on-no, an edit or plan with a
       block that did not apply, no passing tests, no reproduction, a failed
       workflow step
  2    usage, configuration or environment error: bad flags, a missing input
       file, no model, not a git repository, no feedback store, and every
       failure of the model endpoint (unreachable, refused key, HTTP error, cut
       stream, a reply that could not be read even after one repair request)
  130  cancelled, or declined at the prompt`;

/** `atomic-skills --help`: every command's usage line and summary, then what all commands share. */
export function helpText(commands: readonly CliCommand[]): string {
  const usage = commands.map((c) => `  ${usageLine(c)}`).join('\n');
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const list = commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}${c.aliases?.length ? ` (also: ${c.aliases.join(', ')})` : ''}`).join('\n');
  return `atomic-skills — run Atomic Skills from the command line

Usage:
${usage}
  atomic-skills --help | --version
  atomic-skills COMMAND --help     a command's flags and what it does

Commands:
${list}

${commonText}
`;
}

/** `atomic-skills COMMAND --help`: its usage line, what it does, each flag. */
export function commandHelp(command: CliCommand): string {
  const own = command.flags.filter((f) => !modelFlags.has(f));
  const model = command.flags.filter((f) => modelFlags.has(f));
  return [
    `Usage: ${usageLine(command)}`,
    command.aliases?.length ? `Also: ${command.aliases.map((a) => `atomic-skills ${a}`).join(', ')}` : '',
    command.help,
    `Options:\n${flagLines(own)}`,
    model.length ? `Model options (else environment variables, else a local server on 127.0.0.1):\n${flagLines(model)}\n  API key: ATOMIC_SKILLS_API_KEY or OPENAI_API_KEY.` : '',
  ]
    .filter(Boolean)
    .join('\n\n') + '\n';
}
