import * as path from 'node:path';
import { grammarLocator } from '../../code/grammarLocator';
import { TreeSitterLoader } from '../../code/treeSitterLoader';
import { classifyEditPath } from '../../edits/pathSafety';
import { AtomicError } from '../../errors';
import type { ChatMessage, TokenUsage } from '../../model/types';
import { mutationTest } from '../../mutate/mutationTesting';
import { parseTarget } from '../../mutate/mutationTarget';
import { buildTestFixMessage, buildTestsMessages, testFileFormat } from './testsPrompt';
import { formatCommandLine } from '../../run/commandLine';
import { passed } from '../../run/runTypes';
import { detectTestFramework, testCommand } from '../../run/testFrameworks';
import { runInView } from '../../run/workspaceView';
import { toModelReadablePath, toWorkspaceRelative } from '../../workspacePaths';
import { readOnlyToolSpecs, runReadOnlyTool } from '../readOnlyTools';
import type { SkillContext, SkillDefinition, SkillFeedback, SkillRun } from '../skillTypes';
import { readTarget, targetMaxBytes } from '../targetFiles';
import { addUsage, runToolLoop } from '../toolLoop';
import { parseTestFileReply } from './parseTestFile';
import type { TestsInput, TestsResult, TestRunSummary } from './testsTypes';
import { findExampleTest, importHint, newTestPath } from './testLocation';
import { testsCheck, testsProposal } from './testsCheck';

export const testsMaxToolTurns = 6;
export const testsMaxFixTurns = 2;
export const testsDefaultMutants = 12;
const exampleChars = 4_000;
const outputTailChars = 4_000;
const runTimeoutMs = 120_000;

const tail = (text: string) => (text.length > outputTailChars ? `…${text.slice(-outputTailChars)}` : text);

/** The code under test: the symbol's lines, or the whole file. */
async function codeUnderTest(ctx: SkillContext, target: string, text: string, symbol?: string): Promise<{ code: string; firstLine: number }> {
  if (!symbol) return { code: text, firstLine: 1 };
  if (!ctx.grammarAssetDirs?.length) throw new AtomicError('configuration', 'Finding a symbol needs the tree-sitter grammars, which this surface does not provide.');
  const loader = new TreeSitterLoader(grammarLocator(ctx.grammarAssetDirs));
  try {
    const parsed = await parseTarget(loader, target, text, symbol);
    parsed.dispose();
    const start = parsed.range!.start;
    const firstLine = text.slice(0, start).split('\n').length;
    return { code: text.slice(start, parsed.range!.end).replace(/\n$/, ''), firstLine };
  } finally {
    loader.dispose();
  }
}

/**
 * Unit-test generation: the model writes a test file in the project's framework (seeing an
 * existing test as the example); it is run on the current code, failures go back to the model
 * for a bounded number of fixes, and passing tests are run against mutants of the target. The
 * test file and the mutants exist only in each run's throwaway view of the workspace (see
 * runInView); the result proposes the test file.
 */
