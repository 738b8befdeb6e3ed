import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LocalizationResult, LocalizeInput } from '../../core/skills/localize/localizeTypes';
import type { LocalizationView } from '../localizationView';
import type { SkillPresenter } from './presenter';
import { askForTask } from './taskInput';

function activeRelative(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') return undefined;
  const rel = vscode.workspace.asRelativePath(doc.uri, false);
  return rel === doc.uri.fsPath ? undefined : rel;
}

export function localizePresenter(view: LocalizationView): SkillPresenter<LocalizeInput, LocalizationResult> {
  return {
    async commandInput() {
      const task = await askForTask('Atomic Skills: Localize', 'Describe the task or paste the issue (a stack trace helps)');
      return task ? { task, activeFile: activeRelative() } : undefined;
    },

    async showCommandResult(result, context, recordId) {
      await view.show(result, context.workspace.root, recordId);
      const dropped = result.dropped.length ? ` (${result.dropped.length} named file${result.dropped.length === 1 ? '' : 's'} did not exist)` : '';
      void vscode.window.showInformationMessage(`Atomic Skills: files to change: ${result.committed.join(', ') || 'none'}${dropped}`);
    },

    chatInput(prompt) {
      return { task: prompt, activeFile: activeRelative() };
    },

    renderChat(result, stream, context) {
      const anchor = (rel: string, line?: number) => {
        const uri = vscode.Uri.file(path.join(context.workspace.root, rel));
        stream.anchor(line ? new vscode.Location(uri, new vscode.Position(line - 1, 0)) : uri, line ? `${rel}:${line}` : rel);
      };
      stream.markdown('**Files to change:** ');
      result.committed.forEach((c, i) => {
        if (i) stream.markdown(', ');
        anchor(c);
      });
      stream.markdown('\n\n');
      result.files.forEach((f, i) => {
        stream.markdown(`${i + 1}. `);
        anchor(f.path);
        stream.markdown(` (${f.score.toFixed(2)}) — ${f.reason}\n`);
        for (const s of f.symbols) {
          stream.markdown('   - ');
          anchor(f.path, s.startLine);
          stream.markdown(` \`${s.name}\` ${s.kind}, lines ${s.startLine}-${s.endLine}\n`);
        }
      });
      if (result.dropped.length) stream.markdown(`\n_Dropped (not in the workspace): ${result.dropped.map((d) => d.path).join(', ')}_\n`);
    },

    toolInvocationMessage(input) {
      const task = (input.task ?? '').replace(/\s+/g, ' ').trim();
      return `Localizing "${task.length > 60 ? task.slice(0, 57) + '…' : task}"`;
    },
  };
}
