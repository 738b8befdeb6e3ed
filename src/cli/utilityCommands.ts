import { applyCommand } from './applyCommand';
import type { CliCommand } from './cliCommand';
import { booleanFlag, countFlag, dryRunFlag, jsonFlag, modelFlags, modelFlagSpecs, numberFlag, repoFlag, requiredFlag, stringFlag } from './cliFlags';
import { mcpCommand } from '../mcp/mcpCommand';
import { repoFile } from './commandPaths';
import { exportCommand } from './exportCommand';
import { indexCommand } from './indexCommand';
import { mutateCommand } from './mutateCommand';
import { repoFolder } from './repoFolder';
import { skillsInstallCommand } from './skillsInstallCommand';
import { targetFlag } from './targetFlag';

const repo = (values: Record<string, unknown>) => (typeof values.repo === 'string' ? values.repo : '.');

/** The commands that are not skills: the code index, applying a plan, mutation testing, exporting preference data. */
export const utilityCommands: CliCommand[] = [
  {
    name: 'index',
    summary: 'Build or refresh the code index.',
    help: `Builds or refreshes the code index of DIR (tree-sitter definitions, references and text
terms of every file not ignored by .gitignore), kept in ATOMIC_SKILLS_CACHE_DIR (default
~/.cache/atomic-skills). Prints files, symbols, bytes and milliseconds; --json as an object.`,
    flags: [repoFlag, jsonFlag],
    run: (values, io) => indexCommand({ repo: repo(values), json: booleanFlag(values, 'json') }, io),
  },
  {
    name: 'apply',
    summary: 'Apply an edit plan (SEARCH/REPLACE blocks, a diff, tool calls) to the files.',
    help: `Applies an edit plan to the files of DIR. FILE (- reads standard input) is a model reply
with SEARCH/REPLACE blocks, a unified diff or whole new files, or JSON: str_replace/create_file
tool calls or {"edits": [...]}. Each block must match exactly one place (else a
whitespace-insensitive match, if unique); a failed block is reported with the nearest lines of
the file. Edited files must still parse (no new tree-sitter errors). All or nothing: if any
block fails, nothing is written and the exit code is 1. --partial writes the blocks that
applied (exit code still 1); --dry-run writes nothing and prints the diffs; --json prints the
result per block and file. Paths outside DIR, through symlinks out of it, in .git/ or editor
settings (.vscode/, *.code-workspace) are refused unless --allow-unsafe-paths. Files keep their
line endings, BOM, encoding, final newline and indentation style.`,
    flags: [
      repoFlag,
      { name: 'plan', type: 'string', value: 'FILE|-', description: 'The edit plan (- reads standard input).' },
      dryRunFlag,
      { name: 'partial', type: 'boolean', description: 'Write the blocks that applied even when others did not.' },
      jsonFlag,
      { name: 'allow-unsafe-paths', type: 'boolean', description: 'Allow paths outside DIR, in .git/ or in editor settings.' },
    ],
    required: ['plan'],
    run(values, io) {
      const plan = requiredFlag(values, 'plan', 'apply needs --plan FILE (or - for standard input).');
      const flags = { dryRun: booleanFlag(values, 'dry-run'), partial: booleanFlag(values, 'partial'), json: booleanFlag(values, 'json'), allowUnsafePaths: booleanFlag(values, 'allow-unsafe-paths') };
      return applyCommand({ repo: repo(values), plan, ...flags }, io);
    },
  },
  {
    name: 'mutate',
    summary: 'The mutation score of existing tests, without a model.',
    help: `The mutation score of existing tests, without a model: the tests in --tests FILE (run with
the project's own framework: jest, vitest, mocha, node:test, pytest, unittest, go test, cargo
test, Maven or Gradle) must pass; then up to N (default 30) syntax-tree mutants of the target
(flipped comparisons and booleans, off-by-one boundaries, changed arithmetic and constants,
removed statements, emptied return values) are written into FILE one at a time and the tests
run against each. Killed: the tests fail or time out; survived: they pass (printed as diffs:
what the tests miss). FILE is restored byte for byte after each mutant (if you save it
meanwhile, your version is kept and the original is saved in the journal), and a run killed
midway is repaired by the next one. Each test run has a time limit (--timeout, default 300 s
for the first run; mutants get 3x its duration + 3 s) and, where bubblewrap works, runs with
the network off and writes limited to DIR (--no-sandbox: a plain process).
--json prints {total, killed, survived, score, mutants: [...]}.`,
    flags: [
      repoFlag,
      { name: 'target', type: 'string', value: 'FILE[:SYMBOL]', description: 'The code to mutate.' },
      { name: 'tests', type: 'string', value: 'FILE', description: 'The test file that should catch the mutants.' },
      { name: 'mutants', type: 'string', value: 'N', description: 'How many mutants (default 30).' },
      { name: 'timeout', type: 'string', value: 'SECONDS', description: 'Time limit of the first test run (default 300).' },
      { name: 'no-sandbox', type: 'boolean', description: 'Run the tests as a plain process.' },
      jsonFlag,
    ],
    required: ['target', 'tests'],
    run(values, io) {
      const given = requiredFlag(values, 'target', 'mutate needs --target FILE[:SYMBOL] (the code to mutate).');
      const testsGiven = requiredFlag(values, 'tests', 'mutate needs --tests FILE (the test file that should catch the mutants).');
      const mutants = countFlag(stringFlag(values, 'mutants'), 'mutants') ?? 30;
      const timeoutSeconds = numberFlag(stringFlag(values, 'timeout'), 'timeout') ?? 300;
      const root = repoFolder(repo(values));
      const { file, symbol } = targetFlag(root, given);
      const tests = repoFile(root, '--tests', testsGiven);
      return mutateCommand({ repo: repo(values), target: symbol ? `${file}:${symbol}` : file, tests, mutants, timeoutSeconds, sandbox: !booleanFlag(values, 'no-sandbox'), json: booleanFlag(values, 'json') }, io);
    },
  },
  {
    name: 'export',
    summary: 'Export recorded preference data for training (TRL DPO/KTO, OpenAI DPO).',
    help: `Exports recorded preference data (results and your accept/reject, votes, survival and check
labels) as JSON Lines for training:
  trl-dpo     TRL conversational preference: prompt/chosen/rejected
  trl-kto     TRL unpaired preference: prompt/completion/label
  openai-dpo  OpenAI preference fine-tuning: input.messages, preferred_output, non_preferred_output
--skill S only records of skill S; --since DATE only records made at or after DATE (e.g.
2025-01-31). The file is written whole or not at all. --store DIR reads another store (default:
ATOMIC_SKILLS_FEEDBACK_DIR, else VS Code's global storage of the extension, e.g.
~/.config/Code/User/globalStorage/atomic-skills.atomic-skills/feedback on Linux).`,
    flags: [
      { name: 'format', type: 'string', value: 'trl-dpo|trl-kto|openai-dpo', description: 'The training format.' },
      { name: 'out', type: 'string', value: 'FILE', description: 'The JSON Lines file to write.' },
      { name: 'skill', type: 'string', value: 'S', description: 'Only records of this skill.' },
      { name: 'since', type: 'string', value: 'DATE', description: 'Only records made at or after DATE.' },
      { name: 'store', type: 'string', value: 'DIR', description: 'Read this store instead of the default.' },
    ],
    required: ['format', 'out'],
    run: (values, io) => exportCommand({ format: stringFlag(values, 'format'), out: stringFlag(values, 'out'), skill: stringFlag(values, 'skill'), since: stringFlag(values, 'since'), store: stringFlag(values, 'store') }, io),
  },
  {
    name: 'skills install',
    summary: 'Write the Agent Skills (SKILL.md files) for agents outside VS Code.',
    help: `Writes the Agent Skills the extension ships (one DIR/<name>/SKILL.md per skill and workflow:
when to use it, which tool to call with which input, how to read its check) for agents outside
VS Code, e.g. --dir .github/skills (Copilot) or .claude/skills (Claude Code). All or nothing; a
SKILL.md that differs from ours is not overwritten without --force, and nothing is written
through a symbolic link inside DIR. Prints the MCP server entry the agent needs to call the tools
(atomic-skills mcp).`,
    flags: [
      { name: 'dir', type: 'string', value: 'DIR', description: 'The skills folder of the agent (e.g. .github/skills, .claude/skills).' },
      { name: 'force', type: 'boolean', description: 'Overwrite SKILL.md files that differ from ours.' },
    ],
    required: ['dir'],
    run: (values, io) => skillsInstallCommand({ dir: requiredFlag(values, 'dir', 'skills install needs --dir DIR (e.g. .github/skills or .claude/skills).'), force: booleanFlag(values, 'force') }, io),
  },
  {
    name: 'mcp',
    summary: 'Serve every skill and workflow as an MCP tool (stdio, or HTTP on 127.0.0.1).',
    help: `Serves every skill and workflow as an MCP tool (review_changes, localize_code, edit_code, …,
apply_proposal) over standard input/output, or with --http PORT over Streamable HTTP on
127.0.0.1:PORT/mcp with a bearer token (ATOMIC_SKILLS_MCP_TOKEN, else a random one printed to
stderr). The workspace is DIR, else the client's first root, else the current folder. Nothing
is written without consent: tools that change files return a proposal with its diff, and only
apply_proposal writes one (refused when a file changed since). Commands run only after a yes
asked through the client (elicitation); a client that cannot ask is refused, except the
project's own test command with --allow-project-tests.`,
    flags: [
      { ...repoFlag, description: "The workspace; default the client's first root, else the current folder." },
      { name: 'http', type: 'string', value: 'PORT', description: 'Streamable HTTP on 127.0.0.1:PORT instead of stdio (0: any free port).' },
      { name: 'allow-project-tests', type: 'boolean', description: "Run the project's own test command without asking (never a model-written command)." },
      ...modelFlagSpecs,
    ],
    run: (values, io) =>
      mcpCommand(
        {
          repo: stringFlag(values, 'repo'),
          httpPort: countFlag(stringFlag(values, 'http'), 'http', 0, 65535),
          allowProjectTests: booleanFlag(values, 'allow-project-tests'),
          ...modelFlags(values),
        },
        io,
      ),
  },
];
