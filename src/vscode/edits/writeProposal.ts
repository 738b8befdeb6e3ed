import * as vscode from 'vscode';
import { proposalForDocument } from '../../core/edits/documentText';
import { minimalReplacement } from '../../core/edits/proposalHunks';
import { AtomicError } from '../../core/errors';
import type { ProposedFile } from './editProposals';

/** One file to move from the text the proposal assumed (`from`, undefined: absent) to `to`. */
export interface FileWrite {
  file: ProposedFile;
  from: string | undefined;
  to: string;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/**
 * Writes accepted proposal text as one WorkspaceEdit (one undo step) and saves the files. Each
 * existing file gets only its changed region replaced, so cursors, folds and the rest of the
 * undo history stay. A file that changed since the proposal was made is not touched: the whole
 * write is refused, nothing half-applied.
 */
export async function writeAccepted(writes: readonly FileWrite[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const documents: vscode.TextDocument[] = [];
  for (const { file, from, to } of writes) {
    if (from === undefined) {
      if (await exists(file.uri)) throw new AtomicError('editNotApplied', `${file.path} was created since the edit was proposed; nothing was written. Run the edit again.`);
      edit.createFile(file.uri, { contents: Buffer.from(to, 'utf8') });
      continue;
    }
    const doc = await vscode.workspace.openTextDocument(file.uri);
    const current = doc.getText();
    const mapped = proposalForDocument(current, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n', from, to);
    if (!mapped) {
      throw new AtomicError(
        'editNotApplied',
        doc.isDirty
          ? `${file.path} has unsaved changes the edit was not made for; nothing was written. Save or revert the file, then run the edit again.`
          : `${file.path} changed since the edit was proposed; nothing was written. Run the edit again on the current text.`,
      );
    }
    const r = minimalReplacement(current, mapped.to);
    edit.replace(file.uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text);
    documents.push(doc);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new AtomicError('editNotApplied', `VS Code refused the edit to ${writes.map((w) => w.file.path).join(', ')}; nothing was written.`);
  }
  for (const doc of documents) if (doc.isDirty) await doc.save();
}