export async function runTestsSkill(input: TestsInput, ctx: SkillContext): Promise<SkillRun<TestsResult>> {
  if (!input.target?.trim()) throw new AtomicError('usage', 'Test generation needs a target: open the file (cursor in the function), attach it with #file, or name it.');
  if (!ctx.run) throw new AtomicError('configuration', 'Test generation runs the tests it writes, and this surface cannot run commands.');
  const root = ctx.workspace.root;
  const target = toModelReadablePath(root, input.target);
  const text = await readTarget(ctx.settings, (maxBytes) => ctx.workspace.readText(target, { maxBytes }));
  const fw = detectTestFramework(root, target);
  if (!fw) throw new AtomicError('usage', `No test framework found for ${target}: no package.json, pyproject.toml, setup.cfg, go.mod, Cargo.toml, pom.xml or build.gradle above it.`);
  const { code, firstLine } = await codeUnderTest(ctx, target, text, input.symbol);
  const example = await findExampleTest(root, fw, target);
  const testFile = input.testFile ? toWorkspaceRelative(root, input.testFile) : await newTestPath(root, fw, target, example);
  // A test file named by the caller (another agent's tool call) could lead out through a symlink or into .git/.vscode.
  const safety = await classifyEditPath(root, testFile);
  if (safety.reasons.length) throw new AtomicError('outsideWorkspace', `The test file cannot be written there: ${safety.message}`);
  const command = testCommand(fw, root, testFile);
  const exampleText = example ? await ctx.workspace.readText(example, { maxBytes: targetMaxBytes(ctx.settings) }).catch(() => undefined) : undefined;

  let transcript: ChatMessage[] = buildTestsMessages({
    target,
    symbol: input.symbol,
    code,
    firstLine,
    behaviour: input.behaviour,
    framework: `${fw.id} (${fw.evidence})`,
    command: formatCommandLine(command.argv),
    testFile,
    importHint: importHint(fw, root, testFile, target),
    example: example && exampleText !== undefined ? { path: example, text: exampleText.slice(0, exampleChars) } : undefined,
    maxToolTurns: testsMaxToolTurns,
  });
  let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  const ask = async (toolTurns: number): Promise<string | undefined> => {
    const loop = await runToolLoop({
      model: ctx.model,
      messages: transcript,
      tools: toolTurns > 0 ? readOnlyToolSpecs : [],
      runTool: (call) => runReadOnlyTool(ctx.workspace, call, ctx.signal),
      maxToolTurns: toolTurns,
      signal: ctx.signal,
      onPart: ctx.onPart,
      onToolCall: (call) => ctx.progress?.(`${call.name} ${String(call.arguments.path ?? call.arguments.text ?? '')}`.trim()),
    });
    transcript = loop.messages;
    usage = addUsage(usage, loop.usage);
    let parsed = parseTestFileReply(loop.text);
    if (!parsed) {
      transcript = [...transcript, { role: 'user', content: `Your reply holds no test file. ${testFileFormat}` }];
      const retry = await runToolLoop({ model: ctx.model, messages: transcript, tools: [], runTool: async () => '', maxToolTurns: 0, signal: ctx.signal });
      transcript = retry.messages;
      usage = addUsage(usage, retry.usage);
      parsed = parseTestFileReply(retry.text);
    }
    return parsed?.content;
  };

  const runs: TestRunSummary[] = [];
  const result = (content: string, extra: Partial<TestsResult>): SkillRun<TestsResult> => ({
    result: { target, ...(input.symbol ? { symbol: input.symbol } : {}), testFile, content, framework: fw.id, command: command.argv, passed: false, runs, usage, model: ctx.model.identity, ...extra },
    transcript,
    tools: readOnlyToolSpecs,
  });

  ctx.progress?.(`Writing ${fw.id} tests for ${input.symbol ?? target} with ${ctx.model.identity.model}…`);
  let content = await ask(testsMaxToolTurns);
  if (content === undefined) return result('', { failure: 'The model did not answer with a test file.' });
  for (let turn = 0; ; turn++) {
    ctx.progress?.(`Running the tests (${turn === 0 ? 'first version' : `fix ${turn}`})…`);
    // The test file exists only in the run's throwaway view of the workspace, with whatever the tests write.
    const run = await runInView(
      (request) => ctx.run!(request, { purpose: 'run the generated tests', fileArgumentIndexes: command.fileArgumentIndexes }),
      { argv: command.argv, cwd: command.cwd, timeoutMs: runTimeoutMs, maxOutputBytes: 200_000, signal: ctx.signal, sandbox: { writable: [root] } },
      { root, files: [{ path: testFile, content, create: true }], journal: ctx.journal, signal: ctx.signal },
    );
    runs.push({ turn, exitCode: run.exitCode, timedOut: run.timedOut, durationMs: run.durationMs, output: tail(run.output), ...(run.isolation ? { isolation: run.isolation } : {}) });
    if (passed(run)) break;
    if (turn >= testsMaxFixTurns) return result(content, { failure: `The tests still fail on the current code after ${turn} fix(es); they are not offered.` });
    transcript = [...transcript, buildTestFixMessage(tail(run.output), turn + 1, testsMaxFixTurns, run.exitCode, run.timedOut)];
    const fixed = await ask(0);
    if (fixed === undefined) return result(content, { failure: 'The model did not answer the failing run with a test file.' });
    content = fixed;
  }

  const mutants = input.mutants ?? testsDefaultMutants;
  if (mutants <= 0 || !ctx.grammarAssetDirs?.length) return result(content, { passed: true });
  ctx.progress?.(`Checking the tests against up to ${mutants} mutants of ${input.symbol ?? target}…`);
  const loader = new TreeSitterLoader(grammarLocator(ctx.grammarAssetDirs));
  try {
    const mutation = await mutationTest({
      root,
      target,
      symbol: input.symbol,
      testFile,
      maxMutants: mutants,
      loader,
      journal: ctx.journal,
      files: [{ path: testFile, content, create: true }],
      sandbox: true,
      timeoutMs: runTimeoutMs,
      signal: ctx.signal,
      progress: ctx.progress,
      command,
      run: (request) => ctx.run!(request, { purpose: 'run the generated tests against a mutant', fileArgumentIndexes: command.fileArgumentIndexes }),
    });
    return result(content, { passed: true, mutation });
  } finally {
    loader.dispose();
  }
}

