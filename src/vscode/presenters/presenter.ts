import type * as vscode from 'vscode';
import type { SkillContext } from '../../core/skills/skillTypes';

/** How one skill meets the user in VS Code: where its input comes from and how its result is shown. */
export interface SkillPresenter<Input, Output> {
  /** Asks for the command's input; undefined when the user cancels. */
  commandInput(): Promise<Input | undefined>;
  /** `recordId`: the preference record of this result, when recording is on. */
  showCommandResult(result: Output, context: SkillContext, recordId?: string): Promise<void>;
  /** Reads the input from an @atomic request's text. */
  chatInput(prompt: string): Input;
  renderChat(result: Output, stream: vscode.ChatResponseStream, context: SkillContext, recordId?: string): void;
  /** "Reviewing uncommitted changes" — shown while the LM tool runs. */
  toolInvocationMessage(input: Input): string;
}
