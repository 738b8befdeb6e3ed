import type * as vscode from 'vscode';
import type { SkillContext } from '../../core/skills/skillTypes';

/** What an @atomic request points at: files and a selection attached with #file or the paperclip. */
export interface ChatReferences {
  /** Workspace-relative, `/` separators. */
  files: string[];
  selection?: { path: string; startLine: number; endLine: number };
}

/** How a skill whose tool changes the workspace asks first and then acts (the LM tool surface). */
export interface ToolAction<Output> {
  /** The confirmation shown before the change is made; undefined: nothing to change, no question. */
  confirmation(result: Output): vscode.LanguageModelToolConfirmationMessages | undefined;
  /** Makes the change after the user confirmed; returns what changed, for the calling model. */
  apply(result: Output, context: SkillContext, recordId: string | undefined): Promise<string>;
}

/** How one skill meets the user in VS Code: where its input comes from and how its result is shown. */
export interface SkillPresenter<Input, Output> {
  /** Asks for the command's input; undefined when the user cancels. */
  commandInput(): Promise<Input | undefined>;
  /** `recordId`: the preference record of this result, when recording is on. */
  showCommandResult(result: Output, context: SkillContext, recordId?: string): Promise<void>;
  /** Reads the input from an @atomic request's text and references. */
  chatInput(prompt: string, references: ChatReferences): Input | Promise<Input>;
  renderChat(result: Output, stream: vscode.ChatResponseStream, context: SkillContext, recordId?: string): void;
  /** "Reviewing uncommitted changes" — shown while the LM tool runs. */
  toolInvocationMessage(input: Input): string;
  /** Present for skills whose tool writes: the tool runs the skill first, asks, then applies. */
  toolAction?: ToolAction<Output>;
}