export function testsFeedback(result: TestsResult): SkillFeedback {
  return {
    files: [result.target],
    metrics: {
      fixTurns: Math.max(0, result.runs.length - 1),
      ...(result.mutation ? { mutants: result.mutation.total, mutantsKilled: result.mutation.killed } : {}),
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
    },
    labels: [
      { kind: 'check', name: 'testsPass', passed: result.passed, detail: { runs: result.runs.length } },
      ...(result.mutation ? [{ kind: 'check' as const, name: 'mutationScore', passed: result.mutation.score >= 0.5, value: result.mutation.score, detail: { killed: result.mutation.killed, total: result.mutation.total } }] : []),
    ],
  };
}

export function summarizeTests(result: TestsResult): string {
  const lines: string[] = [];
  if (!result.passed) {
    lines.push(`**No tests offered:** ${result.failure ?? 'the tests did not pass on the current code.'}`);
    const last = result.runs[result.runs.length - 1];
    if (last) lines.push('', '```text', last.output.trimEnd(), '```');
    return lines.join('\n');
  }
  const m = result.mutation;
  lines.push(`**Tests ready:** \`${result.testFile}\` (${result.framework}) passes on the current code${result.runs.length > 1 ? ` after ${result.runs.length - 1} fix(es)` : ''}.`);
  if (m) {
    lines.push('', `**Mutation score ${(m.score * 100).toFixed(0)}%:** ${m.killed} of ${m.total} mutants of ${m.symbol ?? m.file} killed.`);
    const survivors = m.mutants.filter((x) => x.status === 'survived');
    if (survivors.length) {
      lines.push('', 'Gaps (mutants the tests do not catch):');
      for (const s of survivors) lines.push(`- ${s.description}`);
    }
  }
  lines.push('', '```', result.content.trimEnd(), '```');
  return lines.join('\n');
}

/** The unit-test generation skill: tests in the project's framework, run, fixed, and checked against mutants. */
export const testsSkill: SkillDefinition<TestsInput, TestsResult> = {
  id: 'tests',
  needs: ['run'],
  title: 'Generate Tests',
  commandId: 'atomicSkills.generateTests',
  toolName: 'atomicSkills_generateTests',
  toolReferenceName: 'generateTests',
  toolDisplayName: 'Generate Tests',
  userDescription: 'Write unit tests for a function, class or file in the project\'s framework; they are run, and checked against injected faults (mutants).',
  modelDescription:
    'Write and run unit tests for a function, method, class or file of the workspace, in the project\'s own test framework. Use it when asked for tests of specific code. The tests are run (they must pass on the current code, failing ones are fixed) and then run against mutants of the target; returns JSON with the test file path and content, the runs, and the mutation score with the surviving mutants. Nothing is written to the workspace.',
  inputSchema: {
    type: 'object',
    properties: {
      target: { type: 'string', description: 'Workspace-relative file with the code under test.' },
      symbol: { type: 'string', description: 'Function, method or class name in the target (Class.method allowed).' },
      behaviour: { type: 'string', description: 'The intended behaviour, if it is not obvious from the code.' },
      testFile: { type: 'string', description: 'Where the tests should go (must not exist).' },
      mutants: { type: 'integer', minimum: 0, maximum: 100, description: 'How many mutants to check the tests against.' },
    },
    required: ['target'],
  },
  chatCommand: { name: 'tests', description: 'Write unit tests for the code at the cursor, run them, and score them against mutants' },
  run: runTestsSkill,
  summarize: summarizeTests,
  feedback: testsFeedback,
  check: testsCheck,
  agentGuidance: {
    readCheck:
      '`passed` is true when the generated tests pass on the current code (check `testsPass`); only then is a test file offered. `mutation.score` (killed / total mutants) and the surviving mutants show what the tests miss.',
    onCheckFailed:
      'Read `failure`: when the tests fail on the current code, either they assert the wrong behaviour (state the intended behaviour in `behaviour` and call again) or the code has a bug (reproduce and fix it first). Surviving mutants are gaps: call again with `behaviour` naming the cases they reveal.',
  },
  retryFeedbackField: 'behaviour',
  proposes: testsProposal,
};
