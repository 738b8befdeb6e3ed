import type { Settings } from '../config';
import type { ProposedFile } from '../diff/proposedFile';
import type { PathSafety } from '../edits/pathSafety';
import type { MutationJournal } from '../mutate/mutationJournal';
import type { RunRequest, RunResult } from '../run/runTypes';
import type { Label } from '../feedback/feedbackTypes';
import type { ChatMessage, ChatModel, ResponsePart, ToolSpec } from '../model/types';
import type { WorkspacePort } from '../workspace';
import type { CodeIndex } from '../code/codeIndex';
import type { ChangeSource } from '../changeSource';
import type { Surface } from '../surface';
import type { AskAnswer, StepEvent, WorkflowStep } from '../workflows/workflowTypes';

export type { Surface };

/** Why a command runs, for the consent question: what it is for and which arguments are file paths. */
export interface RunPurpose {
  /** "run the generated tests", "run the reproduction script" */
  purpose: string;
  /** Positions of file arguments an "always allow" may generalise. */
  fileArgumentIndexes?: number[];
  /** The model wrote this command (not derived from the project's own test setup). */
  modelProposed?: boolean;
}

export type CommandRunner = (request: RunRequest, why: RunPurpose) => Promise<RunResult>;

/** What a skill needs from its surface beyond the model and the workspace ('run': it runs code). */
export type SkillNeed = 'git' | 'index' | 'run';

export interface SkillContext {
  model: ChatModel;
  workspace: WorkspacePort;
  /** The repository's changes; present when the skill needs 'git'. */
  changes?: ChangeSource;
  /** The code index, built or refreshed on demand; present when the skill needs 'index'. */
  codeIndex?: (signal: AbortSignal) => Promise<CodeIndex>;
  /**
   * Folders holding tree-sitter.wasm and the grammars (the CLI's codeAssetDirs(), the extension's
   * install folder). Skills that edit use them for the parse guard; absent: no parse check.
   */
  grammarAssetDirs?: readonly string[];
  /** Asked once per path an edit wants to write outside the workspace, in .git or in editor settings; absent: refused. */
  confirmUnsafePath?: (safety: PathSafety) => Promise<boolean>;
  /**
   * Runs a command for the skill (tests, a reproduction). The surface decides whether it may:
   * workspace trust and the user's consent in VS Code, the flags in the CLI. Absent: the skill
   * cannot run anything and says so.
   */
  run?: CommandRunner;
  /** Journal for mutants and temporary files, so a crash never leaves them in the workspace. */
  journal?: MutationJournal;
  settings: Settings;
  signal: AbortSignal;
  surface: Surface;
  /** Short status lines ("Reading src/a.ts…"). */
  progress?: (message: string) => void;
  /** The model's output as it streams. */
  onPart?: (part: ResponsePart) => void;
  /** Asked when a workflow step fails and its policy is `ask`; absent (no one to ask): the workflow stops there. */
  askOnFailure?: (step: WorkflowStep, failure: string) => Promise<AskAnswer>;
  /** Each workflow step as it starts and as it ends (with its record). */
  onStep?: (event: StepEvent) => void;
  /** Records a skill run as preference data and returns its record id: how a workflow records each step. */
  record?: SkillRecorder;
}

/** Records one skill run (nothing for a skill that declares no feedback); undefined when recording is off. */
export type SkillRecorder = (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  skill: Pick<StepSkillDefinition<any, any>, 'id' | 'feedback'>,
  run: SkillRun<unknown>,
  context: SkillContext,
) => Promise<string | undefined>;

export interface SkillRun<Output> {
  result: Output;
  /** Every message sent and received, for the preference record. */
  transcript: ChatMessage[];
  /** The tools offered to the model with those messages. */
  tools?: ToolSpec[];
  /** Preference records the run made of its parts through `context.record` (a workflow's steps), in order. */
  recordIds?: string[];
}

/** What a result contributes to its preference record. */
export interface SkillFeedback {
  /** Workspace-relative files the result is about (their content hashes are recorded). */
  files: string[];
  metrics: Record<string, number>;
  /** Labels known at once, e.g. the skill's own executable check. */
  labels: Label[];
}

/** A skill's executable check of one result: did it do its job (the edit applies, the reproduction fails as described…). */
export interface SkillCheck {
  name: string;
  passed: boolean;
  /** Why it failed (or what it found), in words a retry can act on. */
  detail?: string;
}

/**
 * What a calling agent is told about a skill's check (in its SKILL.md and the Atomic agent):
 * how to read it from the result, and what to do next when it fails.
 */
export interface AgentGuidance {
  /** Which result fields hold the check and what passing means, e.g. "`judgment` is `YES`: …". */
  readCheck: string;
  /** The next step when the check fails, in words an agent can act on. */
  onCheckFailed: string;
}

/**
 * What a workflow needs of a skill to run it as a step: run it, judge it by its check, feed a
 * failure back into a retry, and carry what it proposes on. Every skill is one; `verify` (checks a
 * proposed patch by running tests, no model) is a step skill only.
 */
export interface StepSkillDefinition<Input, Output> {
  /** Short id: the workflow step's `skill`, the CLI subcommand. */
  id: string;
  needs: SkillNeed[];
  /** JSON schema of Input. */
  inputSchema: Record<string, unknown>;
  run(input: Input, context: SkillContext): Promise<SkillRun<Output>>;
  /** A readable summary (markdown) of a result. */
  summarize(result: Output): string;
  /** The skill's executable check: workflows judge a step by it, every surface reports it. */
  check(result: Output): SkillCheck;
  /** The input field a retried step's feedback (why the last attempt failed) is appended to. */
  retryFeedbackField?: keyof Input & string;
  /** The files a result proposes to write (an edit's diffs, a new test file): workflows carry them on. */
  proposes?(result: Output): ProposedFile[];
  /** What a result contributes to its preference record; absent: runs are not recorded. */
  feedback?(result: Output): SkillFeedback;
  /** How an agent reads the check and what it does when it fails (SKILL.md, the Atomic agent). */
  agentGuidance?: AgentGuidance;
}

/**
 * What every surface (command, LM tool, chat command, CLI, MCP) shows of a skill or a workflow,
 * declared once: the skills of the registry, and each workflow through `workflowSkill`.
 */
export interface SkillOrWorkflow<Input, Output> extends StepSkillDefinition<Input, Output> {
  /** Command Palette title after "Atomic Skills: ". */
  title: string;
  /** `atomicSkills.<verbNoun>` */
  commandId: string;
  /** `atomicSkills_<verbNoun>` */
  toolName: string;
  toolReferenceName: string;
  toolDisplayName: string;
  /** Shown to users in the tools picker. */
  userDescription: string;
  /** Shown to calling models: starts with a verb and says when to use the tool. */
  modelDescription: string;
  chatCommand: { name: string; description: string };
  /** The result as JSON for a calling model (an LM tool, the MCP server); default: the result itself. */
  toolResult?(result: Output): unknown;
  /**
   * What it uses when the surface has it, without failing when not: a workflow reads the
   * repository's changes when the folder is one.
   */
  optionalNeeds?: SkillNeed[];
}

/** A skill, declared once; every surface (command, LM tool, chat command, CLI) is generated from this. */
export interface SkillDefinition<Input, Output> extends SkillOrWorkflow<Input, Output> {
  feedback(result: Output): SkillFeedback;
}
